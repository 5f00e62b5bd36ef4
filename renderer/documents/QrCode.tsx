import QRCode from 'qrcode';

/**
 * The QR code as crisp SVG squares (prints sharp at any size; no image to wait for). Error correction M:
 * a smudged thermal print still reads. The quiet zone of 4 modules is part of the drawing.
 */
const QUIET = 4;

export function qrPath(payload: string): { size: number; d: string } {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) if (modules.get(y, x)) d += `M${x + QUIET} ${y + QUIET}h1v1h-1z`;
  return { size: n + 2 * QUIET, d };
}

export function QrCode({ payload, label }: { payload: string; label: string }) {
  const { size, d } = qrPath(payload);
  return (
    <svg
      className="doc-qr"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="doc-qr"
      data-payload={payload}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

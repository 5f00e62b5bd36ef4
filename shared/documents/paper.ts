/**
 * The two paper formats (issue 16): A4 sheets and an 80 mm receipt roll. Sizes in millimetres for CSS and
 * in microns for Electron's `webContents.print` (which ignores the printer's own paper size when silent).
 */
export const PAPER_FORMATS = ['a4', 'receipt80'] as const;
export type PaperFormat = (typeof PAPER_FORMATS)[number];

export const PAPER: Record<PaperFormat, { widthMm: number; heightMm?: number }> = {
  a4: { widthMm: 210, heightMm: 297 },
  // A roll: the page is as long as the document.
  receipt80: { widthMm: 80 },
};

/** The smallest QR code printed (ISSUE 16: at least 25 mm, so a phone reads it off thermal paper). */
export const QR_MIN_MM = 25;

/** Electron rejects a page side under 353 microns; a receipt is never shorter than this anyway. */
const MIN_RECEIPT_MM = 50;
/** A roll can be long, but a runaway measurement must not feed metres of paper. */
export const MAX_RECEIPT_MM = 2000;

export function isPaperFormat(value: unknown): value is PaperFormat {
  return typeof value === 'string' && (PAPER_FORMATS as readonly string[]).includes(value);
}

/** Page size in microns; a receipt takes the measured height of its content (rounded up to a millimetre). */
export function pageSizeMicrons(
  format: PaperFormat,
  contentHeightMm?: number,
): { width: number; height: number } {
  const paper = PAPER[format];
  const measured =
    contentHeightMm !== undefined && Number.isFinite(contentHeightMm) ? Math.ceil(contentHeightMm) : 0;
  const heightMm =
    paper.heightMm ?? Math.min(MAX_RECEIPT_MM, Math.max(MIN_RECEIPT_MM, measured || MIN_RECEIPT_MM));
  return { width: paper.widthMm * 1000, height: heightMm * 1000 };
}

/** CSS pixels (96 per inch) to millimetres, for a height measured in the page. */
export const pxToMm = (px: number): number => (px * 25.4) / 96;

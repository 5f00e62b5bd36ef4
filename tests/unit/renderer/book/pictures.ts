import { decodeImport, encodePage, type ProcessedImage } from '../../../../renderer/book/imaging';

/** A page of text drawn on a canvas: `seed` makes pages that differ. */
export async function picture(width: number, height: number, type = 'image/png', seed = 0): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#123';
  ctx.font = `${Math.round(height / 20)}px serif`;
  for (let y = 1; y < 20; y++) ctx.fillText(`Строка ${y} · ${seed}`, width / 20, (y * height) / 20);
  return canvas.convertToBlob({ type });
}

export async function processed(blob: Blob, longEdge = 2000): Promise<ProcessedImage> {
  const { bitmap, sourceSha256 } = await decodeImport(blob);
  return encodePage(bitmap, { longEdge, quality: 0.85 }, sourceSha256);
}

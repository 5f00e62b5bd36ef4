import { MAX_IMPORT_BYTES, type PageMime } from '../../shared/book/model';
import { sha256Hex } from '../platform/sha256';

/**
 * Turning a camera frame or an imported file into the page image that is stored and mailed (R6): decode,
 * downscale to a readable size, re-encode as JPEG, hash. Runs inside the image worker (image.worker.ts);
 * plain functions so the browser tests can call them directly.
 */

export interface ProcessOptions {
  /** Long edge of the result in pixels; smaller images are not enlarged. */
  longEdge: number;
  /** JPEG quality 0–1. */
  quality: number;
  /** Clockwise quarter turns applied after decoding (the Rotate button). */
  rotate?: 0 | 90 | 180 | 270;
}

export interface ProcessedImage {
  blob: Blob;
  mime: PageMime;
  sha256: string;
  /** Of the bytes as imported (or of the result, for a camera frame): finds an identical import. */
  sourceSha256: string;
  width: number;
  height: number;
}

export const IMAGE_REJECTIONS = [
  'empty',
  'too_large',
  'not_image',
  'unsupported_heic',
  'unsupported_pdf',
  'corrupt',
  'too_small',
  // the stored image of a page is gone from this computer (rotate, hand-mailed fallback)
  'missing',
] as const;
export type ImageRejection = (typeof IMAGE_REJECTIONS)[number];

export class ImageRejected extends Error {
  constructor(readonly code: ImageRejection) {
    super(`Image refused: ${code}`);
  }
}

/** Smallest side a page photo may have: anything smaller cannot show handwriting. */
export const MIN_SIDE = 200;

export type SniffedType = 'jpeg' | 'png' | 'webp' | 'gif' | 'bmp' | 'heic' | 'pdf';

/** What the bytes are, by their signature: a file's name and declared type may lie. */
export function sniffImageType(b: Uint8Array): SniffedType | null {
  const at = (offset: number, ...bytes: number[]) => bytes.every((x, i) => b[offset + i] === x);
  const ascii = (offset: number, text: string) => at(offset, ...[...text].map((c) => c.charCodeAt(0)));
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp';
  if (ascii(0, 'GIF8')) return 'gif';
  if (ascii(0, 'BM')) return 'bmp';
  if (ascii(0, '%PDF')) return 'pdf';
  if (ascii(4, 'ftyp') && ['heic', 'heix', 'hevc', 'heif', 'mif1', 'msf1'].some((brand) => ascii(8, brand)))
    return 'heic';
  return null;
}

/** Checks an imported file's bytes and decodes them; refuses with a code the UI translates. */
export async function decodeImport(file: Blob): Promise<{ bitmap: ImageBitmap; sourceSha256: string }> {
  if (file.size === 0) throw new ImageRejected('empty');
  if (file.size > MAX_IMPORT_BYTES) throw new ImageRejected('too_large');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffImageType(bytes);
  // Chromium decodes neither HEIC nor PDF pages; the employee is told how to get a JPEG instead.
  if (type === 'heic') throw new ImageRejected('unsupported_heic');
  if (type === 'pdf') throw new ImageRejected('unsupported_pdf');
  if (type === null) throw new ImageRejected('not_image');
  let bitmap: ImageBitmap;
  try {
    // EXIF orientation is applied, so a phone photo taken upright stays upright.
    bitmap = await createImageBitmap(new Blob([bytes]), { imageOrientation: 'from-image' });
  } catch {
    throw new ImageRejected('corrupt');
  }
  return { bitmap, sourceSha256: await sha256Hex(bytes) };
}

export function targetSize(
  width: number,
  height: number,
  longEdge: number,
): { width: number; height: number } {
  const scale = Math.min(1, longEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Downscale (+ rotate) and encode a decoded image; closes the bitmap. */
export async function encodePage(
  bitmap: ImageBitmap,
  options: ProcessOptions,
  sourceSha256?: string,
): Promise<ProcessedImage> {
  try {
    if (Math.min(bitmap.width, bitmap.height) < MIN_SIDE) throw new ImageRejected('too_small');
    const size = targetSize(bitmap.width, bitmap.height, options.longEdge);
    const turn = options.rotate ?? 0;
    const sideways = turn === 90 || turn === 270;
    const canvas = new OffscreenCanvas(
      sideways ? size.height : size.width,
      sideways ? size.width : size.height,
    );
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D context');
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.translate(canvas.width / 2, canvas.height / 2);
    ctx.rotate((turn * Math.PI) / 180);
    ctx.drawImage(bitmap, -size.width / 2, -size.height / 2, size.width, size.height);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: options.quality });
    const sha256 = await sha256Hex(await blob.arrayBuffer());
    return {
      blob,
      mime: 'image/jpeg',
      sha256,
      sourceSha256: sourceSha256 ?? sha256,
      width: canvas.width,
      height: canvas.height,
    };
  } finally {
    bitmap.close();
  }
}

import { describe, expect, it } from 'vitest';
import {
  ImageRejected,
  MIN_SIDE,
  decodeImport,
  encodePage,
  sniffImageType,
  targetSize,
} from '../../../../renderer/book/imaging';
import { sha256Hex } from '../../../../renderer/platform/sha256';
import { picture, processed } from './pictures';

// R6 in a real Chromium: the image pipeline (decode, downscale, JPEG, SHA-256).

describe('image pipeline', () => {
  it('downscales a 12-megapixel frame to the long edge, keeps the aspect, and hashes the JPEG it stores', async () => {
    const image = await processed(await picture(4000, 3000, 'image/jpeg'));
    expect([image.width, image.height]).toEqual([2000, 1500]);
    expect(image.mime).toBe('image/jpeg');
    expect(sniffImageType(new Uint8Array(await image.blob.arrayBuffer()))).toBe('jpeg');
    expect(image.blob.size).toBeLessThan(1_500_000);
    expect(image.sha256).toBe(await sha256Hex(await image.blob.arrayBuffer()));
  });

  it('gives the same hash for the same bytes, and a different one for a different page', async () => {
    const a = await picture(1200, 1600, 'image/png', 1);
    const again = new Blob([await a.arrayBuffer()], { type: 'image/png' });
    const [x, y, z] = await Promise.all([
      processed(a),
      processed(again),
      processed(await picture(1200, 1600, 'image/png', 2)),
    ]);
    expect(x.sha256).toBe(y.sha256);
    expect(x.sourceSha256).toBe(y.sourceSha256);
    expect(z.sha256).not.toBe(x.sha256);
  });

  it('does not enlarge a small scan; rotation swaps the sides', async () => {
    const small = await processed(await picture(900, 1200));
    expect([small.width, small.height]).toEqual([900, 1200]);
    const { bitmap } = await decodeImport(await picture(900, 1200));
    const turned = await encodePage(bitmap, { longEdge: 2000, quality: 0.85, rotate: 90 });
    expect([turned.width, turned.height]).toEqual([1200, 900]);
  });

  it.each([
    ['empty', new Blob([])],
    ['not_image', new Blob(['hello, this is text'])],
    ['unsupported_pdf', new Blob(['%PDF-1.7\n…'])],
    [
      'unsupported_heic',
      new Blob([new Uint8Array([0, 0, 0, 24, ...[...'ftypheic'].map((c) => c.charCodeAt(0)), 0, 0])]),
    ],
    ['corrupt', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4])])],
  ])('refuses %s input', async (code, blob) => {
    await expect(decodeImport(blob)).rejects.toEqual(new ImageRejected(code as ImageRejected['code']));
  });

  it('refuses an image too small to read', async () => {
    const { bitmap } = await decodeImport(await picture(MIN_SIDE - 1, 400));
    await expect(encodePage(bitmap, { longEdge: 2000, quality: 0.85 })).rejects.toEqual(
      new ImageRejected('too_small'),
    );
  });

  it.each([
    [4000, 3000, 2000, [2000, 1500]],
    [3000, 4000, 2000, [1500, 2000]],
    [1000, 800, 2000, [1000, 800]],
    [4032, 3024, 1600, [1600, 1200]],
  ])('targetSize %i×%i → long edge %i', (w, h, edge, expected) => {
    const s = targetSize(w, h, edge);
    expect([s.width, s.height]).toEqual(expected);
  });
});

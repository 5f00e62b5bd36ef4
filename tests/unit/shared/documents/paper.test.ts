import { describe, expect, it } from 'vitest';
import { MAX_RECEIPT_MM, pageSizeMicrons, pxToMm } from '../../../../shared/documents';

describe('paper sizes for Electron (microns)', () => {
  it.each([
    ['a4', undefined, { width: 210_000, height: 297_000 }],
    ['a4', 500, { width: 210_000, height: 297_000 }],
    ['receipt80', 123.2, { width: 80_000, height: 124_000 }],
    ['receipt80', 10, { width: 80_000, height: 50_000 }],
    ['receipt80', undefined, { width: 80_000, height: 50_000 }],
    ['receipt80', Number.NaN, { width: 80_000, height: 50_000 }],
    ['receipt80', 1e9, { width: 80_000, height: MAX_RECEIPT_MM * 1000 }],
  ] as const)('%s with content %s mm → %j', (format, height, expected) => {
    expect(pageSizeMicrons(format, height)).toEqual(expected);
  });

  it('converts CSS pixels to millimetres at 96 per inch', () => {
    expect(pxToMm(96)).toBeCloseTo(25.4);
  });
});

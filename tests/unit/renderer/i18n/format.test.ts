import { describe, expect, it } from 'vitest';
import { formatFileSize } from '../../../../renderer/i18n/format';

// Issue 15 item 2 (R3, R25): an attached file's size in the reader's language, in the binary units the
// 25 MB limit is counted in.

describe('formatFileSize', () => {
  it.each<[number, string, RegExp]>([
    [15, 'ru', /^15\sБ$/],
    [1536, 'en', /^1\.5\skB$/],
    [830 * 1024, 'ru', /^830\sкБ$/],
    [25 * 1024 ** 2, 'cs', /^25\sMB$/],
    [2.4 * 1024 ** 2, 'uk', /^2,4\sМБ$/],
    [3 * 1024 ** 2, 'ko', /^3\s?MB$/],
  ])('%d bytes in %s', (bytes, lng, shown) => {
    expect(formatFileSize(bytes, lng)).toMatch(shown);
  });
});

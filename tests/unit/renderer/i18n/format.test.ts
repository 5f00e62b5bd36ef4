import { describe, expect, it } from 'vitest';
import { endonym, formatFileSize } from '../../../../renderer/i18n/format';
import { LANGUAGES } from '../../../../shared/settings/languages';

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

describe('endonym', () => {
  // Issue 17: the app's languages are written out (shared/settings/languages.ts ENDONYMS) rather than asked of
  // Intl at every start; they must read as this browser's Intl words them.
  it.each(LANGUAGES)('%s is named as Chromium names it in itself', (lng) => {
    const name = new Intl.DisplayNames([lng], { type: 'language' }).of(lng)!;
    expect(endonym(lng)).toBe(name.charAt(0).toLocaleUpperCase(lng) + name.slice(1));
  });

  it('asks Intl for a language the app does not ship', () => {
    expect(endonym('de')).toBe('Deutsch');
  });
});

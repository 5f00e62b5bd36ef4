import { describe, expect, it } from 'vitest';
import { ENDONYMS, LANGUAGES } from '../../../../shared/settings/languages';

// R25, issue 17: each language's own name, written out so the switcher does not load five locales' display
// data at every start — as Intl (here Node's ICU; Chromium's in tests/unit/renderer/i18n/format.test.ts)
// words it.
describe('ENDONYMS', () => {
  it.each(LANGUAGES)('%s', (lng) => {
    const name = new Intl.DisplayNames([lng], { type: 'language' }).of(lng)!;
    expect(ENDONYMS[lng]).toBe(name.charAt(0).toLocaleUpperCase(lng) + name.slice(1));
  });

  it('names every language and nothing else', () => {
    expect(Object.keys(ENDONYMS).sort()).toEqual([...LANGUAGES].sort());
  });
});

import { afterAll, describe, expect, it, vi } from 'vitest';
import { i18next, initI18n, loadLanguage } from '../../../../renderer/i18n';
import { loadCatalogue, NAMESPACES } from '../../../../renderer/i18n/resources';
import { LANGUAGES, type Language } from '../../../../shared/settings/workstation';

// Issue 17 (opening the app): only the languages in use are loaded, each when it is first needed; what the
// screen shows is the same as with every catalogue in the page (R25). Each test starts an instance of its
// own (the files of this worker share the page and its i18next); the app's is set back afterwards.

afterAll(() => initI18n('ru'));

async function fresh(language: Language) {
  const instance = await initI18n(language, i18next.createInstance());
  const loaded = () => LANGUAGES.filter((l) => instance.hasResourceBundle(l, 'common'));
  return { instance, loaded };
}

describe('initI18n', () => {
  it('loads the screen language and the fallback (Russian), every namespace, and nothing else', async () => {
    const { instance, loaded } = await fresh('en');
    expect(loaded()).toEqual(['ru', 'en']);
    for (const ns of NAMESPACES) expect(instance.hasResourceBundle('en', ns), ns).toBe(true);
    expect(instance.t('nav.complaints')).toBe('Complaints');
    expect(document.documentElement.lang).toBe('en');
  });

  it('Russian alone for a Russian screen', async () => {
    const { instance, loaded } = await fresh('ru');
    expect(loaded()).toEqual(['ru']);
    expect(instance.t('nav.feedbackBook')).toBe('Книга отзывов');
  });

  it.each(LANGUAGES.filter((l) => l !== 'ru'))('loads %s when the screen switches to it', async (lng) => {
    const { instance, loaded } = await fresh('ru');
    await instance.changeLanguage(lng);
    const common = await loadCatalogue(lng, 'common');
    expect(instance.t('nav.complaints')).toBe((common.nav as Record<string, string>).complaints);
    expect(loaded()).toEqual(['ru', lng]);
    expect(document.documentElement.lang).toBe(lng);
  });

  it("loads a customer's language for a fixed translator without changing the screen's", async () => {
    const { instance, loaded } = await fresh('uk');
    await instance.loadLanguages('ko');
    expect(instance.getFixedT('ko', 'documents')('title.acknowledgement')).toBe('불만 접수 확인서');
    expect(instance.language).toBe('uk');
    expect(instance.t('nav.complaints')).toBe('Скарги');
    expect(loaded()).toEqual(['ru', 'uk', 'ko']);
  });

  it('still reports a missing key as an error (the end-to-end tests fail on it)', async () => {
    const { instance } = await fresh('cs');
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    instance.t('nav.noSuchKey' as never);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('Missing translation common:nav.noSuchKey'));
    error.mockRestore();
  });
});

describe('loadLanguage', () => {
  it("loads a language's catalogues and says so; a second call finds them in place", async () => {
    const { instance, loaded } = await fresh('ru');
    await expect(loadLanguage('cs', ['documents', 'mail'], instance)).resolves.toBe(true);
    expect(instance.hasResourceBundle('cs', 'documents')).toBe(true);
    expect(instance.hasResourceBundle('cs', 'common')).toBe(false);
    expect(loaded()).toEqual(['ru']);
    await expect(loadLanguage('cs', undefined, instance)).resolves.toBe(true);
    expect(loaded()).toEqual(['ru', 'cs']);
  });

  it('has the catalogues in place while i18next is still loading the same language', async () => {
    const { instance } = await fresh('ru');
    // i18next's own loadLanguages answers at once for a language already asked for (here: still loading).
    void instance.loadLanguages('ko');
    await instance.loadLanguages('ko');
    await expect(loadLanguage('ko', ['documents'], instance)).resolves.toBe(true);
    expect(instance.getFixedT('ko', 'documents')('title.acknowledgement')).toBe('불만 접수 확인서');
  });

  it('answers false for a catalogue that is not shipped', async () => {
    const { instance } = await fresh('ru');
    await expect(loadLanguage('xx' as never, ['documents'], instance)).resolves.toBe(false);
  });
});

describe('loadCatalogue', () => {
  it('refuses a namespace that is not shipped, saying which file is missing', async () => {
    await expect(loadCatalogue('ru', 'nonexistent' as never)).rejects.toThrow(
      'Missing catalogue locales/ru/nonexistent.json',
    );
  });
});

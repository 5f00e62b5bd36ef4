import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterAll, describe, expect, it } from 'vitest';
import { i18next, initI18n } from '../../../../renderer/i18n';
import { NAMESPACES } from '../../../../renderer/i18n/resources';
import { LANGUAGE_UNAVAILABLE } from '../../../../renderer/i18n/unavailable';
import { LanguageUnavailable } from '../../../../renderer/ui/LanguageUnavailable';
import { LANGUAGES, type Language } from '../../../../shared/settings/workstation';
import { pageRoots } from '../fixtures';

// The screen's language could not be loaded (a damaged install): the screen falls back to Russian, and says
// so beside the language switch, in the chosen language, with a way to load it again. In a real Chromium.

const roots = pageRoots();
afterAll(() => initI18n('ru'));

/** An instance whose screen language is `lng`; `failed`: as after its catalogues failed to load. */
async function mount(lng: Language, failed: boolean, props: Parameters<typeof LanguageUnavailable>[0] = {}) {
  const instance = await initI18n(lng, i18next.createInstance());
  if (failed) {
    for (const ns of NAMESPACES) instance.removeResourceBundle(lng, ns);
    // As when its load failed: i18next does not ask again, and the screen is in the chosen language.
    await instance.changeLanguage(lng);
  }
  const { root, host } = roots.mount();
  root.render(createElement(I18nextProvider, { i18n: instance }, createElement(LanguageUnavailable, props)));
  await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    instance,
    host,
    notice: () => host.querySelector<HTMLElement>('[data-testid="language-unavailable"]'),
  };
}

describe('LanguageUnavailable', () => {
  it.each(LANGUAGES)('%s loaded: nothing is said', async (lng) => {
    const { notice } = await mount(lng, false);
    expect(notice()).toBeNull();
  });

  it.each(LANGUAGES.filter((l) => l !== 'ru'))(
    '%s not loaded: says so in that language, the screen in Russian; "try again" loads it and words the screen in it',
    async (lng) => {
      const { instance, notice } = await mount(lng, true);
      expect(instance.language).toBe(lng);
      expect(instance.t('nav.complaints')).toBe('Жалобы');
      // The page's language is the one it is worded in, for screen readers.
      expect(document.documentElement.lang).toBe('ru');
      await expect.poll(() => notice()?.textContent).toContain(LANGUAGE_UNAVAILABLE[lng].text);
      expect(notice()!.getAttribute('role')).toBe('alert');
      expect(notice()!.lang).toBe(lng);
      const retry = notice()!.querySelector('button')!;
      expect(retry.textContent).toBe(LANGUAGE_UNAVAILABLE[lng].retry);
      retry.click();
      await expect.poll(() => notice()).toBeNull();
      expect(instance.hasResourceBundle(lng, 'common')).toBe(true);
      expect(instance.t('nav.complaints')).not.toBe('Жалобы');
      expect(document.documentElement.lang).toBe(lng);
    },
  );

  it('still not loadable: "try again" reloads the page (the browser keeps a failed script failed for it)', async () => {
    let reloads = 0;
    const { notice } = await mount('cs', true, { load: async () => false, reload: () => (reloads += 1) });
    await expect.poll(() => notice()).not.toBeNull();
    notice()!.querySelector('button')!.click();
    await expect.poll(() => reloads).toBe(1);
    expect(notice()).not.toBeNull();
  });

  it('another language chosen while "try again" loads: that choice stands', async () => {
    let finish: (ok: boolean) => void = () => {};
    const { instance, notice } = await mount('uk', true, {
      load: () => new Promise<boolean>((resolve) => (finish = resolve)),
    });
    await expect.poll(() => notice()).not.toBeNull();
    notice()!.querySelector('button')!.click();
    // Russian: loaded here for sure.
    await instance.changeLanguage('ru');
    await expect.poll(() => notice()).toBeNull();
    finish(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(instance.language).toBe('ru');
  });

  it('Russian not loaded (the fallback too): says so in Russian; "try again" loads it', async () => {
    const { instance, notice } = await mount('ru', true);
    await expect.poll(() => notice()?.textContent).toContain(LANGUAGE_UNAVAILABLE.ru.text);
    notice()!.querySelector('button')!.click();
    await expect.poll(() => notice()).toBeNull();
    expect(instance.t('nav.complaints')).toBe('Жалобы');
  });

  it('gives each language its own words', () => {
    const texts = LANGUAGES.map((l) => LANGUAGE_UNAVAILABLE[l].text);
    expect(new Set(texts).size).toBe(LANGUAGES.length);
  });
});

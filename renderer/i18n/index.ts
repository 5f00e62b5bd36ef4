import i18next, { type BackendModule, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from '../../shared/settings/workstation';
import { loadCatalogue, NAMESPACES, type Namespace } from './resources';

/** Catalogues come from the app's own files (resources.ts), a language when it is first used. */
const catalogues: BackendModule = {
  type: 'backend',
  init() {},
  read(lng, ns, done) {
    if (!isLanguage(lng) || !(NAMESPACES as readonly string[]).includes(ns)) {
      done(new Error(`No catalogue ${lng}/${ns}`), false);
      return;
    }
    loadCatalogue(lng, ns as Namespace).then(
      (catalogue) => done(null, catalogue),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/**
 * One key set for all five languages (R25). A key that resolves nowhere is logged as an error: the
 * end-to-end tests fail on any console error, so a missing translation cannot ship unnoticed. Resolves once
 * the screen's language and the fallback are loaded; another language loads when it is first used
 * (`changeLanguage`, `loadLanguages`, `useTranslation` with `lng`).
 */
export async function initI18n(language: Language, instance: I18n = i18next): Promise<I18n> {
  await instance
    .use(catalogues)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...LANGUAGES],
      ns: [...NAMESPACES],
      // No other language at start, also when initialised again (i18next keeps the options of an earlier init,
      // and with them the languages loaded since).
      preload: false,
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
      saveMissing: true,
      missingKeyHandler: (lngs, ns, key) =>
        console.error(`Missing translation ${ns}:${key} for ${lngs.join(', ')}`),
    });
  const applyLang = (lng: string) => {
    // The language the screen is worded in: the fallback's when the chosen one could not be loaded (a screen
    // reader then reads Russian with a Russian voice).
    const worded = isLanguageLoaded(lng, instance) ? lng : DEFAULT_LANGUAGE;
    document.documentElement.setAttribute('lang', worded);
    document.title = instance.t('app.name');
  };
  applyLang(instance.language);
  instance.on('languageChanged', applyLang);
  return instance;
}

/**
 * Whether the screen can be worded in `lng`: its catalogues are in the page (i18next sets the language even
 * when loading them failed, and then words everything in the fallback).
 */
export function isLanguageLoaded(lng: string, instance: I18n = i18next): boolean {
  return instance.hasResourceBundle(lng, 'common');
}

/**
 * Makes sure a language's catalogues are in the page before something is worded in it outside React (a
 * document, an e-mail): whatever i18next's own loading state says — its `loadLanguages` resolves at once for
 * a language another caller is still loading, and never again tries a namespace whose load failed. False
 * when a catalogue could not be loaded (the caller says so rather than word it in the fallback).
 */
export async function loadLanguage(
  lng: Language,
  namespaces: readonly Namespace[] = NAMESPACES,
  instance: I18n = i18next,
): Promise<boolean> {
  const results = await Promise.all(
    namespaces.map(async (ns) => {
      if (instance.hasResourceBundle(lng, ns)) return true;
      try {
        instance.addResourceBundle(lng, ns, await loadCatalogue(lng, ns), true, false);
        return true;
      } catch {
        return false;
      }
    }),
  );
  return results.every(Boolean);
}

export { i18next };

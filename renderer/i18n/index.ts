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
    document.documentElement.setAttribute('lang', lng);
    document.title = instance.t('app.name');
  };
  applyLang(instance.language);
  instance.on('languageChanged', applyLang);
  return instance;
}

export { i18next };

import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../shared/settings/workstation';
import { resources, NAMESPACES } from './resources';

/**
 * One key set for all five languages (R25). A key that resolves nowhere is logged as an error: the
 * end-to-end tests fail on any console error, so a missing translation cannot ship unnoticed.
 */
export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: [...NAMESPACES],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    saveMissing: true,
    missingKeyHandler: (lngs, ns, key) =>
      console.error(`Missing translation ${ns}:${key} for ${lngs.join(', ')}`),
  });
  const applyLang = (lng: string) => {
    document.documentElement.setAttribute('lang', lng);
    document.title = i18next.t('app.name');
  };
  applyLang(i18next.language);
  i18next.on('languageChanged', applyLang);
  return i18next;
}

export { i18next };

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from '../../shared/settings/workstation';
import { loadLanguage } from '../i18n';
import { NAMESPACES } from '../i18n/resources';
import { LANGUAGE_UNAVAILABLE } from '../i18n/unavailable';

/**
 * Beside the language switch: the screen's language could not be loaded, so what is shown is the fallback's.
 * Said in the chosen language (the words are in the app, not in the catalogue that failed), with a button
 * that loads it again and, once it is there, words the screen in it.
 */
export function LanguageUnavailable() {
  const { i18n } = useTranslation();
  const [trying, setTrying] = useState(false);
  const shown = i18n.language;
  if (!isLanguage(shown) || i18n.hasResourceBundle(shown, 'common')) return null;
  const lng: Language = shown;
  const { text, retry } = LANGUAGE_UNAVAILABLE[lng];
  async function tryAgain() {
    setTrying(true);
    try {
      // Loaded: the switch to the same language re-renders every text in it.
      if (await loadLanguage(lng, NAMESPACES, i18n)) await i18n.changeLanguage(lng);
    } finally {
      setTrying(false);
    }
  }
  return (
    <span className="language-unavailable" role="alert" lang={lng} data-testid="language-unavailable">
      {text}{' '}
      <button type="button" className="link-button" disabled={trying} onClick={() => void tryAgain()}>
        {retry}
      </button>
    </span>
  );
}

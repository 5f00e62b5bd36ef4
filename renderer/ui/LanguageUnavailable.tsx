import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { isLanguage, type Language } from '../../shared/settings/workstation';
import { isLanguageLoaded, loadLanguage } from '../i18n';
import { NAMESPACES } from '../i18n/resources';
import { LANGUAGE_UNAVAILABLE } from '../i18n/unavailable';

const loadAll = (lng: Language, instance: I18n) => loadLanguage(lng, NAMESPACES, instance);
const reloadPage = () => window.location.reload();

/**
 * Beside the language switch: the screen's language could not be loaded, so what is shown is the fallback's.
 * Said in the chosen language (the words are in the app, not in the catalogue that failed). "Try again"
 * loads it and, if the screen is still in that language, words it so; if it still cannot be loaded, it
 * reloads the page: the browser keeps a script that failed to load as failed for the page that asked.
 * `load` and `reload` are the real ones but in tests, where a page cannot reload under its test.
 */
export function LanguageUnavailable({
  load = loadAll,
  reload = reloadPage,
}: {
  load?: typeof loadAll;
  reload?: () => void;
}) {
  const { i18n } = useTranslation();
  const [trying, setTrying] = useState(false);
  // react-i18next hands each render a copy of i18next's state: the language now is the latest render's.
  const current = useRef(i18n.language);
  useEffect(() => {
    current.current = i18n.language;
  });
  const shown = i18n.language;
  if (!isLanguage(shown) || isLanguageLoaded(shown, i18n)) return null;
  const lng: Language = shown;
  const { text, retry } = LANGUAGE_UNAVAILABLE[lng];
  async function tryAgain() {
    setTrying(true);
    try {
      if (!(await load(lng, i18n))) return reload();
      // The user may have chosen another language meanwhile: that choice stands.
      if (current.current === lng) await i18n.changeLanguage(lng);
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

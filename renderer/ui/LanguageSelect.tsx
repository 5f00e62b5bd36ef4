import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage, type Language } from '../../shared/settings/workstation';
import { endonym } from '../i18n/format';
import { rememberLanguage } from '../i18n/language';
import { LanguageUnavailable } from './LanguageUnavailable';

/**
 * The interface language (R25): applies at once and is remembered in this browser for the first paint.
 * `onChange` lets the app keep it somewhere else too (the branch app: the workstation's profile).
 */
export function LanguageSelect({ onChange }: { onChange?: (language: Language) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <label className="language-switcher">
        <span className="visually-hidden">{t('language.label')}</span>
        <select
          value={i18n.language}
          data-testid="language-switcher"
          aria-label={t('language.label')}
          onChange={(e) => {
            const lng = e.target.value;
            if (!isLanguage(lng)) return;
            void i18n.changeLanguage(lng);
            rememberLanguage(lng);
            onChange?.(lng);
          }}
        >
          <LanguageOptions />
        </select>
      </label>
      <LanguageUnavailable />
    </>
  );
}

/** The five languages, each by its own name, as the options of a select (R25). */
export function LanguageOptions() {
  return LANGUAGES.map((lng) => (
    <option key={lng} value={lng} lang={lng}>
      {endonym(lng)}
    </option>
  ));
}

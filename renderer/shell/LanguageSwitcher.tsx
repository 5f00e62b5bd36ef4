import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { endonym } from '../i18n/format';
import { saveLanguage } from '../db/settings';
import { rememberLanguage } from '../i18n/language';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const db = useDb();
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        value={i18n.language}
        data-testid="language-switcher"
        aria-label={t('language.label')}
        onChange={(e) => {
          const lng = e.target.value;
          if (!isLanguage(lng)) return;
          // Applies at once, and to the saved profile when there is one.
          void i18n.changeLanguage(lng);
          rememberLanguage(lng);
          void saveLanguage(db, lng);
        }}
      >
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {endonym(lng)}
          </option>
        ))}
      </select>
    </label>
  );
}

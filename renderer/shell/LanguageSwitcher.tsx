import { useDb } from '../db/context';
import { saveLanguage } from '../db/settings';
import { LanguageSelect } from '../ui/LanguageSelect';

/** The language switcher of the branch app: also kept in the workstation's saved profile, when there is one. */
export function LanguageSwitcher() {
  const db = useDb();
  return <LanguageSelect onChange={(lng) => void saveLanguage(db, lng)} />;
}

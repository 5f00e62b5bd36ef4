import { useTranslation } from 'react-i18next';
import { useCounter } from './context';

/** The header's "who is working here", with the lock (Ctrl+L, the first keystroke of a switch of user). */
export function SignedInBadge() {
  const { t } = useTranslation('people');
  const counter = useCounter();
  const employee = counter?.signedIn;
  if (!counter || !employee) return null;
  return (
    <div className="signed-in" data-testid="signed-in" data-employee-id={employee.id}>
      <span className="signed-in-label">{t('header.signedIn')}</span>{' '}
      <strong data-testid="signed-in-name">{employee.name}</strong>{' '}
      <span className="muted">{t(`role.${employee.role}`)}</span>
      <button
        type="button"
        className="lock-button"
        onClick={() => counter.lock()}
        title={t('header.lockHint')}
        aria-keyshortcuts="Control+L"
      >
        {t('header.lock')} <kbd aria-hidden="true">{t('header.keys')}</kbd>
      </button>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { DuplicateMatch } from '../../../shared/handling/duplicates';

/**
 * R5: before a complaint is saved, the likely duplicates already registered (same phone, e-mail or name
 * within the window, similar text), each with why; the employee opens one (the draft is kept) or registers
 * anyway.
 */
export function DuplicateOffer(props: { matches: DuplicateMatch[]; onRegisterAnyway: () => void }) {
  const { t } = useTranslation('handling');
  return (
    <div className="banner banner-warning" role="alert" data-testid="duplicate-offer">
      <strong>{t('ui.duplicates.title', { count: props.matches.length })}</strong>
      <ul>
        {props.matches.map((m) => (
          <li key={m.id} data-testid="duplicate">
            <Link href={`/complaints/${m.id}`} className="number">
              {m.number}
            </Link>{' '}
            {m.reasons.map((r) => t(`duplicateReason.${r}`)).join(', ')}
          </li>
        ))}
      </ul>
      <p className="hint">{t('ui.duplicates.hint')}</p>
      <button type="button" onClick={props.onRegisterAnyway} data-testid="register-anyway">
        {t('ui.duplicates.registerAnyway')}
      </button>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { mailWording } from './format';

/**
 * R7, R8: an e-mail's state and, when it is not sent, why — in the user's language. HQ's own words (an
 * SMTP reply, an unknown state's code) only as details for support.
 */
export function MailStatus({
  mail,
  show,
  placeholder,
}: {
  mail: { state: string; lastErrorKind?: string; lastError?: string };
  /** The state, or the problem with HQ's words as details (a table has a column for each). */
  show: 'state' | 'problem';
  /** Shown in `problem` mode when there is nothing to say (a table cell's dash). */
  placeholder?: string;
}) {
  const { t } = useTranslation('console');
  const w = mailWording(mail);
  return (
    <span data-testid="mail-status" data-state={w.state} data-problem={w.problem}>
      {show === 'state' && t(`mail.states.${w.state}`)}
      {show === 'problem' && w.problem && t(`mail.problem.${w.problem}`)}
      {show === 'problem' && w.detail && (
        <details className="muted">
          <summary>{t('error.details')}</summary>
          <code>{w.detail}</code>
        </details>
      )}
      {show === 'problem' && !w.problem && !w.detail && placeholder}
    </span>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '../../../shared/console/protocol';
import { LIMITS } from '../../../shared/complaints/validation';
import { majorAmount } from '../../../shared/documents/money';
import { formatDateTime } from '../../i18n/format';
import { ErrorBanner } from '../ErrorBanner';

/**
 * Issue 15: how the complaint is being handled, from its replayed progress — the promised callback, HQ's
 * escalations (R11, R14), the compensation and its approval (R16) and the open department tasks. The branch
 * manager of the branch or the head of sales approves or refuses a compensation awaiting approval here
 * (`onAnswer`, absent for a user who may not act); the branch receives the answer with its next pull.
 */
export function Handling({
  detail,
  onAnswer,
}: {
  detail: ComplaintDetail;
  onAnswer?: (answer: { compensationId: string; approve: boolean; reason?: string }) => Promise<void>;
}) {
  const { t, i18n } = useTranslation(['console', 'handling']);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const p = detail.complaint.progress;
  const zone = detail.branch.timeZone;
  const when = (iso: string) => formatDateTime(iso, i18n.language, zone);
  const c = p.compensation;
  const nothing = !p.callback && !p.escalations?.length && !c && !p.openTasks;
  if (nothing) return null;

  async function answer(approve: boolean) {
    if (!c || !onAnswer) return;
    setBusy(true);
    setError(null);
    try {
      await onAnswer({ compensationId: c.id, approve, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setReason('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="handling" data-testid="handling">
      <h2 id="handling">{t('console:handling.title')}</h2>
      <ul className="handling-list">
        {p.callback && (
          <li data-testid="handling-callback">
            {t('console:handling.callback', { time: when(p.callback.dueAt) })}
          </li>
        )}
        {(p.escalations ?? []).map((e) => (
          <li key={`${e.dueKey}-${e.step}`} data-testid="handling-escalation">
            {t('console:handling.escalated', {
              step: t(`handling:escalationStep.${e.step}`),
              name: e.toName,
              time: when(e.at),
            })}
          </li>
        ))}
        {c && (
          <li data-testid="handling-compensation" data-approval={c.approval}>
            {t('console:handling.compensation', {
              amount: new Intl.NumberFormat(i18n.language, {
                style: 'currency',
                currency: c.amount.currency,
              }).format(majorAmount(c.amount)),
              form: t(`handling:compensationForm.${c.form}`),
              approval: t(`handling:approval.${c.approval}`),
            })}
          </li>
        )}
        {(p.openTasks ?? 0) > 0 && (
          <li data-testid="handling-tasks">{t('console:handling.openTasks', { count: p.openTasks })}</li>
        )}
      </ul>
      {c?.approval === 'pending' && onAnswer && (
        <div className="compensation-answer">
          {error !== null && <ErrorBanner error={error} />}
          <label htmlFor="compensation-reason">{t('console:handling.reason')}</label>
          <textarea
            id="compensation-reason"
            rows={2}
            value={reason}
            maxLength={LIMITS.note}
            onChange={(e) => setReason(e.target.value)}
          />
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void answer(true)}
            data-testid="compensation-approve"
          >
            {t('console:handling.approve')}
          </button>
          <button
            type="button"
            disabled={busy || !reason.trim()}
            onClick={() => void answer(false)}
            data-testid="compensation-refuse"
          >
            {t('console:handling.refuse')}
          </button>
        </div>
      )}
    </section>
  );
}

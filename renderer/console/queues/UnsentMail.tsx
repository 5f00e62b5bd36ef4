import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Queues } from '../../../shared/console/protocol';
import { canActOnComplaints } from '../../../shared/people/model';
import { formatDateTime } from '../../i18n/format';
import { ErrorBanner } from '../ErrorBanner';
import { viewerTimeZone } from '../format';
import { MailStatus } from '../MailStatus';
import { useSession } from '../session';

/** R7, R8: feedback-book mail HQ has not sent (what `npm run hq -- mail-status` lists), with "send again". */
export function UnsentMail({ jobs, onRetried }: { jobs: Queues['unsentMail']; onRetried: () => void }) {
  const { t, i18n } = useTranslation('console');
  const { api, user } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<string | null>(null);
  const zone = viewerTimeZone();

  async function retry(jobId: string) {
    setBusy(jobId);
    setError(null);
    setSent(null);
    try {
      await api.retryMail(jobId);
      setSent(jobId);
      onRetried();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="queue-mail" data-testid="queue-mail">
      <h2 id="queue-mail">{t('queues.unsentMail')}</h2>
      {error !== null && <ErrorBanner error={error} />}
      {sent && (
        <p className="banner banner-success" role="status">
          {t('queues.retried')}
        </p>
      )}
      {jobs.length === 0 ? (
        <p className="muted">{t('queues.allMailSent')}</p>
      ) : (
        <table className="console-table">
          <thead>
            <tr>
              <th scope="col">{t('list.branch')}</th>
              <th scope="col">{t('mail.state')}</th>
              <th scope="col">{t('mail.deadline')}</th>
              <th scope="col">{t('mail.attempts')}</th>
              <th scope="col">{t('mail.lastError')}</th>
              {canActOnComplaints(user.role) && <th scope="col" />}
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.jobId} data-testid="unsent-mail" data-entry={job.entryId}>
                <td>{job.branchCode}</td>
                <td>
                  <MailStatus mail={job} show="state" />
                </td>
                <td>{formatDateTime(job.deadline, i18n.language, zone)}</td>
                <td>{job.attempts}</td>
                <td>
                  <MailStatus mail={job} show="problem" placeholder="—" />
                </td>
                {canActOnComplaints(user.role) && (
                  <td>
                    <button type="button" disabled={busy !== null} onClick={() => void retry(job.jobId)}>
                      {t('queues.sendAgain')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

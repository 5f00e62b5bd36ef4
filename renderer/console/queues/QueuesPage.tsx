import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { canApproveCompensation } from '../../../shared/people/model';
import { ErrorBanner } from '../ErrorBanner';
import { NO_FILTERS } from '../register/filters';
import { ComplaintTable } from '../register/ComplaintTable';
import { useRegisterFilters } from '../register/state';
import { useSession } from '../session';
import { useRequest } from '../useRequest';
import { UnsentMail } from './UnsentMail';

/**
 * The first screen: what needs attention now — R11 per branch, R14 escalations, R16 compensation awaiting
 * approval (actionable for the branch manager and the head of sales, read-only for the auditor),
 * feedback-book mail not sent.
 */
export function QueuesPage() {
  const { t } = useTranslation('console');
  const { api, user } = useSession();
  const queues = useRequest(() => api.queues(), [api]);
  const [, setFilters] = useRegisterFilters();
  const [, navigate] = useLocation();
  const q = queues.data;

  const mayApprove = canApproveCompensation(user.role);
  const openApprovals = () => {
    setFilters({ ...NO_FILTERS, approval: 'pending' });
    navigate('/register');
  };
  const openRegister = (branch: string, due: 'overdue' | 'soon') => {
    setFilters({ ...NO_FILTERS, branch, due, sort: 'due' });
    navigate('/register');
  };

  return (
    <div className="page console-queues">
      <div className="page-header">
        <h1>{t('queues.title')}</h1>
        <button type="button" onClick={queues.reload} disabled={queues.state === 'loading'}>
          {t('queues.refresh')}
        </button>
      </div>
      {queues.state === 'failed' && <ErrorBanner error={queues.error} onRetry={queues.reload} />}
      {!q && queues.state === 'loading' && <p className="loading">{t('app.loading')}</p>}
      {q && (
        <>
          <section aria-labelledby="queue-branches" data-testid="queue-branches">
            <h2 id="queue-branches">{t('queues.branches')}</h2>
            {q.branches.length === 0 ? (
              <p className="muted">{t('queues.noBranches')}</p>
            ) : (
              <table className="console-table">
                <thead>
                  <tr>
                    <th scope="col">{t('list.branch')}</th>
                    <th scope="col">{t('due.overdue')}</th>
                    <th scope="col">{t('due.soon')}</th>
                  </tr>
                </thead>
                <tbody>
                  {q.branches.map((b) => (
                    <tr key={b.code} data-testid="queue-branch" data-branch={b.code}>
                      <th scope="row">
                        {b.code} <span className="muted">{b.name}</span>
                      </th>
                      {(['overdue', 'soon'] as const).map((due) => (
                        <td key={due}>
                          <button
                            type="button"
                            className={`link-button ${due === 'overdue' && b[due] > 0 ? 'count-danger' : ''}`}
                            aria-label={t(`queues.open.${due}`, { count: b[due], branch: b.code })}
                            onClick={() => openRegister(b.code, due)}
                          >
                            {b[due]}
                          </button>
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="queue-escalated" data-testid="queue-escalated">
            <h2 id="queue-escalated">{t('queues.escalatedToMe')}</h2>
            {q.escalatedToMe.length === 0 ? (
              <p className="muted">{t('queues.empty')}</p>
            ) : (
              <ComplaintTable items={q.escalatedToMe} caption={t('queues.escalatedToMe')} />
            )}
          </section>
          <section aria-labelledby="queue-owned" data-testid="queue-owned">
            <h2 id="queue-owned">{t('queues.ownedByMe')}</h2>
            {q.ownedByMe.length === 0 ? (
              <p className="muted">{t('queues.empty')}</p>
            ) : (
              <ComplaintTable items={q.ownedByMe} caption={t('queues.ownedByMe')} />
            )}
          </section>
          <section aria-labelledby="queue-approval" data-testid="queue-approval">
            <div className="page-header">
              <h2 id="queue-approval">{t('queues.awaitingApproval')}</h2>
              {q.awaitingApproval.length > 0 && (
                <button type="button" className="link-button" onClick={openApprovals}>
                  {t('queues.openApprovalRegister')}
                </button>
              )}
            </div>
            {q.awaitingApproval.length === 0 ? (
              <p className="muted">{t('queues.empty')}</p>
            ) : (
              <>
                {!mayApprove && <p className="muted">{t('queues.approvalViewOnly')}</p>}
                <ComplaintTable items={q.awaitingApproval} caption={t('queues.awaitingApproval')} />
              </>
            )}
          </section>
          <UnsentMail jobs={q.unsentMail} onRetried={queues.reload} />
        </>
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { canActOnComplaints } from '../../../shared/people/model';
import { ErrorBanner } from '../ErrorBanner';
import { useSession } from '../session';
import { useRequest } from '../useRequest';
import { Actions } from './Actions';
import { Attachments } from './Attachments';
import { BookEntries } from './BookEntries';
import { Documents } from './Documents';
import { DueList } from './DueList';
import { Facts } from './Facts';
import { Handling } from './Handling';
import { History } from './History';

/** One complaint at HQ: every field, the deadlines, the feedback-book pages, the history, and what HQ may do. */
export function ComplaintPage({ id }: { id: string }) {
  const { t } = useTranslation(['console', 'complaints', 'lifecycle']);
  const { api, user } = useSession();
  const detail = useRequest(() => api.complaint(id), [api, id]);
  const d = detail.data;

  if (!d) {
    return (
      <div className="page">
        {detail.state === 'failed' ? (
          <>
            <ErrorBanner error={detail.error} onRetry={detail.reload} />
            <Link href="/register">{t('console:complaint.backToRegister')}</Link>
          </>
        ) : (
          <p className="loading">{t('console:app.loading')}</p>
        )}
      </div>
    );
  }
  const c = d.complaint;
  return (
    <article className="page complaint-detail" aria-labelledby="complaint-number">
      <p>
        <Link href="/register">{t('console:complaint.backToRegister')}</Link>
      </p>
      <div className="page-header">
        <h1 id="complaint-number" className="number" data-testid="complaint-number">
          {c.number}
        </h1>
        <span className={`status status-${c.status}`} data-testid="complaint-status">
          {t(`complaints:status.${c.status}`)}
        </span>
        {c.confidential && <span className="tag">{t('console:list.confidential')}</span>}
        {c.healthAndSafety && (
          <span className="tag tag-danger">{t('complaints:fields.healthAndSafety')}</span>
        )}
        <p className="muted" data-testid="complaint-branch">
          {t('console:complaint.branch', { code: d.branch.code, name: d.branch.name })}
          {' · '}
          {d.owner ? t('console:complaint.owner', { name: d.owner.name }) : t('console:complaint.noOwner')}
        </p>
      </div>
      {detail.state === 'failed' && <ErrorBanner error={detail.error} onRetry={detail.reload} />}
      <Facts detail={d} />
      <div className="detail-grid">
        <section aria-labelledby="deadlines">
          <h2 id="deadlines">{t('lifecycle:due.title')}</h2>
          <DueList due={d.due} timeZone={d.branch.timeZone} />
        </section>
        {canActOnComplaints(user.role) && <Actions detail={d} onChanged={detail.reload} />}
      </div>
      <Handling
        detail={d}
        {...(canActOnComplaints(user.role)
          ? {
              onAnswer: async (answer) => {
                await api.act(c.id, { type: 'compensation', ...answer });
                detail.reload();
              },
            }
          : {})}
      />
      <Documents detail={d} onPrinted={detail.reload} />
      <BookEntries entries={d.bookEntries} timeZone={d.branch.timeZone} />
      <Attachments complaintId={c.id} files={d.attachments ?? []} timeZone={d.branch.timeZone} />
      <History events={d.history} timeZone={d.branch.timeZone} />
    </article>
  );
}

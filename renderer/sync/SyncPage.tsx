import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { useDb } from '../db/context';
import { formatDateTime } from '../i18n/format';
import { requestSync } from './channel';
import { useHqLink, useRefusedAttachments, useRefusedPhotos, useRejections, useSyncStatus } from './hooks';
import { problemText, rejectionText, type SyncProblem } from '../../shared/sync/problems';
import { errorSummary } from './problems';
import { RefusedTable } from './RefusedTable';
import type { OutboxRow } from './state';

const LIST_LIMIT = 200;

/** A pending item's last error: localized, the raw text on hover for support. */
function ProblemCell({ problem }: { problem: SyncProblem | string | undefined }) {
  const { t } = useTranslation('sync');
  if (problem === undefined) return null;
  const { key, values, detail } = problemText(problem);
  return (
    <span title={detail} data-problem={typeof problem === 'string' ? 'legacy' : problem.kind}>
      {t(key as never, values)}
    </span>
  );
}

/** R22: what is not yet at HQ, item by item, with its attempts and last error; and "Sync now". */
export function SyncPage() {
  const { t, i18n } = useTranslation('sync');
  const db = useDb();
  const status = useSyncStatus();
  const link = useHqLink();
  const rejections = useRejections();
  const refused = useRefusedPhotos();
  const refusedFiles = useRefusedAttachments();
  const ops = useLiveQuery(
    () => db.outbox.orderBy('deviceSeq').limit(LIST_LIMIT).toArray() as Promise<OutboxRow[]>,
    [db],
  );
  const photos = useLiveQuery(
    () => db.photos.where('uploadState').equals('pending').limit(LIST_LIMIT).toArray(),
    [db],
  );
  const zone = link?.branch.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const when = (iso: string | undefined) =>
    iso ? formatDateTime(iso, i18n.language, zone) : t('status.none');
  if (status === undefined || link === undefined) return null;
  const empty =
    ops?.length === 0 && photos?.length === 0 && refused?.length === 0 && refusedFiles?.length === 0;
  const summary = status.lastError && errorSummary(status.lastError);

  return (
    <div className="page sync-page">
      <div className="page-header">
        <h1>{t('title')}</h1>
        <button
          type="button"
          className="primary"
          data-testid="sync-now"
          disabled={!link}
          onClick={() => requestSync('manual')}
        >
          {t('syncNow')}
        </button>
      </div>

      {link ? (
        <p data-testid="sync-connection">
          {t('status.connectedTo', { url: link.hqUrl, branch: link.branch.code })}
        </p>
      ) : (
        <p className="banner banner-info" data-testid="sync-connection">
          {t('status.notConnected')} <Link href="/settings">{t('connect.title')}</Link>
        </p>
      )}
      {status.lastError && summary && (
        <div
          className="banner banner-error"
          role="alert"
          data-testid="sync-error"
          data-kind={status.lastError.kind}
        >
          {t(summary.key as never, summary.values)}
        </div>
      )}
      {summary?.detail && (
        <details className="muted" data-testid="sync-error-detail">
          <summary>{t('status.details')}</summary>
          <code>{summary.detail}</code>
        </details>
      )}
      <dl className="sync-facts">
        <dt>{t('status.lastSuccess')}</dt>
        <dd data-testid="sync-last-success">{when(status.lastSuccessAt)}</dd>
        <dt>{t('status.lastAttempt')}</dt>
        <dd>{when(status.lastAttemptAt)}</dd>
        {status.lastError && (
          <>
            <dt>{t('status.nextAttempt')}</dt>
            <dd>{when(status.nextAttemptAt)}</dd>
          </>
        )}
      </dl>

      <h2>{t('pending.title')}</h2>
      {empty && <p data-testid="sync-all-sent">{t('pending.empty')}</p>}
      {ops && ops.length > 0 && (
        <table className="sync-table" data-testid="pending-records">
          <caption>{t('pending.records')}</caption>
          <thead>
            <tr>
              <th>{t('pending.type')}</th>
              <th>{t('pending.created')}</th>
              <th>{t('pending.attempts')}</th>
              <th>{t('pending.error')}</th>
            </tr>
          </thead>
          <tbody>
            {ops.map((op) => (
              <tr key={op.deviceSeq} data-testid="pending-record" data-attempts={op.attempts ?? 0}>
                <td>{t(`ops.${op.type}`)}</td>
                <td>{when(op.createdAt)}</td>
                <td>{op.attempts ?? 0}</td>
                <td>
                  <ProblemCell problem={op.lastError} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {photos && photos.length > 0 && (
        <table className="sync-table" data-testid="pending-photo-list">
          <caption>{t('pending.photos')}</caption>
          <thead>
            <tr>
              <th>{t('pending.size')}</th>
              <th>{t('pending.created')}</th>
              <th>{t('pending.attempts')}</th>
              <th>{t('pending.error')}</th>
            </tr>
          </thead>
          <tbody>
            {photos.map((p) => (
              <tr key={p.sha256} data-testid="pending-photo" data-attempts={p.attempts ?? 0}>
                <td>{t('pending.sizeKb', { size: Math.ceil(p.size / 1024) })}</td>
                <td>{when(p.createdAt)}</td>
                <td>{p.attempts ?? 0}</td>
                <td>
                  <ProblemCell problem={p.lastError} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {refused && refused.length > 0 && (
        <RefusedTable
          kind="photos"
          rows={refused.map(({ photo, pages }) => ({
            ...photo,
            reason: photo.refusal?.reason ?? 'too_large',
            what: pages.map((p) => (
              <Link key={`${p.entryId}/${p.pageNo}`} href={`/book/${p.entryId}`}>
                {t('refusedPhotos.pageN', { n: p.pageNo })}{' '}
              </Link>
            )),
          }))}
        />
      )}

      {refusedFiles && refusedFiles.length > 0 && (
        <RefusedTable
          kind="files"
          rows={refusedFiles.map(({ photo, reason, files }) => ({
            ...photo,
            reason,
            what: files.map((f) => (
              <span key={f.complaintId}>
                <strong>{f.fileName}</strong> ·{' '}
                <Link href={`/complaints/${f.complaintId}`} className="number">
                  {f.number}
                </Link>{' '}
              </span>
            )),
          }))}
        />
      )}

      {rejections && rejections.length > 0 && (
        <section data-testid="rejections">
          <h2>{t('rejected.title')}</h2>
          <p className="muted">{t('rejected.text')}</p>
          <table className="sync-table">
            <thead>
              <tr>
                <th>{t('pending.type')}</th>
                <th>{t('rejected.reason')}</th>
                <th>{t('pending.created')}</th>
              </tr>
            </thead>
            <tbody>
              {rejections.map((r) => (
                <tr key={r.opId} data-testid="rejection" data-reason={r.reason}>
                  <td>{t(`ops.${r.type}`, { defaultValue: r.type })}</td>
                  <td>
                    <span title={r.reason}>{t(rejectionText(r.reason).key as never)}</span>
                  </td>
                  <td>{when(r.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { formatTime } from '../i18n/format';
import { useHqLink, usePending, useRefusedPhotos, useSyncStatus } from './hooks';
import { errorSummary } from './problems';

/** Header badges: photos not yet at HQ, and how the link to HQ stands (last sync or the error). */
export function SyncBadge() {
  const { t, i18n } = useTranslation('sync');
  const status = useSyncStatus();
  const link = useHqLink();
  const pending = usePending();
  const refused = useRefusedPhotos();
  if (status === undefined || link === undefined) return null;
  let state: 'not_connected' | 'syncing' | 'error' | 'ok' | 'never';
  let label: string;
  if (!link) {
    state = 'not_connected';
    label = t('badge.notConnected');
  } else if (status.phase !== 'idle') {
    state = 'syncing';
    label = t('badge.syncing');
  } else if (status.lastError) {
    state = 'error';
    label = t('badge.error');
  } else if (status.lastSuccessAt) {
    state = 'ok';
    // The branch's zone, as HQ's directory gives it (the header renders often: no Intl object is made here).
    label = t('badge.lastSync', {
      time: formatTime(status.lastSuccessAt, i18n.language, link.branch.timeZone),
    });
  } else {
    state = 'never';
    label = t('badge.never');
  }
  const summary = status.lastError && errorSummary(status.lastError);
  const errorText = summary ? t(summary.key as never, summary.values) : undefined;
  return (
    <>
      {pending !== undefined && pending.photos > 0 && (
        <span className="badge badge-pending" data-testid="pending-photos" data-count={pending.photos}>
          {t('badge.photos', { count: pending.photos })}
        </span>
      )}
      {refused !== undefined && refused.length > 0 && (
        <Link
          href="/sync"
          className="badge badge-offline"
          data-testid="refused-photos-badge"
          data-count={refused.length}
        >
          {t('badge.refused', { count: refused.length })}
        </Link>
      )}
      <Link
        href="/sync"
        className={`badge ${state === 'error' ? 'badge-offline' : state === 'ok' ? 'badge-online' : 'badge-neutral'}`}
        data-testid="sync-state"
        data-state={state}
        title={errorText ?? t('badge.hint')}
      >
        {label}
      </Link>
    </>
  );
}

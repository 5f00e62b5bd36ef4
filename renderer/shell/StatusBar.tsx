import { useTranslation } from 'react-i18next';
import { usePendingCount } from '../db/context';
import { useOnline } from '../ui/useOnline';
import { SyncBadge } from '../sync/SyncBadge';

/** Always visible: is there a link, and how much is still only on this PC (R22). */
export function StatusBar() {
  const { t } = useTranslation();
  const online = useOnline();
  const pending = usePendingCount();
  return (
    <div className="status-bar">
      <span
        className={`badge ${online ? 'badge-online' : 'badge-offline'}`}
        data-testid="connectivity"
        data-state={online ? 'online' : 'offline'}
        title={online ? t('connectivity.onlineHint') : t('connectivity.offlineHint')}
        role="status"
      >
        <span className="dot" aria-hidden="true" />
        {online ? t('connectivity.online') : t('connectivity.offline')}
      </span>
      {pending !== undefined && (
        <span
          className={`badge ${pending > 0 ? 'badge-pending' : 'badge-neutral'}`}
          data-testid="pending"
          data-count={pending}
          title={t('pending.hint')}
        >
          {pending > 0 ? t('pending.count', { count: pending }) : t('pending.none')}
        </span>
      )}
      <SyncBadge />
    </div>
  );
}

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import { adminApi } from '../api/admin';
import { ErrorBanner } from '../ErrorBanner';
import { viewerTimeZone } from '../format';
import { useSession } from '../session';
import { useRequest } from '../useRequest';
import { useAction } from './useAction';

/** Enrolled workstations; revoking refuses the device's token at once (it must enroll again). */
export function DevicesAdmin() {
  const { t, i18n } = useTranslation('console');
  const { api } = useSession();
  const admin = useMemo(() => adminApi(api), [api]);
  const devices = useRequest(() => admin.devices(), [admin]);
  const action = useAction(devices.reload);
  const [confirming, setConfirming] = useState<string | null>(null);
  const when = (iso: string | undefined) =>
    iso ? formatDateTime(iso, i18n.language, viewerTimeZone()) : '—';

  return (
    <section aria-labelledby="admin-devices">
      <h2 id="admin-devices" className="visually-hidden">
        {t('admin.tabs.devices')}
      </h2>
      {devices.state === 'failed' && <ErrorBanner error={devices.error} onRetry={devices.reload} />}
      {action.error !== null && <ErrorBanner error={action.error} />}
      {devices.data?.length === 0 && <p className="muted">{t('admin.devices.none')}</p>}
      {(devices.data?.length ?? 0) > 0 && (
        <table className="console-table" data-testid="devices-table">
          <thead>
            <tr>
              <th scope="col">{t('list.branch')}</th>
              <th scope="col">{t('admin.devices.id')}</th>
              <th scope="col">{t('admin.devices.enrolled')}</th>
              <th scope="col">{t('admin.devices.lastSeen')}</th>
              <th scope="col">{t('admin.devices.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {devices.data!.map((d) => (
              <tr key={d.id} data-testid="device-row" data-state={d.state}>
                <td>{d.branch}</td>
                <td>
                  <code>{d.id.slice(0, 8)}</code>
                </td>
                <td>{when(d.enrolledAt)}</td>
                <td>{when(d.lastSeenAt)}</td>
                <td>
                  {t(`admin.devices.states.${d.state}`)}
                  {d.revokedAt && <span className="muted"> · {when(d.revokedAt)}</span>}
                </td>
                <td className="row-actions">
                  {d.state === 'active' &&
                    (confirming === d.id ? (
                      <>
                        <button
                          type="button"
                          className="danger"
                          disabled={action.busy}
                          onClick={() =>
                            void action.run(() => admin.revokeDevice(d.id)).then(() => setConfirming(null))
                          }
                        >
                          {t('admin.devices.confirmRevoke')}
                        </button>
                        <button type="button" onClick={() => setConfirming(null)}>
                          {t('admin.cancel')}
                        </button>
                      </>
                    ) : (
                      <button type="button" onClick={() => setConfirming(d.id)}>
                        {t('admin.devices.revoke')}
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

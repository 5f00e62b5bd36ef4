import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordLink } from '../../../shared/console/admin';
import { formatDateTime } from '../../i18n/format';
import { adminApi } from '../api/admin';
import { ErrorBanner } from '../ErrorBanner';
import { viewerTimeZone } from '../format';
import { useSession } from '../session';
import { useRequest } from '../useRequest';
import { OneTimeSecret } from './OneTimeSecret';
import { UserForm } from './UserForm';
import { useAction } from './useAction';

/** HQ users: add one (→ a one-time set-password link to hand over), a new link, disable or enable. */
export function UsersAdmin() {
  const { t, i18n } = useTranslation('console');
  const { api, user: me } = useSession();
  const admin = useMemo(() => adminApi(api), [api]);
  const users = useRequest(() => admin.users(), [admin]);
  const branches = useRequest(() => admin.branches(), [admin]);
  const action = useAction(users.reload);
  const [link, setLink] = useState<PasswordLink | null>(null);
  const when = (iso: string | undefined) =>
    iso ? formatDateTime(iso, i18n.language, viewerTimeZone()) : '—';

  async function giveLink(make: () => Promise<PasswordLink>) {
    setLink(null);
    const made = await action.run(make);
    if (made) setLink(made);
  }

  return (
    <section aria-labelledby="admin-users">
      <h2 id="admin-users" className="visually-hidden">
        {t('admin.tabs.users')}
      </h2>
      {users.state === 'failed' && <ErrorBanner error={users.error} onRetry={users.reload} />}
      {action.error !== null && <ErrorBanner error={action.error} />}
      {link && (
        <OneTimeSecret
          label={t('admin.users.linkFor', { name: link.user.name, email: link.user.email })}
          value={link.link}
          note={t('admin.users.linkNote', { time: when(link.expiresAt) })}
        />
      )}
      <UserForm
        branches={(branches.data ?? []).map((b) => b.code)}
        busy={action.busy}
        onSubmit={(u) => void giveLink(() => admin.createUser(u))}
      />
      <table className="console-table" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.users.name')}</th>
            <th scope="col">{t('admin.users.role')}</th>
            <th scope="col">{t('admin.users.state')}</th>
            <th scope="col">{t('admin.users.lastSignIn')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('admin.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.id} data-testid="user-row" data-email={u.email}>
              <td>
                {u.name} <span className="muted">{u.email}</span>
              </td>
              <td>
                {t(`role.${u.role}`)}
                {u.branches.length > 0 && <span className="muted"> · {u.branches.join(', ')}</span>}
              </td>
              <td>
                {u.disabled
                  ? t('admin.users.disabled')
                  : u.passwordSet
                    ? t('admin.users.active')
                    : t('admin.users.waitingPassword')}
              </td>
              <td>{when(u.lastSignInAt)}</td>
              <td className="row-actions">
                <button
                  type="button"
                  disabled={action.busy}
                  onClick={() => void giveLink(() => admin.passwordLink(u.id))}
                >
                  {t('admin.users.newLink')}
                </button>
                {u.id !== me.id && (
                  <button
                    type="button"
                    disabled={action.busy}
                    onClick={() => void action.run(() => admin.updateUser(u.id, { disabled: !u.disabled }))}
                  >
                    {u.disabled ? t('admin.users.enable') : t('admin.users.disable')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrollmentCode } from '../../../shared/console/admin';
import { formatDateTime } from '../../i18n/format';
import { adminApi } from '../api/admin';
import { ErrorBanner } from '../ErrorBanner';
import { viewerTimeZone } from '../format';
import { useSession } from '../session';
import { useRequest } from '../useRequest';
import { BranchForm } from './BranchForm';
import { branchCreate, branchForm, branchPatch, newBranchForm, type BranchFormValue } from './branchForm';
import { OneTimeSecret } from './OneTimeSecret';
import { useAction } from './useAction';

type Editing =
  { creating: true; initial: BranchFormValue } | { creating: false; initial: BranchFormValue } | null;

/** Branches: directory, calendar extras and policy (sent down to the branch), and enrollment codes shown once. */
export function BranchesAdmin() {
  const { t, i18n } = useTranslation(['console', 'settings']);
  const { api } = useSession();
  const admin = useMemo(() => adminApi(api), [api]);
  const branches = useRequest(() => admin.branches(), [admin]);
  const [editing, setEditing] = useState<Editing>(null);
  const [code, setCode] = useState<EnrollmentCode | null>(null);
  const action = useAction(branches.reload);

  async function save(value: BranchFormValue) {
    if (!editing) return;
    const done = await action.run(async () => {
      if (editing.creating) await admin.createBranch(branchCreate(value));
      else await admin.updateBranch(value.code, branchPatch(editing.initial, value));
      return true;
    });
    if (done) setEditing(null);
  }

  async function issueCode(branch: string) {
    setCode(null);
    const issued = await action.run(() => admin.enrollmentCode(branch));
    if (issued) setCode(issued);
  }

  return (
    <section aria-labelledby="admin-branches">
      <h2 id="admin-branches" className="visually-hidden">
        {t('console:admin.tabs.branches')}
      </h2>
      {branches.state === 'failed' && <ErrorBanner error={branches.error} onRetry={branches.reload} />}
      {action.error !== null && <ErrorBanner error={action.error} />}
      {code && (
        <OneTimeSecret
          label={t('console:admin.branches.codeFor', { code: code.branchCode })}
          value={code.code}
          note={t('console:admin.branches.codeNote', {
            time: formatDateTime(code.expiresAt, i18n.language, viewerTimeZone()),
          })}
        />
      )}
      {editing ? (
        <BranchForm
          initial={editing.initial}
          creating={editing.creating}
          busy={action.busy}
          onSubmit={(v) => void save(v)}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button type="button" onClick={() => setEditing({ creating: true, initial: newBranchForm() })}>
          {t('console:admin.branches.new')}
        </button>
      )}
      <table className="console-table" data-testid="branches-table">
        <thead>
          <tr>
            <th scope="col">{t('settings:fields.branchCode')}</th>
            <th scope="col">{t('settings:fields.branchName')}</th>
            <th scope="col">{t('settings:fields.timeZone')}</th>
            <th scope="col">{t('settings:fields.managerName')}</th>
            <th scope="col">{t('console:admin.branches.devices')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('console:admin.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(branches.data ?? []).map((b) => (
            <tr key={b.code} data-testid="branch-row" data-branch={b.code}>
              <th scope="row">{b.code}</th>
              <td>
                {b.name} <span className="muted">· {b.country}</span>
              </td>
              <td>{b.timeZone}</td>
              <td>
                {b.managerName || '—'} <span className="muted">{b.managerEmail}</span>
              </td>
              <td>{b.activeDevices}</td>
              <td className="row-actions">
                <button type="button" onClick={() => setEditing({ creating: false, initial: branchForm(b) })}>
                  {t('console:admin.edit')}
                </button>
                <button type="button" disabled={action.busy} onClick={() => void issueCode(b.code)}>
                  {t('console:admin.branches.issueCode')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

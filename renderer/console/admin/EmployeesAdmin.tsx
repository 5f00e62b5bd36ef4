import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EMPLOYEE_ROLES, type EmployeeRole } from '../../../shared/people/model';
import { SelectField, TextField } from '../../ui/Field';
import { adminApi } from '../api/admin';
import { ErrorBanner } from '../ErrorBanner';
import { useSession } from '../session';
import { useRequest } from '../useRequest';
import { useAction } from './useAction';

/**
 * Branch employees (they sign in at the workstation with a PIN): added here or by the branch's first-run
 * wizard, they come down with pull. Someone who left is deactivated, never deleted (their name stays on history).
 */
export function EmployeesAdmin() {
  const { t } = useTranslation(['console', 'validation']);
  const { api } = useSession();
  const admin = useMemo(() => adminApi(api), [api]);
  const employees = useRequest(() => admin.employees(), [admin]);
  const branches = useRequest(() => admin.branches(), [admin]);
  const action = useAction(employees.reload);
  const [branch, setBranch] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<EmployeeRole>('counter');
  const [shown, setShown] = useState(false);
  const codes = (branches.data ?? []).map((b) => b.code);

  async function add(e: FormEvent) {
    e.preventDefault();
    setShown(true);
    if (!branch || !name.trim()) return;
    const done = await action.run(async () => {
      await admin.createEmployee({ branchCode: branch, name: name.trim(), role });
      return true;
    });
    if (done) {
      setName('');
      setShown(false);
    }
  }

  return (
    <section aria-labelledby="admin-employees">
      <h2 id="admin-employees" className="visually-hidden">
        {t('console:admin.tabs.employees')}
      </h2>
      {employees.state === 'failed' && <ErrorBanner error={employees.error} onRetry={employees.reload} />}
      {action.error !== null && <ErrorBanner error={action.error} />}
      <form
        className="console-form inline-form"
        onSubmit={add}
        noValidate
        aria-label={t('console:admin.employees.add')}
      >
        <SelectField
          id="employee-branch"
          label={t('console:list.branch')}
          value={branch}
          options={codes}
          optionLabel={(c) => c}
          none={t('console:admin.choose')}
          onChange={setBranch}
          error={shown && !branch ? t('validation:required') : undefined}
        />
        <TextField
          id="employee-name"
          label={t('console:admin.employees.name')}
          value={name}
          maxLength={120}
          required
          onChange={setName}
          error={shown && !name.trim() ? t('validation:required') : undefined}
        />
        <SelectField
          id="employee-role"
          label={t('console:admin.employees.role')}
          value={role}
          options={EMPLOYEE_ROLES}
          optionLabel={(r) => t(`console:employeeRole.${r}`)}
          onChange={(r) => setRole(r as EmployeeRole)}
        />
        <button type="submit" className="primary" disabled={action.busy}>
          {t('console:admin.employees.add')}
        </button>
      </form>
      <table className="console-table" data-testid="employees-table">
        <thead>
          <tr>
            <th scope="col">{t('console:list.branch')}</th>
            <th scope="col">{t('console:admin.employees.name')}</th>
            <th scope="col">{t('console:admin.employees.role')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('console:admin.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(employees.data ?? []).map((e) => (
            <tr key={e.id} data-testid="employee-row" className={e.active ? undefined : 'muted'}>
              <td>{e.branchCode}</td>
              <td>{e.name}</td>
              <td>
                <select
                  aria-label={t('console:admin.employees.roleOf', { name: e.name })}
                  value={e.role}
                  disabled={action.busy}
                  onChange={(ev) =>
                    void action.run(() =>
                      admin.updateEmployee(e.id, { role: ev.target.value as EmployeeRole }),
                    )
                  }
                >
                  {EMPLOYEE_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`console:employeeRole.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td className="row-actions">
                <button
                  type="button"
                  disabled={action.busy}
                  onClick={() => void action.run(() => admin.updateEmployee(e.id, { active: !e.active }))}
                >
                  {e.active ? t('console:admin.employees.deactivate') : t('console:admin.employees.activate')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import { branchStaffRights, selfChangeRefused } from '../../shared/people/branch-staff';
import type { Employee } from '../../shared/people/model';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { saveEmployee, type EmployeeDraft } from '../db/employees';
import { useHqLink } from '../sync/hooks';
import { useCounter, useSignedInEmployee } from './context';
import { EmployeeForm } from './EmployeeForm';
import { NotAllowed } from './NotAllowed';

const draftOf = ({ pin: _pin, updatedAt: _at, ...draft }: Employee): EmployeeDraft => draft;

/**
 * The branch's employees (issue 14, R24), for its branch manager: managed here until the branch is
 * connected to HQ, then by HQ (shown read-only; a new one may still be added here and goes up).
 */
export function EmployeesPage({ settings }: { settings: WorkstationSettings }) {
  const { t } = useTranslation('people');
  const db = useDb();
  const me = useSignedInEmployee();
  const employees = useCounter()?.employees ?? [];
  const link = useHqLink();
  const [editing, setEditing] = useState<{ draft: EmployeeDraft; isNew: boolean } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  if (link === undefined) return null;
  const rights = branchStaffRights(me.role, link !== null);
  if (!rights.view) return <NotAllowed what="employees" />;

  const done = (name: string | null) => {
    setEditing(null);
    setSaved(name);
  };
  const toggle = async (e: Employee) => {
    setSaved(null);
    setFailed(null);
    try {
      const next = await saveEmployee(db, { ...draftOf(e), active: !e.active });
      setSaved(next.name);
    } catch (err) {
      setFailed(t('employees.saveFailed', { message: err instanceof Error ? err.message : String(err) }));
    }
  };

  return (
    <div className="page employees-page">
      <div className="page-header">
        <h1>{t('employees.title')}</h1>
      </div>
      <p className="intro">{t('employees.intro')}</p>
      {link && (
        <p className="banner banner-info" data-testid="employees-from-hq">
          {t('employees.fromHq')}
        </p>
      )}
      {saved && (
        <p className="banner banner-success" role="status">
          {t('employees.saved', { name: saved })}
        </p>
      )}
      {failed && (
        <p className="banner banner-error" role="alert">
          {failed}
        </p>
      )}
      <table className="complaint-table" data-testid="employees">
        <thead>
          <tr>
            <th scope="col">{t('employees.name')}</th>
            <th scope="col">{t('employees.role')}</th>
            <th scope="col">{t('employees.state')}</th>
            <th scope="col">{t('employees.pin')}</th>
            {rights.edit && <th scope="col" />}
          </tr>
        </thead>
        <tbody>
          {employees.map((e) => (
            <tr key={e.id} data-testid="employee-row" className={e.active ? '' : 'muted'}>
              <td>
                {e.name} {e.id === me.id && <span className="muted">({t('employees.you')})</span>}
              </td>
              <td>{t(`role.${e.role}`)}</td>
              <td>{e.active ? t('employees.active') : t('employees.inactive')}</td>
              <td>{e.pin ? t('employees.pinSet') : t('employees.pinNotSet')}</td>
              {rights.edit && (
                <td className="row-actions">
                  <button type="button" onClick={() => setEditing({ draft: draftOf(e), isNew: false })}>
                    {t('employees.edit')}
                  </button>
                  <button
                    type="button"
                    disabled={selfChangeRefused(me, { ...e, active: !e.active })}
                    title={e.id === me.id ? t('employees.notSelf') : undefined}
                    onClick={() => void toggle(e)}
                  >
                    {e.active ? t('employees.deactivate') : t('employees.activate')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? (
        <EmployeeForm
          key={editing.draft.id}
          draft={editing.draft}
          roleFixed={!editing.isNew && editing.draft.id === me.id}
          onDone={done}
        />
      ) : (
        rights.add && (
          <div className="form-actions">
            <button
              type="button"
              onClick={() => {
                setSaved(null);
                setEditing({
                  draft: {
                    id: uuidv7(),
                    branchCode: settings.branchCode,
                    name: '',
                    role: 'counter',
                    active: true,
                  },
                  isNew: true,
                });
              }}
            >
              {t('employees.add')}
            </button>
          </div>
        )
      )}
    </div>
  );
}

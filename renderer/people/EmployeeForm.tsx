import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/complaints/validation';
import { EMPLOYEE_ROLES, type EmployeeRole } from '../../shared/people/model';
import { useDb } from '../db/context';
import { saveEmployee, type EmployeeDraft } from '../db/employees';
import { Field, describedBy } from '../ui/Field';

/** The name a form may save, or the validation key that says why not. */
export function employeeNameProblem(name: string): 'required' | 'too_long' | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'required';
  if (trimmed.length > LIMITS.person) return 'too_long';
  return undefined;
}

/** Adds or edits one employee: saved with its `employee.upsert` for HQ in one transaction. */
export function EmployeeForm(props: {
  draft: EmployeeDraft;
  /** The role may not change (one's own). */
  roleFixed: boolean;
  onDone: (saved: string | null) => void;
}) {
  const { t } = useTranslation(['people', 'validation']);
  const db = useDb();
  const [name, setName] = useState(props.draft.name);
  const [role, setRole] = useState<EmployeeRole>(props.draft.role);
  const [error, setError] = useState<string | undefined>();
  const [failed, setFailed] = useState<string | null>(null);
  const id = `employee-${props.draft.id}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = employeeNameProblem(name);
    if (problem) {
      setError(
        problem === 'too_long'
          ? t('validation:too_long', { count: LIMITS.person })
          : t('validation:required'),
      );
      return;
    }
    try {
      const saved = await saveEmployee(db, { ...props.draft, name: name.trim(), role });
      props.onDone(saved.name);
    } catch (err) {
      setFailed(t('employees.saveFailed', { message: err instanceof Error ? err.message : String(err) }));
    }
  }

  return (
    <form className="employee-form form-section" onSubmit={submit} noValidate data-testid="employee-form">
      <div className="grid-2">
        <Field id={`${id}-name`} label={t('employees.name')} required error={error}>
          <input
            {...describedBy(`${id}-name`, error, undefined)}
            value={name}
            maxLength={LIMITS.person}
            autoFocus
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field id={`${id}-role`} label={t('employees.role')}>
          <select
            id={`${id}-role`}
            value={role}
            disabled={props.roleFixed}
            onChange={(e) => setRole(e.target.value as EmployeeRole)}
          >
            {EMPLOYEE_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {failed && (
        <p className="error" role="alert">
          {failed}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('employees.save')}
        </button>
        <button type="button" onClick={() => props.onDone(null)}>
          {t('employees.cancel')}
        </button>
      </div>
    </form>
  );
}

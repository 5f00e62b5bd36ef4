import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/complaints/validation';
import { EMPLOYEE_ROLES, type EmployeeRole } from '../../shared/people/model';
import { Field, describedBy } from '../ui/Field';
import type { StaffProblem, StaffRow } from './firstRun';

/**
 * Issue 14, first run: the person setting up (a branch manager) and the branch's other employees. Each
 * sets their own PIN at their first sign-in.
 */
export function FirstRunStaff(props: {
  rows: StaffRow[];
  onChange: (rows: StaffRow[]) => void;
  problems: StaffProblem[];
}) {
  const { t } = useTranslation(['people', 'validation']);
  const { rows, onChange } = props;
  const set = (i: number, patch: Partial<StaffRow>) =>
    onChange(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const message = (i: number) => {
    const p = props.problems.find((x) => x.index === i);
    if (!p) return undefined;
    return p.code === 'too_long'
      ? t('validation:too_long', { count: LIMITS.person })
      : t('validation:required');
  };

  return (
    <section className="form-section" aria-labelledby="first-run-staff">
      <h2 id="first-run-staff">{t('firstRun.section')}</h2>
      <p className="muted">{t('firstRun.intro')}</p>
      {rows.map((row, i) => {
        const id = i === 0 ? 's-founder' : `s-staff-${row.key}`;
        const label = i === 0 ? t('firstRun.you') : t('firstRun.other', { n: i });
        return (
          <div className="grid-2 staff-row" key={row.key}>
            <Field id={id} label={label} required={i === 0} error={message(i)}>
              <input
                {...describedBy(id, message(i), undefined)}
                value={row.name}
                maxLength={LIMITS.person}
                onChange={(e) => set(i, { name: e.target.value })}
              />
            </Field>
            {i > 0 && (
              <div className="staff-row-role">
                <Field id={`${id}-role`} label={t('employees.role')}>
                  <select
                    id={`${id}-role`}
                    value={row.role}
                    onChange={(e) => set(i, { role: e.target.value as EmployeeRole })}
                  >
                    {EMPLOYEE_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`role.${r}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                <button type="button" onClick={() => onChange(rows.filter((_, k) => k !== i))}>
                  {t('firstRun.remove', { n: i })}
                </button>
              </div>
            )}
          </div>
        );
      })}
      <button
        type="button"
        onClick={() => onChange([...rows, { key: crypto.randomUUID(), name: '', role: 'counter' }])}
      >
        {t('firstRun.add')}
      </button>
    </section>
  );
}

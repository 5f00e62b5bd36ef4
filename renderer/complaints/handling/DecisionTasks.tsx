import { useTranslation } from 'react-i18next';
import { DEPARTMENTS, type Department } from '../../../shared/handling/codes';
import type { TaskInput } from '../../../shared/handling/tasks';
import type { LocalDate } from '../../../shared/time/local-date';

export type DecisionTaskRow = Omit<TaskInput, 'compensationId' | 'ownerId'> & { key: string };

/**
 * R16 (issue 15 item 2): the department tasks that carry out a compensation, typed in the decide form and
 * created in the decision's own transaction (decisionActions `decideCompensation`): a decision is never
 * saved without the tasks it needs, nor a task without its decision.
 */
export function DecisionTasks(props: {
  rows: DecisionTaskRow[];
  onChange: (rows: DecisionTaskRow[]) => void;
  today: LocalDate;
}) {
  const { t } = useTranslation('handling');
  const { rows, onChange, today } = props;
  const change = (key: string, patch: Partial<DecisionTaskRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <fieldset data-testid="decision-tasks">
      <legend>{t('ui.task.inDecision')}</legend>
      {rows.map((r, i) => (
        <div key={r.key} className="decision-task" data-testid="decision-task">
          <label>
            {t('ui.task.department')}
            <select
              value={r.department}
              onChange={(e) => change(r.key, { department: e.target.value as Department })}
            >
              {DEPARTMENTS.map((d) => (
                <option key={d} value={d}>
                  {t(`department.${d}`)}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {t('ui.task.owner')}
            <input value={r.ownerName} onChange={(e) => change(r.key, { ownerName: e.target.value })} />
          </label>{' '}
          <label>
            {t('ui.task.dueDate')}
            <input
              type="date"
              value={r.dueDate}
              min={today}
              onChange={(e) => change(r.key, { dueDate: e.target.value })}
            />
          </label>{' '}
          <label>
            {t('ui.task.text')}
            <input value={r.text} onChange={(e) => change(r.key, { text: e.target.value })} />
          </label>{' '}
          <button
            type="button"
            aria-label={t('ui.task.removeNumbered', { n: i + 1 })}
            onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
          >
            {t('ui.task.remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        data-testid="decision-task-add"
        onClick={() =>
          onChange([
            ...rows,
            { key: crypto.randomUUID(), department: 'warehouse', ownerName: '', dueDate: today, text: '' },
          ])
        }
      >
        {t('ui.task.addToDecision')}
      </button>
    </fieldset>
  );
}

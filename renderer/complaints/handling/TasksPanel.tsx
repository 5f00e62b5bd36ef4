import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Complaint, ComplaintEvent } from '../../../shared/complaints/model';
import { DEPARTMENTS, type Department } from '../../../shared/handling/codes';
import { taskState, tasksOf, type DepartmentTask } from '../../../shared/handling/tasks';
import type { LocalDate } from '../../../shared/time/local-date';
import { localDateIn } from '../../../shared/time/zoned';
import { useDb } from '../../db/context';
import { formatDate } from '../../i18n/format';
import { useSignedInEmployee } from '../../people';
import { useNow } from '../../ui/useNow';
import { changeTaskStatus, createTask } from './decisionActions';
import { StepErrors, useStep } from './useStep';

/**
 * R16: the department tasks of a complaint (warehouse, transport, production…), each with its owner, due
 * date and state, marked done or cancelled here; a new one, tied to the compensation in force. While any
 * is open the complaint cannot be closed (shared/lifecycle `open_tasks`): the panel says so.
 */
export function TasksPanel(props: { complaint: Complaint; history: ComplaintEvent[]; timeZone: string }) {
  const { t, i18n } = useTranslation(['handling', 'lifecycle']);
  const now = useNow();
  const today = localDateIn(now, props.timeZone);
  const c = props.complaint;
  const tasks = tasksOf(props.history);
  const canAdd =
    c.status !== 'closed' && !c.progress.mergedInto && (c.progress.decision || c.progress.compensation);
  if (tasks.length === 0 && !canAdd) return null;
  return (
    <section aria-labelledby="tasks-title" className="handling-panel" data-testid="tasks">
      <h2 id="tasks-title">{t('ui.task.title')}</h2>
      {(c.progress.openTasks ?? 0) > 0 && c.status !== 'closed' && (
        <p className="hint" data-testid="tasks-block-closing">
          {t('lifecycle:refusal.open_tasks')}
        </p>
      )}
      <ul>
        {tasks.map((task) => (
          <li key={task.taskId} data-testid="task" data-state={taskState(task, today)}>
            <strong>{t(`department.${task.department}`)}</strong> · {task.ownerName} ·{' '}
            {t('ui.task.due', { date: formatDate(`${task.dueDate}T12:00:00Z`, i18n.language, 'UTC') })} ·{' '}
            <span className={`task-state task-${taskState(task, today)}`}>
              {t(`taskState.${taskState(task, today)}`)}
            </span>
            <p>{task.text}</p>
            {task.note && <p className="muted">{task.note}</p>}
            {c.status !== 'closed' && <TaskActions complaintId={c.id} task={task} />}
          </li>
        ))}
      </ul>
      {canAdd && <NewTask complaint={c} today={today} />}
    </section>
  );
}

function TaskActions({ complaintId, task }: { complaintId: string; task: DepartmentTask }) {
  const { t } = useTranslation('handling');
  const db = useDb();
  const me = useSignedInEmployee();
  const [note, setNote] = useState('');
  const step = useStep();
  const change = (status: DepartmentTask['status']) =>
    void step.run(() => changeTaskStatus(db, complaintId, { taskId: task.taskId, status, note }, me));
  return (
    <div className="task-actions">
      {task.status === 'open' && (
        <button type="button" data-testid="task-done" disabled={step.saving} onClick={() => change('done')}>
          {t('ui.task.markDone')}
        </button>
      )}{' '}
      <input
        aria-label={t('ui.task.note')}
        placeholder={t('ui.task.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />{' '}
      {task.status === 'open' ? (
        <button type="button" disabled={step.saving} onClick={() => change('cancelled')}>
          {t('ui.task.cancel')}
        </button>
      ) : (
        <button type="button" disabled={step.saving} onClick={() => change('open')}>
          {t('ui.task.reopen')}
        </button>
      )}
      <StepErrors errors={step.errors} testId="task-error" />
    </div>
  );
}

function NewTask({ complaint, today }: { complaint: Complaint; today: LocalDate }) {
  const { t } = useTranslation('handling');
  const db = useDb();
  const me = useSignedInEmployee();
  const [department, setDepartment] = useState<Department>('warehouse');
  const [ownerName, setOwner] = useState('');
  const [dueDate, setDueDate] = useState<string>(today);
  const [text, setText] = useState('');
  const step = useStep();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const compensationId = complaint.progress.compensation?.id;
    const input = { department, ownerName, dueDate, text, ...(compensationId ? { compensationId } : {}) };
    if (await step.run(() => createTask(db, complaint.id, input, today, me))) {
      setOwner('');
      setText('');
    }
  }
  return (
    <form className="step-form" onSubmit={submit} noValidate data-testid="task-new">
      <h3>{t('ui.task.add')}</h3>
      <label>
        {t('ui.task.department')}
        <select value={department} onChange={(e) => setDepartment(e.target.value as Department)}>
          {DEPARTMENTS.map((d) => (
            <option key={d} value={d}>
              {t(`department.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ui.task.owner')}
        <input value={ownerName} onChange={(e) => setOwner(e.target.value)} />
      </label>
      <label>
        {t('ui.task.dueDate')}
        <input type="date" value={dueDate} min={today} onChange={(e) => setDueDate(e.target.value)} />
      </label>
      <label>
        {t('ui.task.text')}
        <input value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <StepErrors errors={step.errors} testId="task-new-error" />
      <button type="submit" disabled={step.saving}>
        {t('ui.task.save')}
      </button>
    </form>
  );
}

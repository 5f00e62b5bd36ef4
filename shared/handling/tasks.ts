/**
 * R16: departments that must act on a decision (warehouse, transport, production…) get a task each, with an
 * owner, a due date (a local date in the branch's zone) and its text, tracked until done. `task_created`
 * opens one; `task_status_changed` marks it done, open again, or cancelled (with a note: created by mistake,
 * no longer needed). The complaint cannot be closed while any is open (shared/lifecycle guard `open_tasks`,
 * from progress `openTasks`). Tasks outlive a reopening: the departments still have to act.
 */
import type { ComplaintEvent, ComplaintStatus } from '../complaints/model';
import { LIMITS } from '../complaints/validation';
import type { RefusalReason } from '../lifecycle/reasons';
import { isLocalDate, type LocalDate } from '../time/local-date';
import { DEPARTMENTS, TASK_STATUSES, type Department, type TaskStatus } from './codes';

export interface TaskCreatedData extends Record<string, unknown> {
  taskId: string;
  department: Department;
  ownerName: string;
  ownerId?: string;
  dueDate: LocalDate;
  text: string;
  /** The compensation it carries out, if any. */
  compensationId?: string;
}

export interface TaskStatusData extends Record<string, unknown> {
  taskId: string;
  status: TaskStatus;
  note?: string;
}

export interface DepartmentTask extends TaskCreatedData {
  createdAt: string;
  createdBy: string;
  status: TaskStatus;
  /** When it was last marked done (absent unless done). */
  doneAt?: string;
  note?: string;
}

/** A task is overdue from the day after its due date, in the branch's calendar days. */
export type TaskState = 'open' | 'overdue' | 'done' | 'cancelled';

export function taskState(task: Pick<DepartmentTask, 'status' | 'dueDate'>, today: LocalDate): TaskState {
  if (task.status !== 'open') return task.status;
  return today > task.dueDate ? 'overdue' : 'open';
}

type EventLike = Pick<ComplaintEvent, 'type' | 'at' | 'actor' | 'data'>;

/** Every task of the complaint, in the order created, with its current status. */
export function tasksOf(events: readonly EventLike[]): DepartmentTask[] {
  const tasks = new Map<string, DepartmentTask>();
  for (const e of events) {
    const d = e.data as Record<string, unknown>;
    if (e.type === 'task_created' && typeof d.taskId === 'string' && !tasks.has(d.taskId)) {
      tasks.set(d.taskId, { ...(d as TaskCreatedData), createdAt: e.at, createdBy: e.actor, status: 'open' });
    } else if (e.type === 'task_status_changed' && typeof d.taskId === 'string') {
      const t = tasks.get(d.taskId);
      if (!t || !(TASK_STATUSES as readonly string[]).includes(d.status as string)) continue;
      t.status = d.status as TaskStatus;
      if (t.status === 'done') t.doneAt = e.at;
      else delete t.doneAt;
      if (typeof d.note === 'string' && d.note !== '') t.note = d.note;
    }
  }
  return [...tasks.values()];
}

export const openTaskCount = (tasks: readonly Pick<DepartmentTask, 'status'>[]): number =>
  tasks.filter((t) => t.status === 'open').length;

export interface TaskInput {
  department: string;
  ownerName: string;
  ownerId?: string;
  dueDate: string;
  text: string;
  compensationId?: string;
}

/** R16: a new task names its department, owner, due date (not before today) and what to do. */
export function checkTask(
  subject: { status: ComplaintStatus },
  input: TaskInput,
  taskId: string,
  today: LocalDate,
): { ok: true; data: TaskCreatedData } | { ok: false; reasons: RefusalReason[] } {
  const reasons: RefusalReason[] = [];
  if (subject.status === 'closed') reasons.push('complaint_closed');
  if (!(DEPARTMENTS as readonly string[]).includes(input.department)) reasons.push('task_department_unknown');
  const owner = input.ownerName.trim();
  if (owner === '') reasons.push('task_owner_required');
  else if (owner.length > LIMITS.person) reasons.push('change_value_invalid');
  if (!isLocalDate(input.dueDate) || input.dueDate < today) reasons.push('task_due_date_invalid');
  const text = input.text.trim();
  if (text === '') reasons.push('task_text_required');
  else if (text.length > LIMITS.note) reasons.push('change_value_invalid');
  if (reasons.length > 0) return { ok: false, reasons };
  return {
    ok: true,
    data: {
      taskId,
      department: input.department as Department,
      ownerName: owner,
      ...(input.ownerId ? { ownerId: input.ownerId } : {}),
      dueDate: input.dueDate as LocalDate,
      text,
      ...(input.compensationId ? { compensationId: input.compensationId } : {}),
    },
  };
}

/**
 * Done, reopened or cancelled: a known task, a real change; reopening and cancelling say why. Not on a
 * closed complaint: it closed with none open (guard `open_tasks`), and it stays that way unless reopened.
 */
export function checkTaskStatus(
  subject: { status: ComplaintStatus },
  tasks: readonly Pick<DepartmentTask, 'taskId' | 'status'>[],
  change: { taskId: string; status: TaskStatus; note?: string },
): { ok: true; data: TaskStatusData } | { ok: false; reasons: RefusalReason[] } {
  const task = tasks.find((t) => t.taskId === change.taskId);
  if (!task) return { ok: false, reasons: ['task_unknown'] };
  const reasons: RefusalReason[] = [];
  if (subject.status === 'closed') reasons.push('complaint_closed');
  if (!(TASK_STATUSES as readonly string[]).includes(change.status)) reasons.push('change_value_invalid');
  else if (task.status === change.status) reasons.push('task_status_unchanged');
  const note = change.note?.trim();
  if (change.status !== 'done' && !note) reasons.push('task_note_required');
  if (note && note.length > LIMITS.note) reasons.push('change_value_invalid');
  if (reasons.length > 0) return { ok: false, reasons };
  return { ok: true, data: { taskId: change.taskId, status: change.status, ...(note ? { note } : {}) } };
}

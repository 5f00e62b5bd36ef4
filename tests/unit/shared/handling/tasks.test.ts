import { describe, expect, it } from 'vitest';
import type { ComplaintStatus } from '../../../../shared/complaints/model';
import { HANDLING_EVENT_DATA } from '../../../../shared/handling/event-data';
import {
  checkTask,
  checkTaskStatus,
  openTaskCount,
  tasksOf,
  taskState,
  type TaskInput,
} from '../../../../shared/handling/tasks';
import type { RefusalReason } from '../../../../shared/lifecycle';
import { ev, uuid } from './fixtures';

// R16: department tasks created from the decision, each with an owner, a due date and done / not done,
// tracked until all are done before the complaint can be closed.

const TODAY = '2026-09-14';
const input = (patch: Partial<TaskInput> = {}): TaskInput => ({
  department: 'warehouse',
  ownerName: ' Сергей Кузнецов ',
  dueDate: '2026-09-16',
  text: ' Выдать новую кофемашину ',
  ...patch,
});

describe('checkTask', () => {
  it('a valid task, trimmed, and its data passes the event schema', () => {
    const result = checkTask(
      { status: 'decided' },
      input({ ownerId: uuid(2), compensationId: uuid(3) }),
      uuid(1),
      TODAY,
    );
    expect(result).toEqual({
      ok: true,
      data: {
        taskId: uuid(1),
        department: 'warehouse',
        ownerName: 'Сергей Кузнецов',
        ownerId: uuid(2),
        dueDate: '2026-09-16',
        text: 'Выдать новую кофемашину',
        compensationId: uuid(3),
      },
    });
    if (result.ok) expect(HANDLING_EVENT_DATA.task_created.safeParse(result.data).success).toBe(true);
  });

  it.each<[string, ComplaintStatus, TaskInput, RefusalReason[] | 'ok']>([
    ['due today', 'decided', input({ dueDate: TODAY }), 'ok'],
    ['in review (a task before the decision)', 'in_review', input(), 'ok'],
    ['due yesterday', 'decided', input({ dueDate: '2026-09-13' }), ['task_due_date_invalid']],
    ['a date that does not exist', 'decided', input({ dueDate: '2026-02-30' }), ['task_due_date_invalid']],
    ['no owner', 'decided', input({ ownerName: '  ' }), ['task_owner_required']],
    ['no text', 'decided', input({ text: '' }), ['task_text_required']],
    ['an unknown department', 'decided', input({ department: 'marketing' }), ['task_department_unknown']],
    ['on a closed complaint', 'closed', input(), ['complaint_closed']],
    [
      'everything missing',
      'decided',
      input({ department: '', ownerName: '', dueDate: '', text: '' }),
      ['task_department_unknown', 'task_owner_required', 'task_due_date_invalid', 'task_text_required'],
    ],
  ])('%s', (_what, status, i, expected) => {
    const result = checkTask({ status }, i, uuid(1), TODAY);
    if (expected === 'ok') expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, reasons: expected });
  });
});

describe('tasks of a complaint', () => {
  const created = (n: number, at: string) =>
    ev(
      'task_created',
      { ...input(), taskId: uuid(n), ownerName: 'Сергей', text: `задача ${n}` },
      at,
      'Ольга',
    );
  const events = [
    created(1, '2026-09-14T08:00:00Z'),
    created(2, '2026-09-14T08:05:00Z'),
    created(1, '2026-09-14T08:06:00Z'), // the same task twice (a retried op) is one task
    ev('task_status_changed', { taskId: uuid(1), status: 'done' }, '2026-09-15T10:00:00Z'),
    ev(
      'task_status_changed',
      { taskId: uuid(2), status: 'cancelled', note: 'Не нужна' },
      '2026-09-15T11:00:00Z',
    ),
    ev(
      'task_status_changed',
      { taskId: uuid(2), status: 'open', note: 'Всё-таки нужна' },
      '2026-09-15T12:00:00Z',
    ),
    ev('task_status_changed', { taskId: uuid(2), status: 'lost' }, '2026-09-15T13:00:00Z'),
  ];
  const tasks = tasksOf(events);

  it('lists each once, in the order created, with its latest status', () => {
    expect(tasks.map((t) => [t.taskId, t.text, t.status, t.doneAt, t.note])).toEqual([
      [uuid(1), 'задача 1', 'done', '2026-09-15T10:00:00Z', undefined],
      [uuid(2), 'задача 2', 'open', undefined, 'Всё-таки нужна'],
    ]);
    expect(tasks[0]).toMatchObject({ createdAt: '2026-09-14T08:00:00Z', createdBy: 'Ольга' });
    expect(openTaskCount(tasks)).toBe(1);
  });

  it.each<[string, 'open' | 'done' | 'cancelled', string, string]>([
    ['open, due today', 'open', '2026-09-16', 'open'],
    ['open, due yesterday', 'open', '2026-09-17', 'overdue'],
    ['done late stays done', 'done', '2026-09-30', 'done'],
    ['cancelled', 'cancelled', '2026-09-30', 'cancelled'],
  ])('taskState: %s', (_what, status, today, expected) => {
    expect(taskState({ status, dueDate: '2026-09-16' }, today)).toBe(expected);
  });

  it.each<
    [
      string,
      { taskId: string; status: 'open' | 'done' | 'cancelled'; note?: string },
      RefusalReason[] | 'ok',
      ('decided' | 'closed')?,
    ]
  >([
    ['an open task done', { taskId: uuid(2), status: 'done' }, 'ok'],
    // Issue 15 (HQ re-checks it): a closed complaint closed with none open and keeps it so.
    [
      'reopened on a closed complaint',
      { taskId: uuid(1), status: 'open', note: 'Ещё раз' },
      ['complaint_closed'],
      'closed',
    ],
    ['a done task reopened with a note', { taskId: uuid(1), status: 'open', note: 'Привезли не ту' }, 'ok'],
    ['reopened without a note', { taskId: uuid(1), status: 'open' }, ['task_note_required']],
    ['cancelled without a note', { taskId: uuid(2), status: 'cancelled', note: ' ' }, ['task_note_required']],
    ['done twice', { taskId: uuid(1), status: 'done' }, ['task_status_unchanged']],
    ['an unknown task', { taskId: uuid(9), status: 'done' }, ['task_unknown']],
  ])('checkTaskStatus: %s', (_what, change, expected, status = 'decided') => {
    const result = checkTaskStatus({ status }, tasks, change);
    if (expected !== 'ok') expect(result).toEqual({ ok: false, reasons: expected });
    else {
      expect(result.ok).toBe(true);
      if (result.ok)
        expect(HANDLING_EVENT_DATA.task_status_changed.safeParse(result.data).success).toBe(true);
    }
  });
});

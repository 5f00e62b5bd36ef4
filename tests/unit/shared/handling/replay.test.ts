import { describe, expect, it } from 'vitest';
import type { ComplaintEvent, Milestones } from '../../../../shared/complaints/model';
import { MAX_MERGED_FROM } from '../../../../shared/handling/replay';
import { milestonesFromEvents } from '../../../../shared/lifecycle';
import { ev, status, uuid } from './fixtures';

// Issue 15: the handling part of a complaint's progress, replayed from its history (R4, R5, R11, R14, R16, R17).

const CB1 = uuid(1);
const CB2 = uuid(2);
const COMP = uuid(3);
const T1 = uuid(4);
const T2 = uuid(5);
const SURVIVOR = uuid(6);
const promise = (id: string, dueAt: string, at = '2026-09-14T08:00:00Z') =>
  ev('callback_promised', { callbackId: id, dueAt, phone: '+7 916 555-12-34' }, at);
const decided = (approvalRequired: boolean, id = COMP) =>
  ev('compensation_decided', {
    compensationId: id,
    amount: { amountMinor: 700_000, currency: 'RUB' },
    form: 'refund',
    approvalRequired,
  });
const toDecided = [
  status('register', 'received', 'registered', '2026-09-14T07:00:00Z'),
  status('start_review', 'registered', 'in_review', '2026-09-14T07:10:00Z'),
  status('decide', 'in_review', 'decided', '2026-09-14T07:20:00Z'),
];

const cases: [string, ComplaintEvent[], Record<string, unknown>, (keyof Milestones)[]][] = [
  // [what, events, expected (toMatchObject), keys that must be absent]
  ['nothing of issue 15', [], {}, ['callback', 'compensation', 'openTasks', 'mergedInto', 'attachments']],
  [
    'a promised callback is pending with its number',
    [promise(CB1, '2026-09-15T10:00:00Z')],
    {
      callback: {
        id: CB1,
        dueAt: '2026-09-15T10:00:00Z',
        phone: '+7 916 555-12-34',
        at: '2026-09-14T08:00:00Z',
      },
    },
    [],
  ],
  [
    'a new promise reschedules the pending one',
    [promise(CB1, '2026-09-15T10:00:00Z'), promise(CB2, '2026-09-16T10:00:00Z')],
    { callback: { id: CB2, dueAt: '2026-09-16T10:00:00Z' } },
    [],
  ],
  [
    'the callback made is no longer pending',
    [promise(CB1, '2026-09-15T10:00:00Z'), ev('callback_done', { callbackId: CB1, outcome: 'reached' })],
    {},
    ['callback'],
  ],
  [
    'a callback_done for another promise leaves the pending one',
    [promise(CB2, '2026-09-16T10:00:00Z'), ev('callback_done', { callbackId: CB1, outcome: 'reached' })],
    { callback: { id: CB2 } },
    [],
  ],
  [
    'a damaged promise (no time) is skipped',
    [ev('callback_promised', { callbackId: CB1 })],
    {},
    ['callback'],
  ],
  [
    'files attached are counted',
    [ev('attachment_added', {}), ev('attachment_added', {})],
    { attachments: 2 },
    [],
  ],
  [
    'a file removed is not counted',
    [ev('attachment_added', {}), ev('attachment_added', {}), ev('attachment_removed', {})],
    { attachments: 1 },
    [],
  ],
  [
    'merged into another: a reference, its callback gone',
    [
      promise(CB1, '2026-09-15T10:00:00Z'),
      ev('merged_into', { survivorId: SURVIVOR, survivorNumber: 'MSK-01-2026-100001' }),
    ],
    { mergedInto: { id: SURVIVOR, number: 'MSK-01-2026-100001' } },
    ['callback'],
  ],
  [
    'the same complaint merged in twice is listed once',
    [
      ev('merged_from', { mergedId: uuid(7), mergedNumber: 'MSK-01-2026-100007' }),
      ev('merged_from', { mergedId: uuid(8), mergedNumber: 'MSK-01-2026-100008' }),
      ev('merged_from', { mergedId: uuid(7), mergedNumber: 'MSK-01-2026-100007' }),
    ],
    {
      mergedFrom: [
        { id: uuid(8), number: 'MSK-01-2026-100008' },
        { id: uuid(7), number: 'MSK-01-2026-100007' },
      ],
    },
    [],
  ],
  [
    'escalation steps are kept in order; an unknown step is skipped',
    [
      ev(
        'escalated',
        { step: 'branch_manager', dueKey: 'acknowledge', dueKind: 'acknowledge', toName: 'Ирина' },
        '2026-09-15T07:00:00Z',
      ),
      ev('escalated', { step: 'ceo', dueKey: 'acknowledge' }),
      ev(
        'escalated',
        { step: 'head_of_sales', dueKey: 'acknowledge', dueKind: 'acknowledge', toName: 'Пётр' },
        '2026-09-16T07:00:00Z',
      ),
    ],
    {
      escalations: [
        {
          step: 'branch_manager',
          dueKey: 'acknowledge',
          dueKind: 'acknowledge',
          at: '2026-09-15T07:00:00Z',
          toName: 'Ирина',
        },
        {
          step: 'head_of_sales',
          dueKey: 'acknowledge',
          dueKind: 'acknowledge',
          at: '2026-09-16T07:00:00Z',
          toName: 'Пётр',
        },
      ],
    },
    [],
  ],
  [
    "passed to the head of sales: in HQ's queue",
    [ev('passed_to_head_of_sales', { reason: 'Требует руководителя' }, '2026-09-14T09:00:00Z')],
    { passedToHeadOfSalesAt: '2026-09-14T09:00:00Z', escalatedAt: '2026-09-14T09:00:00Z' },
    [],
  ],
  [
    'given back to the branch: no longer waiting in the queue',
    [
      ev('passed_to_head_of_sales', { reason: 'Требует руководителя' }, '2026-09-14T09:00:00Z'),
      ev('owner_changed', { owner: null, escalated: false }, '2026-09-14T10:00:00Z'),
    ],
    {},
    ['passedToHeadOfSalesAt'],
  ],
  [
    'handed to a senior colleague',
    [ev('handed_to_senior', { seniorName: 'Ирина Петрова', reason: 'threatening' }, '2026-09-14T09:00:00Z')],
    { senior: { name: 'Ирина Петрова', reason: 'threatening', at: '2026-09-14T09:00:00Z' } },
    [],
  ],
  [
    'a compensation at or below the threshold needs no approval',
    [...toDecided, decided(false)],
    {
      compensation: {
        id: COMP,
        approval: 'not_required',
        form: 'refund',
        amount: { amountMinor: 700_000, currency: 'RUB' },
      },
    },
    [],
  ],
  [
    'above the threshold it waits, then is approved by the role given',
    [
      ...toDecided,
      decided(true),
      ev(
        'compensation_approved',
        { compensationId: COMP, approverRole: 'head_of_sales' },
        '2026-09-14T11:00:00Z',
      ),
    ],
    {
      compensation: { approval: 'approved', answeredBy: 'head_of_sales', answeredAt: '2026-09-14T11:00:00Z' },
    },
    [],
  ],
  [
    'HQ’s threshold asks for approval the PC did not: it waits, and can be approved',
    [
      ...toDecided,
      decided(false),
      ev('compensation_approval_required', {
        compensationId: COMP,
        threshold: { amountMinor: 500_000, currency: 'RUB' },
      }),
      ev('compensation_approved', { compensationId: COMP, approverRole: 'branch_manager' }),
    ],
    { compensation: { approval: 'approved', answeredBy: 'branch_manager' } },
    [],
  ],
  [
    'HQ’s demand for another compensation, or one already waiting or answered, changes nothing',
    [
      ...toDecided,
      decided(false, uuid(98)),
      ev('compensation_approval_required', { compensationId: COMP }),
      decided(true),
      ev('compensation_refused', { compensationId: COMP, approverRole: 'head_of_sales', reason: 'нет' }),
      ev('compensation_approval_required', { compensationId: COMP }),
    ],
    { compensation: { id: COMP, approval: 'refused' } },
    [],
  ],
  [
    'an answer to another compensation, or a second answer, changes nothing',
    [
      ...toDecided,
      decided(true),
      ev('compensation_refused', { compensationId: uuid(99), approverRole: 'branch_manager', reason: 'нет' }),
      ev('compensation_refused', {
        compensationId: COMP,
        approverRole: 'branch_manager',
        reason: 'Слишком много',
      }),
      ev('compensation_approved', { compensationId: COMP, approverRole: 'head_of_sales' }),
    ],
    { compensation: { approval: 'refused', answeredBy: 'branch_manager' } },
    [],
  ],
  [
    'a reopening voids the compensation decided with the decision',
    [...toDecided, decided(true), status('reopen', 'decided', 'in_review', '2026-09-15T07:00:00Z')],
    { status: 'in_review', reopenCount: 1 },
    ['compensation'],
  ],
  [
    'tasks: open until done or cancelled; a status of an unknown task is ignored',
    [
      ev('task_created', { taskId: T1 }),
      ev('task_created', { taskId: T2 }),
      ev('task_status_changed', { taskId: T1, status: 'done' }),
      ev('task_status_changed', { taskId: uuid(77), status: 'done' }),
    ],
    { openTasks: 1 },
    [],
  ],
  [
    'tasks outlive a reopening; all cancelled or done is 0',
    [
      ...toDecided,
      ev('task_created', { taskId: T1 }),
      ev('task_created', { taskId: T2 }),
      status('reopen', 'decided', 'in_review', '2026-09-15T07:00:00Z'),
      ev('task_status_changed', { taskId: T1, status: 'done' }),
      ev('task_status_changed', { taskId: T2, status: 'cancelled', note: 'Ошибка' }),
    ],
    { openTasks: 0 },
    [],
  ],
  [
    'a task reopened counts again',
    [
      ev('task_created', { taskId: T1 }),
      ev('task_status_changed', { taskId: T1, status: 'done' }),
      ev('task_status_changed', { taskId: T1, status: 'open', note: 'Не доставлено' }),
    ],
    { openTasks: 1 },
    [],
  ],
  [
    'recourse explained: when',
    [ev('recourse_explained', { routes: ['internal_appeal'] }, '2026-09-20T08:00:00Z')],
    { recourseExplainedAt: '2026-09-20T08:00:00Z' },
    [],
  ],
];

describe('handling replay (milestonesFromEvents)', () => {
  it.each(cases)('%s', (_what, events, expected, absent) => {
    const m = milestonesFromEvents(events);
    expect(m).toMatchObject(expected);
    for (const key of absent) expect(m).not.toHaveProperty(key);
  });

  it(`keeps at most ${MAX_MERGED_FROM} merged numbers`, () => {
    const events = Array.from({ length: MAX_MERGED_FROM + 5 }, (_, i) =>
      ev('merged_from', {
        mergedId: uuid(1000 + i),
        mergedNumber: `MSK-01-2026-1${String(i).padStart(5, '0')}`,
      }),
    );
    expect(milestonesFromEvents(events).mergedFrom).toHaveLength(MAX_MERGED_FROM);
  });

  it('events with data that is not an object are skipped, not thrown on', () => {
    const broken = ev('compensation_decided', {});
    (broken as { data: unknown }).data = null;
    expect(() => milestonesFromEvents([broken])).not.toThrow();
    expect(milestonesFromEvents([broken])).not.toHaveProperty('compensation');
  });
});

import { describe, expect, it } from 'vitest';
import type { ComplaintEvent } from '../../../../shared/complaints/model';
import {
  checkPushedEvent,
  isRecheckedEvent,
  type PushedEventContext,
} from '../../../../shared/handling/pushed-events';
import type { RefusalReason } from '../../../../shared/lifecycle';
import { ev, status, uuid, VALID } from './fixtures';

// Issue 15 (R4, R5, R14, R16, R17): HQ checks a pushed handling event by the rule the branch ran, against
// its own history; "now" is the event's own time, the approver's role is the one HQ knows.

const DECIDER = { actor: 'Иван', actorId: uuid(0x51) };
const MANAGER = { actor: 'Мария', actorId: uuid(0x52) };
const by = (e: ComplaintEvent, who: { actor: string; actorId: string }): ComplaintEvent => ({ ...e, ...who });

const decided = [
  status('register', 'received', 'registered', '2026-09-14T07:00:00Z'),
  status('start_review', 'registered', 'in_review', '2026-09-14T07:10:00Z'),
  status('decide', 'in_review', 'decided', '2026-09-14T07:20:00Z'),
];
const pending = [...decided, by(ev('compensation_decided', VALID.compensation_decided), DECIDER)];
const approved = [...pending, by(ev('compensation_approved', VALID.compensation_approved), MANAGER)];
const withTask = [...decided, ev('task_created', VALID.task_created)];
const closed = [
  ...withTask,
  ev('task_status_changed', VALID.task_status_changed),
  status('inform_customer', 'decided', 'customer_informed', '2026-09-14T09:00:00Z'),
  status('start_follow_up', 'customer_informed', 'follow_up', '2026-09-14T09:10:00Z'),
  status('close', 'follow_up', 'closed', '2026-09-14T09:20:00Z'),
];
const promised = [...decided, ev('callback_promised', VALID.callback_promised)];
const merged = [...decided, ev('merged_into', VALID.merged_into)];
const passed = [...decided, ev('passed_to_head_of_sales', VALID.passed_to_head_of_sales)];

const at = (e: ComplaintEvent, when: string) => ({ ...e, at: when });
const data = (type: keyof typeof VALID, patch: Record<string, unknown>) =>
  ev(type, { ...VALID[type], ...patch });
const manager: PushedEventContext = { actorRole: 'branch_manager' };

describe('checkPushedEvent', () => {
  it.each<[string, ComplaintEvent[], ComplaintEvent, PushedEventContext, RefusalReason[]]>([
    // R16 compensation
    ['compensation on a decision', decided, ev('compensation_decided', VALID.compensation_decided), {}, []],
    [
      'compensation before any decision',
      decided.slice(0, 2),
      ev('compensation_decided', VALID.compensation_decided),
      {},
      ['compensation_needs_decision'],
    ],
    [
      'compensation contradicting its own threshold',
      decided,
      data('compensation_decided', { approvalRequired: false }),
      {},
      ['change_value_invalid'],
    ],
    [
      'compensation with a threshold in another currency',
      decided,
      data('compensation_decided', { threshold: { amountMinor: 10_000_000, currency: 'CZK' } }),
      {},
      ['change_value_invalid'],
    ],
    [
      'approval by a manager',
      pending,
      by(ev('compensation_approved', VALID.compensation_approved), MANAGER),
      manager,
      [],
    ],
    [
      'approval by the decider',
      pending,
      by(ev('compensation_approved', VALID.compensation_approved), DECIDER),
      manager,
      ['approval_by_decider'],
    ],
    [
      'approval by a counter employee',
      pending,
      by(ev('compensation_approved', VALID.compensation_approved), MANAGER),
      { actorRole: 'counter' },
      ['approver_role_required'],
    ],
    [
      'approval by someone HQ does not know',
      pending,
      by(ev('compensation_approved', VALID.compensation_approved), MANAGER),
      {},
      ['approver_role_required'],
    ],
    [
      'refusal after it was approved',
      approved,
      by(ev('compensation_refused', VALID.compensation_refused), MANAGER),
      manager,
      ['approval_not_pending'],
    ],
    [
      'approval of an older compensation',
      pending,
      by(data('compensation_approved', { compensationId: uuid(0x99) }), MANAGER),
      manager,
      ['approval_not_pending'],
    ],
    // R16 tasks: "today" is the event's, not HQ's
    [
      'a task due on its day',
      decided,
      at(ev('task_created', VALID.task_created), '2026-09-16T06:00:00Z'),
      {},
      [],
    ],
    [
      'a task due before it was made',
      decided,
      at(ev('task_created', VALID.task_created), '2026-09-18T12:00:00Z'),
      {},
      ['task_due_date_invalid'],
    ],
    ['the same task twice', withTask, ev('task_created', VALID.task_created), {}, ['change_value_invalid']],
    [
      'a task on a closed complaint',
      closed,
      data('task_created', { taskId: uuid(0x77) }),
      {},
      ['complaint_closed'],
    ],
    ['a task done', withTask, ev('task_status_changed', VALID.task_status_changed), {}, []],
    [
      'a task reopened on a closed complaint',
      closed,
      data('task_status_changed', { status: 'open', note: 'снова' }),
      {},
      ['complaint_closed'],
    ],
    ['an unknown task', decided, ev('task_status_changed', VALID.task_status_changed), {}, ['task_unknown']],
    // R4 callbacks: "now" is when the branch wrote it
    [
      'a promise pushed days later',
      decided,
      at(ev('callback_promised', VALID.callback_promised), '2026-09-14T08:00:00Z'),
      {},
      [],
    ],
    [
      'a promise in the past when written',
      decided,
      at(ev('callback_promised', VALID.callback_promised), '2026-09-16T08:00:00Z'),
      {},
      ['callback_in_past'],
    ],
    [
      'a promise on a closed complaint',
      closed,
      ev('callback_promised', VALID.callback_promised),
      {},
      ['complaint_closed'],
    ],
    ['the pending callback done', promised, ev('callback_done', VALID.callback_done), {}, []],
    [
      'a callback nobody promised',
      decided,
      ev('callback_done', VALID.callback_done),
      {},
      ['callback_not_pending'],
    ],
    // R5, R14, R17
    ['later information', closed, ev('customer_info_added', VALID.customer_info_added), {}, []],
    [
      'later information on a merged one',
      merged,
      ev('customer_info_added', VALID.customer_info_added),
      {},
      ['complaint_merged'],
    ],
    [
      'passed to the head of sales',
      decided,
      ev('passed_to_head_of_sales', VALID.passed_to_head_of_sales),
      {},
      [],
    ],
    [
      'passed twice',
      passed,
      ev('passed_to_head_of_sales', VALID.passed_to_head_of_sales),
      {},
      ['already_with_head_of_sales'],
    ],
    [
      'handed to oneself',
      decided,
      data('handed_to_senior', { seniorName: 'ольга иванова' }),
      {},
      ['senior_required'],
    ],
    [
      'handed on a closed complaint',
      closed,
      ev('handed_to_senior', VALID.handed_to_senior),
      {},
      ['complaint_closed'],
    ],
    ['recourse explained', closed, ev('recourse_explained', VALID.recourse_explained), {}, []],
    [
      'recourse on a merged one',
      merged,
      ev('recourse_explained', VALID.recourse_explained),
      {},
      ['complaint_merged'],
    ],
    [
      'a time that is no time',
      decided,
      at(ev('task_created', VALID.task_created), 'gestern'),
      {},
      ['change_value_invalid'],
    ],
    // Types without a branch rule pass (their schema checked them).
    [
      'the conversation guide',
      closed,
      ev('conversation_aid_recorded', VALID.conversation_aid_recorded),
      {},
      [],
    ],
  ])('%s', (_what, history, event, ctx, expected) => {
    expect(checkPushedEvent(history, event, ctx)).toEqual(expected);
  });
});

describe('isRecheckedEvent', () => {
  it.each<[ComplaintEvent['type'], boolean]>([
    ['compensation_approved', true],
    ['task_status_changed', true],
    ['callback_promised', true],
    ['note_added', false],
    ['document_printed', false],
  ])('%s: %s', (type, rechecked) => {
    expect(isRecheckedEvent(type)).toBe(rechecked);
  });
});

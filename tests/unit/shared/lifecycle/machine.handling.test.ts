import { describe, expect, it } from 'vitest';
import type { ComplaintStatus } from '../../../../shared/complaints/model';
import {
  lifecycleSubjectOf,
  transition,
  type LifecycleSubject,
  type RefusalReason,
} from '../../../../shared/lifecycle';
import { checkStatusChange } from '../../../../shared/sync/rules';

// Issue 15: the lifecycle guards of handling (R5 merged complaints, R16 approval and department tasks).

const now = new Date('2026-09-20T08:00:00Z');
const merged = { id: '019a1f52-7c3e-7d10-9b7e-000000000006', number: 'MSK-01-2026-100001' };

const cases: [string, LifecycleSubject, ComplaintStatus, RefusalReason[] | 'ok'][] = [
  // [what, subject, to, refused with (or ok)]
  ['informing with no compensation', { status: 'decided' }, 'customer_informed', 'ok'],
  [
    'informing: compensation needs no approval',
    { status: 'decided', compensation: { approval: 'not_required' } },
    'customer_informed',
    'ok',
  ],
  [
    'informing: compensation approved',
    { status: 'decided', compensation: { approval: 'approved' } },
    'customer_informed',
    'ok',
  ],
  [
    'informing: compensation awaits approval',
    { status: 'decided', compensation: { approval: 'pending' } },
    'customer_informed',
    ['compensation_approval_pending'],
  ],
  [
    'informing: compensation refused',
    { status: 'decided', compensation: { approval: 'refused' } },
    'customer_informed',
    ['compensation_refused'],
  ],
  [
    'reopening while the compensation awaits approval',
    { status: 'decided', compensation: { approval: 'pending' } },
    'in_review',
    'ok',
  ],
  [
    'closing with every task done',
    { status: 'follow_up', followUpOutcome: 'accepted', openTasks: 0 },
    'closed',
    'ok',
  ],
  [
    'closing with a task open',
    { status: 'follow_up', followUpOutcome: 'accepted', openTasks: 2 },
    'closed',
    ['open_tasks'],
  ],
  [
    'closing: no follow-up and tasks open: both said',
    { status: 'follow_up', openTasks: 1 },
    'closed',
    ['follow_up_required', 'open_tasks'],
  ],
  [
    'a merged complaint has no lifecycle',
    { status: 'registered', mergedInto: merged },
    'in_review',
    ['complaint_merged'],
  ],
  [
    'a merged complaint is not even reopened',
    { status: 'closed', mergedInto: merged },
    'in_review',
    ['complaint_merged'],
  ],
];

describe('transition guards of issue 15', () => {
  it.each(cases)('%s', (_what, subject, to, expected) => {
    const result = transition(subject, {
      to,
      actor: 'Ольга Иванова',
      now,
      reason: 'Клиент принёс новые документы',
      followUp: undefined,
    });
    if (expected === 'ok') expect(result).toMatchObject({ ok: true, status: to });
    else expect(result).toMatchObject({ ok: false, reasons: expected });
  });

  it('HQ checks a synced status change with the same guards (checkStatusChange)', () => {
    const payload = {
      complaintId: merged.id,
      from: 'decided' as const,
      to: 'customer_informed' as const,
      event: {
        id: '019a1f52-7c3e-7d10-9b7e-000000000009',
        complaintId: merged.id,
        type: 'status_changed' as const,
        at: now.toISOString(),
        actor: 'Ольга Иванова',
        data: { from: 'decided', to: 'customer_informed', transition: 'inform_customer' },
      },
    };
    expect(checkStatusChange({ status: 'decided', compensation: { approval: 'pending' } }, payload)).toEqual({
      ok: false,
      reason: 'compensation_approval_pending',
    });
    expect(checkStatusChange({ status: 'decided', compensation: { approval: 'approved' } }, payload)).toEqual(
      {
        ok: true,
      },
    );
  });
});

describe('lifecycleSubjectOf', () => {
  it.each([
    ['a record from before issue 15', { status: 'registered' as const }, { status: 'registered' }],
    [
      'what the guards need from its progress',
      {
        status: 'follow_up' as const,
        progress: {
          status: 'follow_up' as const,
          reopenCount: 0,
          followUpOutcome: 'accepted' as const,
          compensation: {
            id: 'c',
            amount: { amountMinor: 1, currency: 'RUB' },
            form: 'refund' as const,
            approval: 'approved' as const,
            decidedAt: '2026-09-14T08:00:00Z',
          },
          openTasks: 2,
          mergedInto: merged,
          attachments: 3,
        },
      },
      {
        status: 'follow_up',
        followUpOutcome: 'accepted',
        compensation: { approval: 'approved' },
        openTasks: 2,
        mergedInto: merged,
      },
    ],
    [
      'no open tasks is no key',
      { status: 'follow_up' as const, progress: { openTasks: 0 } },
      { status: 'follow_up' },
    ],
  ])('%s', (_what, record, expected) => {
    expect(lifecycleSubjectOf(record)).toEqual(expected);
  });
});

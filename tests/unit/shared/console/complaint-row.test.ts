import { describe, expect, it } from 'vitest';
import type { Complaint, ComplaintEvent } from '../../../../shared/complaints/model';
import {
  approvalPendingSince,
  complaintRow,
  consoleDueState,
} from '../../../../shared/console/complaint-row';
import { complaintDueMoments, mostUrgentState, POLICY_PRESETS } from '../../../../shared/deadlines';
import { milestonesFromEvents, timelineOf } from '../../../../shared/lifecycle';

// Issue 14: the columns HQ keeps beside each complaint. The next due moment and its due-soon instant do not
// depend on `now`, yet the state they give at any instant is the deadline engine's own.

const cal = { country: 'RU', timeZone: 'Europe/Moscow' };
const policy = POLICY_PRESETS.working_days_10;
const head = { id: '0193b8a0-0000-7000-8000-000000000001', name: 'Соколова' };

function complaint(
  events: Array<Pick<ComplaintEvent, 'type' | 'at' | 'data'>>,
  over: Partial<Complaint> = {},
): Complaint {
  const progress = milestonesFromEvents(events);
  return {
    id: '0193b8a0-0000-7000-8000-000000000010',
    number: 'MSK-01-2026-100001',
    branchCode: 'MSK-01',
    status: progress.status,
    channel: 'post',
    receivedAt: '2026-03-02T07:00:00.000Z',
    registeredAt: '2026-03-02T07:00:00.000Z',
    updatedAt: '2026-03-02T07:00:00.000Z',
    receivedBy: 'Ольга',
    confidential: false,
    customer: { name: 'Пётр', phone: '', email: '', address: 'Москва', preferredContact: 'post' },
    noContactReason: '',
    description: 'Чайник',
    remedy: '',
    concerns: { product: '', service: '', employee: '' },
    category: 'product_quality',
    severity: 'high',
    healthAndSafety: true,
    consent: true,
    searchWords: [],
    progress,
    ...over,
  };
}

const step = (at: string, from: string, to: string, transition: string, extra: object = {}) => ({
  type: 'status_changed' as const,
  at,
  data: { from, to, transition, ...extra },
});
const registered = step('2026-03-02T07:00:00.000Z', 'received', 'registered', 'register');

describe('complaintRow', () => {
  it.each([
    ['just registered (a letter: acknowledgement and final answer open)', [registered]],
    [
      'acknowledged by a preliminary answer',
      [registered, { type: 'preliminary_answer_sent' as const, at: '2026-03-03T07:00:00.000Z', data: {} }],
    ],
    ['in review', [registered, step('2026-03-03T07:00:00.000Z', 'registered', 'in_review', 'start_review')]],
    [
      'closed: nothing is due',
      [
        registered,
        step('2026-03-03T07:00:00.000Z', 'registered', 'in_review', 'start_review'),
        step('2026-03-04T07:00:00.000Z', 'in_review', 'decided', 'decide', {
          decision: { outcome: 'upheld' },
        }),
        step('2026-03-04T08:00:00.000Z', 'decided', 'customer_informed', 'inform_customer'),
        step('2026-03-12T08:00:00.000Z', 'customer_informed', 'follow_up', 'record_follow_up', {
          followUp: { outcome: 'accepted' },
        }),
        step('2026-03-12T09:00:00.000Z', 'follow_up', 'closed', 'close'),
      ],
    ],
  ])('%s: the state at every instant is the engine’s', (_what, events) => {
    const c = complaint(events);
    const row = complaintRow(c, cal, policy);
    for (
      let t = Date.parse('2026-03-01T00:00:00Z');
      t < Date.parse('2026-04-15T00:00:00Z');
      t += 7 * 3_600_000
    ) {
      const at = new Date(t);
      const engine = mostUrgentState(
        complaintDueMoments(timelineOf(c), cal, policy, at).filter((m) => !m.projected),
      );
      const expected = { overdue: 'overdue', due_soon: 'soon', ok: 'ok', done: 'none', pending: 'none' }[
        engine
      ];
      expect(consoleDueState(row, at), at.toISOString()).toBe(expected);
    }
  });

  it('assessment, owner and escalation come from the record and its history', () => {
    const taken = complaint([
      registered,
      { type: 'owner_changed', at: '2026-03-03T07:00:00.000Z', data: { owner: head, escalated: true } },
    ]);
    expect(complaintRow(taken, cal, policy)).toMatchObject({
      category: 'product_quality',
      severity: 'high',
      healthAndSafety: true,
      ownerId: head.id,
      ownerName: head.name,
      escalated: true,
    });
    expect(complaintRow(complaint([registered]), cal, policy)).toMatchObject({
      ownerId: null,
      escalated: false,
    });
  });

  it('escalated by HQ for a missed deadline (R11, issue 15) counts as escalated, owner unchanged', () => {
    const overdue = complaint([
      registered,
      {
        type: 'escalated',
        at: '2026-03-20T07:00:00.000Z',
        data: {
          step: 'branch_manager',
          dueKey: 'final_answer#0',
          dueKind: 'final_answer',
          dueAt: '2026-03-19T21:00:00.000Z',
          toName: 'Jana Nováková',
          toEmail: 'jana.novakova@example.com',
        },
      },
    ]);
    expect(complaintRow(overdue, cal, policy)).toMatchObject({ ownerId: null, escalated: true });
  });

  it('a calendar extra day off moves the next due moment', () => {
    const c = complaint([registered]);
    const plain = complaintRow(c, cal, policy);
    const withDayOff = complaintRow(c, { ...cal, extraDaysOff: ['2026-03-03'] }, policy);
    expect(withDayOff.nextDueAt).not.toBe(plain.nextDueAt);
    expect(Date.parse(withDayOff.nextDueAt!)).toBeGreaterThan(Date.parse(plain.nextDueAt!));
  });

  it.each([
    ['pending: since its decision', 'pending', '2026-03-04T09:00:00.000Z'],
    ['approved: nothing waits', 'approved', null],
    ['refused: nothing waits', 'refused', null],
    ['below the threshold: nothing waits', 'not_required', null],
  ] as const)('R16 approval: %s', (_what, approval, since) => {
    const c = complaint([registered]);
    c.progress.compensation = {
      id: '0193b8a0-0000-7000-8000-0000000000c1',
      amount: { amountMinor: 900_000, currency: 'RUB' },
      form: 'refund',
      approval,
      decidedAt: '2026-03-04T09:00:00.000Z',
    };
    expect(complaintRow(c, cal, policy).approvalPendingSince).toBe(since);
    expect(approvalPendingSince({})).toBeNull();
  });
});

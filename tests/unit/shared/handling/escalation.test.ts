import { describe, expect, it } from 'vitest';
import type { DueMoment } from '../../../../shared/deadlines';
import { HANDLING_EVENT_DATA } from '../../../../shared/handling/event-data';
import {
  dueEscalations,
  dueKeyOf,
  escalatedData,
  escalationMessageKey,
  nextEscalationAt,
  type EscalationProgress,
} from '../../../../shared/handling/escalation';
import { operationPayloads } from '../../../../shared/sync/operations';
import { ev, uuid } from './fixtures';

// R11, R14: an overdue complaint escalates to the branch manager, then (a configurable delay later) to the
// head of sales, once per step per due moment.

const DUE = '2026-09-14T20:59:59.999Z';
const HOUR = 3_600_000;
const moment = (kind: DueMoment['kind'], patch: Partial<DueMoment> = {}): DueMoment => ({
  kind,
  ruleId: kind,
  basis: 'test',
  dueAt: new Date(DUE),
  dueDate: '2026-09-14',
  done: false,
  projected: false,
  soonFrom: new Date(DUE),
  state: 'overdue',
  ...patch,
});
const after = (ms: number) => new Date(Date.parse(DUE) + ms);
const step = (s: 'branch_manager' | 'head_of_sales', dueKey: string, at: Date) => ({
  step: s,
  dueKey,
  dueKind: dueKey.split('#')[0]!,
  at: at.toISOString(),
  toName: 'x',
});
const fresh: EscalationProgress = { reopenCount: 0 };

describe('dueKeyOf', () => {
  it.each<[DueMoment['kind'], string | undefined, number, string]>([
    ['acknowledge', undefined, 2, 'acknowledge'],
    ['preliminary_answer', undefined, 2, 'preliminary_answer'],
    ['final_answer', undefined, 0, 'final_answer#0'],
    ['final_answer', undefined, 2, 'final_answer#2'],
    ['follow_up', undefined, 1, 'follow_up#1'],
    ['callback', uuid(1), 3, `callback:${uuid(1)}`],
  ])('%s (ref %s, reopened %i times): %s', (kind, ref, reopenCount, key) => {
    expect(dueKeyOf({ kind, ref }, reopenCount)).toBe(key);
  });
});

describe('dueEscalations', () => {
  it.each<
    [
      string,
      DueMoment[],
      EscalationProgress,
      { branchManagerAfterMinutes: number; headOfSalesAfterHours: number } | undefined,
      Date,
      [string, string][],
    ]
  >([
    [
      'at the deadline itself nothing is missed yet',
      [moment('final_answer')],
      fresh,
      undefined,
      after(0),
      [],
    ],
    [
      'a millisecond later: the branch manager',
      [moment('final_answer')],
      fresh,
      undefined,
      after(1),
      [['branch_manager', 'final_answer#0']],
    ],
    [
      'with a 30-minute grace: not after 29 minutes',
      [moment('final_answer')],
      fresh,
      { branchManagerAfterMinutes: 30, headOfSalesAfterHours: 24 },
      after(29 * 60_000),
      [],
    ],
    [
      'with a 30-minute grace: after 30',
      [moment('final_answer')],
      fresh,
      { branchManagerAfterMinutes: 30, headOfSalesAfterHours: 24 },
      after(30 * 60_000 + 1),
      [['branch_manager', 'final_answer#0']],
    ],
    [
      'the manager told: the head of sales not before the delay',
      [moment('final_answer')],
      { reopenCount: 0, escalations: [step('branch_manager', 'final_answer#0', after(HOUR))] },
      undefined,
      after(24 * HOUR),
      [],
    ],
    [
      'the manager told: the head of sales after the delay',
      [moment('final_answer')],
      { reopenCount: 0, escalations: [step('branch_manager', 'final_answer#0', after(HOUR))] },
      undefined,
      after(25 * HOUR),
      [['head_of_sales', 'final_answer#0']],
    ],
    [
      'both told: nothing more',
      [moment('final_answer')],
      {
        reopenCount: 0,
        escalations: [
          step('branch_manager', 'final_answer#0', after(HOUR)),
          step('head_of_sales', 'final_answer#0', after(26 * HOUR)),
        ],
      },
      undefined,
      after(100 * HOUR),
      [],
    ],
    [
      'a worker down for days catches up one step per run',
      [moment('final_answer')],
      fresh,
      undefined,
      after(100 * HOUR),
      [['branch_manager', 'final_answer#0']],
    ],
    [
      'passed to the head of sales: straight to them',
      [moment('final_answer')],
      { reopenCount: 0, passedToHeadOfSalesAt: '2026-09-14T10:00:00Z' },
      undefined,
      after(1),
      [['head_of_sales', 'final_answer#0']],
    ],
    [
      'taken over at HQ: straight to the head of sales',
      [moment('acknowledge')],
      { reopenCount: 0, owner: { id: uuid(3), name: 'Пётр' } },
      undefined,
      after(1),
      [['head_of_sales', 'acknowledge']],
    ],
    [
      'done, projected (not started) moments never escalate',
      [
        moment('acknowledge', { done: true, state: 'done' }),
        moment('follow_up', { projected: true, state: 'pending' }),
      ],
      fresh,
      undefined,
      after(HOUR),
      [],
    ],
    [
      'a merged complaint never escalates',
      [moment('final_answer')],
      { reopenCount: 0, mergedInto: { id: uuid(4), number: 'n' } },
      undefined,
      after(HOUR),
      [],
    ],
    [
      'reopened: the new final answer escalates again',
      [moment('final_answer')],
      {
        reopenCount: 1,
        escalations: [
          step('branch_manager', 'final_answer#0', after(-HOUR)),
          step('head_of_sales', 'final_answer#0', after(-HOUR)),
        ],
      },
      undefined,
      after(1),
      [['branch_manager', 'final_answer#1']],
    ],
    [
      'a missed callback escalates by its promise',
      [moment('callback', { ref: uuid(7) })],
      fresh,
      undefined,
      after(1),
      [['branch_manager', `callback:${uuid(7)}`]],
    ],
    [
      'two moments: in time order',
      [moment('final_answer', { dueAt: after(HOUR) }), moment('acknowledge')],
      fresh,
      undefined,
      after(2 * HOUR),
      [
        ['branch_manager', 'acknowledge'],
        ['branch_manager', 'final_answer#0'],
      ],
    ],
  ])('%s', (_what, moments, progress, settings, now, expected) => {
    expect(dueEscalations(moments, progress, settings, now).map((s) => [s.step, s.dueKey])).toEqual(expected);
  });

  it('says which deadline was missed and from when the step is due', () => {
    expect(dueEscalations([moment('final_answer')], fresh, undefined, after(HOUR))).toEqual([
      {
        step: 'branch_manager',
        dueKey: 'final_answer#0',
        dueKind: 'final_answer',
        dueAt: new Date(DUE),
        dueFrom: after(1),
      },
    ]);
  });
});

describe('nextEscalationAt', () => {
  it.each<[string, EscalationProgress, Date, Date | undefined]>([
    ['before the deadline: just after it', fresh, after(-HOUR), after(1)],
    [
      'the manager told an hour after: a day later',
      { reopenCount: 0, escalations: [step('branch_manager', 'final_answer#0', after(HOUR))] },
      after(2 * HOUR),
      after(25 * HOUR),
    ],
    [
      'all told: nothing planned',
      {
        reopenCount: 0,
        escalations: [
          step('branch_manager', 'final_answer#0', after(HOUR)),
          step('head_of_sales', 'final_answer#0', after(25 * HOUR)),
        ],
      },
      after(2 * HOUR),
      undefined,
    ],
  ])('%s', (_what, progress, now, expected) => {
    expect(nextEscalationAt([moment('final_answer')], progress, undefined, now)).toEqual(expected);
  });
});

describe('the escalation mail and event', () => {
  it('one Message-ID key per complaint, step and due moment, safe in a header', () => {
    expect(escalationMessageKey(uuid(1), 'branch_manager', 'final_answer#2')).toBe(
      `escalation.${uuid(1)}.branch_manager.final_answer-2`,
    );
    expect(escalationMessageKey(uuid(1), 'head_of_sales', `callback:${uuid(7)}`)).toBe(
      `escalation.${uuid(1)}.head_of_sales.callback-${uuid(7)}`,
    );
    expect(escalationMessageKey(uuid(1), 'branch_manager', 'a<b>@c d')).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  const [due] = dueEscalations([moment('final_answer')], fresh, undefined, after(HOUR));
  const data = escalatedData(due!, { name: '  ', email: ' manager@example.ru ' }, '<escalation.x@otklik>');

  it('the escalated event names whom, and its data passes its schema', () => {
    expect(data).toEqual({
      step: 'branch_manager',
      dueKey: 'final_answer#0',
      dueKind: 'final_answer',
      dueAt: DUE,
      toName: 'manager@example.ru',
      toEmail: 'manager@example.ru',
      messageId: '<escalation.x@otklik>',
    });
    expect(HANDLING_EVENT_DATA.escalated.safeParse(data).success).toBe(true);
  });

  it('only HQ escalates: a branch op carrying an escalated event is refused', () => {
    const event = ev('escalated', data);
    expect(operationPayloads['complaint.event'].safeParse({ event }).success).toBe(false);
    expect(
      operationPayloads['complaint.event'].safeParse({ event: ev('note_added', { text: 'ok' }) }).success,
    ).toBe(true);
  });
});

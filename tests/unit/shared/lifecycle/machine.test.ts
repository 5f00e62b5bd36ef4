import { describe, expect, it } from 'vitest';
import { STATUSES, type ComplaintStatus } from '../../../../shared/complaints/model';
import {
  checkDecision,
  isOpenStatus,
  milestonesFromEvents,
  nextStatuses,
  REFUSAL_REASONS,
  transition,
  TRANSITIONS,
  UNFOUNDED_CRITERIA,
  type DecisionInput,
  type LifecycleSubject,
  type StatusChangeEvent,
  type TransitionRequest,
} from '../../../../shared/lifecycle';

const NOW = new Date('2026-11-24T09:30:00Z');
const ACTOR = 'Ivanova A.';

/** The allowed moves, written out independently of TRANSITIONS so the matrix test checks the table. */
const ALLOWED: Record<string, string> = {
  'received→registered': 'register',
  'registered→in_review': 'start_review',
  'in_review→decided': 'decide',
  'decided→customer_informed': 'inform_customer',
  'customer_informed→follow_up': 'record_follow_up',
  'follow_up→closed': 'close',
  'decided→in_review': 'reopen',
  'customer_informed→in_review': 'reopen',
  'follow_up→in_review': 'reopen',
  'closed→in_review': 'reopen',
};

/** A request that satisfies every guard of the move. */
function validRequest(to: ComplaintStatus, from: ComplaintStatus): TransitionRequest {
  const base: TransitionRequest = { to, actor: ACTOR, now: NOW };
  if (to === 'decided') return { ...base, decision: { outcome: 'upheld' } };
  if (to === 'follow_up') return { ...base, followUp: { outcome: 'accepted', satisfaction: 5 } };
  if (to === 'in_review' && from !== 'registered') return { ...base, reason: 'New facts from the customer' };
  return base;
}
const subject = (status: ComplaintStatus): LifecycleSubject => ({ status, followUpOutcome: 'accepted' });

const matrix = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const));

describe('transition matrix (7 × 7)', () => {
  it('covers every pair, with exactly the documented moves allowed', () => {
    expect(matrix).toHaveLength(49);
    expect(TRANSITIONS.map((t) => `${t.from}→${t.to}`).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it.each(matrix)('%s → %s', (from, to) => {
    const result = transition(subject(from), validRequest(to, from));
    const name = ALLOWED[`${from}→${to}`];
    if (name) {
      expect(result).toMatchObject({ ok: true, transition: name, status: to });
      if (result.ok) {
        expect(result.event).toMatchObject({
          type: 'status_changed',
          at: NOW.toISOString(),
          actor: ACTOR,
          data: { from, to, transition: name },
        });
      }
    } else {
      expect(result).toEqual({
        ok: false,
        reason: 'transition_not_allowed',
        reasons: ['transition_not_allowed'],
      });
    }
  });

  it.each(STATUSES)('nextStatuses(%s) matches the matrix', (from) => {
    const expected = STATUSES.filter((to) => ALLOWED[`${from}→${to}`]);
    expect(nextStatuses(from)).toEqual(expected);
  });

  it('refuses an unknown target status', () => {
    const result = transition(subject('received'), {
      to: 'archived' as ComplaintStatus,
      actor: ACTOR,
      now: NOW,
    });
    expect(result).toMatchObject({ ok: false, reason: 'transition_not_allowed' });
  });
});

describe('every transition is attributed and timestamped (R12)', () => {
  it.each([
    [{ actor: '  ' }, ['actor_required']],
    [{ now: new Date('nope') }, ['time_invalid']],
    [{ actor: '', now: new Date(Number.NaN) }, ['actor_required', 'time_invalid']],
  ] as const)('%j → %j', (override, reasons) => {
    const result = transition(subject('received'), {
      ...validRequest('registered', 'received'),
      ...override,
    });
    expect(result).toEqual({ ok: false, reason: reasons[0], reasons });
  });

  it('refuses a stale precondition (the complaint moved since the client saw it)', () => {
    const result = transition(subject('in_review'), {
      ...validRequest('decided', 'in_review'),
      expectedFrom: 'registered',
    });
    expect(result).toMatchObject({ ok: false, reason: 'stale_status' });
  });

  it('accepts a matching precondition and keeps a note', () => {
    const result = transition(subject('registered'), {
      ...validRequest('in_review', 'registered'),
      expectedFrom: 'registered',
      note: ' assigned to the manager ',
    });
    expect(result).toMatchObject({ ok: true, event: { data: { note: 'assigned to the manager' } } });
  });
});

const decide = (decision: DecisionInput | undefined) =>
  transition(subject('in_review'), { to: 'decided', actor: ACTOR, now: NOW, decision });

describe('decision guards (R15)', () => {
  it.each<[string, DecisionInput | undefined, string[]]>([
    ['no decision at all', undefined, ['decision_required']],
    ['unknown outcome', { outcome: 'maybe' as DecisionInput['outcome'] }, ['outcome_unknown']],
    ['rejected, nothing else', { outcome: 'rejected' }, ['justification_required', 'alternative_required']],
    [
      'rejected without alternative',
      { outcome: 'rejected', justification: 'Outside warranty terms' },
      ['alternative_required'],
    ],
    [
      'rejected without justification',
      { outcome: 'rejected', alternativeOffered: 'Paid repair at 50 %' },
      ['justification_required'],
    ],
    [
      'rejected with blank texts',
      { outcome: 'rejected', justification: ' ', alternativeOffered: '\n' },
      ['justification_required', 'alternative_required'],
    ],
    [
      'partly upheld without alternative',
      { outcome: 'partly_upheld', justification: 'Only one item was faulty' },
      ['alternative_required'],
    ],
    [
      'unfounded without criterion',
      { outcome: 'unfounded', justification: 'x', alternativeOffered: 'y' },
      ['unfounded_criterion_required'],
    ],
    [
      'unfounded with an unknown criterion',
      {
        outcome: 'unfounded',
        unfoundedCriterion: 'bad_mood' as DecisionInput['unfoundedCriterion'],
        justification: 'x',
        alternativeOffered: 'y',
      },
      ['unfounded_criterion_unknown'],
    ],
    [
      'unfounded needs a justification',
      { outcome: 'unfounded', unfoundedCriterion: 'warranty_expired', alternativeOffered: 'Paid repair' },
      ['justification_required'],
    ],
    [
      'unfounded, warranty expired, needs an alternative',
      { outcome: 'unfounded', unfoundedCriterion: 'warranty_expired', justification: 'Bought 2019' },
      ['alternative_required'],
    ],
    [
      'facts missing: a finding other than employee-at-fault needs a reason',
      {
        outcome: 'partly_upheld',
        justification: 'x',
        alternativeOffered: 'y',
        factsMissing: true,
        finding: 'customer_at_fault',
      },
      ['finding_override_reason_required'],
    ],
    [
      'facts missing, unfounded: the default finding contradicts it',
      {
        outcome: 'unfounded',
        unfoundedCriterion: 'claim_contradicts_evidence',
        justification: 'x',
        alternativeOffered: 'y',
        factsMissing: true,
      },
      ['finding_contradicts_outcome'],
    ],
    [
      'unfounded with our own fault',
      {
        outcome: 'unfounded',
        unfoundedCriterion: 'misuse_by_customer',
        justification: 'x',
        alternativeOffered: 'y',
        finding: 'company_at_fault',
      },
      ['finding_contradicts_outcome'],
    ],
    [
      'unknown finding',
      { outcome: 'upheld', finding: 'martians' as DecisionInput['finding'] },
      ['finding_unknown'],
    ],
  ])('refuses: %s', (_name, decision, reasons) => {
    expect(decide(decision)).toEqual({ ok: false, reason: reasons[0], reasons });
  });

  it.each<[string, DecisionInput, Record<string, unknown>]>([
    ['upheld', { outcome: 'upheld' }, { outcome: 'upheld', factsMissing: false, findingDefaulted: false }],
    [
      'rejected with justification and alternative',
      { outcome: 'rejected', justification: ' Outside warranty ', alternativeOffered: 'Paid repair at 50 %' },
      { outcome: 'rejected', justification: 'Outside warranty', alternativeOffered: 'Paid repair at 50 %' },
    ],
    [
      'partly upheld',
      { outcome: 'partly_upheld', justification: 'One of two items', alternativeOffered: 'Voucher' },
      { outcome: 'partly_upheld' },
    ],
    [
      'unfounded duplicate needs no alternative',
      { outcome: 'unfounded', unfoundedCriterion: 'duplicate', justification: 'Same as MSK-01-2026-000120' },
      { outcome: 'unfounded', unfoundedCriterion: 'duplicate' },
    ],
    [
      'facts missing: the finding defaults to employee-at-fault',
      { outcome: 'upheld', factsMissing: true },
      { factsMissing: true, finding: 'employee_at_fault', findingDefaulted: true },
    ],
    [
      'facts missing: overridden with a recorded reason',
      {
        outcome: 'rejected',
        justification: 'x',
        alternativeOffered: 'y',
        factsMissing: true,
        finding: 'customer_at_fault',
        findingOverrideReason: 'CCTV shows the customer dropped it',
      },
      {
        finding: 'customer_at_fault',
        findingDefaulted: false,
        findingOverrideReason: 'CCTV shows the customer dropped it',
      },
    ],
    [
      'facts missing, unfounded, overridden with a reason',
      {
        outcome: 'unfounded',
        unfoundedCriterion: 'claim_contradicts_evidence',
        justification: 'x',
        alternativeOffered: 'y',
        factsMissing: true,
        finding: 'no_fault_found',
        findingOverrideReason: 'Receipt shows another shop',
      },
      { finding: 'no_fault_found', findingOverrideReason: 'Receipt shows another shop' },
    ],
  ])('saves: %s', (_name, decision, recorded) => {
    const result = decide(decision);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.event.data.decision).toMatchObject(recorded);
  });

  it('lists every unfounded criterion once, with a documented alternative rule', () => {
    const ids = UNFOUNDED_CRITERIA.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('duplicate');
  });

  it('is the same check the UI can run before submitting', () => {
    expect(checkDecision({ outcome: 'rejected' })).toEqual({
      ok: false,
      reasons: ['justification_required', 'alternative_required'],
    });
  });
});

describe('follow-up and closing (R17)', () => {
  const followUp = (f: TransitionRequest['followUp']) =>
    transition(subject('customer_informed'), { to: 'follow_up', actor: ACTOR, now: NOW, followUp: f });

  it.each<[string, TransitionRequest['followUp'], string[]]>([
    ['nothing recorded', undefined, ['follow_up_required']],
    ['unknown outcome', { outcome: 'meh' as 'accepted' }, ['follow_up_outcome_unknown']],
    ['accepted without satisfaction', { outcome: 'accepted' }, ['satisfaction_required']],
    ['satisfaction 0', { outcome: 'accepted', satisfaction: 0 }, ['satisfaction_out_of_range']],
    ['satisfaction 6', { outcome: 'accepted', satisfaction: 6 }, ['satisfaction_out_of_range']],
    ['satisfaction 2.5', { outcome: 'accepted', satisfaction: 2.5 }, ['satisfaction_out_of_range']],
    ['rejected, recourse not told', { outcome: 'rejected', satisfaction: 1 }, ['recourse_notice_required']],
  ])('refuses: %s', (_name, f, reasons) => {
    expect(followUp(f)).toEqual({ ok: false, reason: reasons[0], reasons });
  });

  it.each<[string, TransitionRequest['followUp'], Record<string, unknown>]>([
    [
      'accepted',
      { outcome: 'accepted', satisfaction: 4, comment: ' fine ' },
      { outcome: 'accepted', satisfaction: 4, comment: 'fine' },
    ],
    [
      'rejected, recourse told',
      { outcome: 'rejected', satisfaction: 1, recourseInformed: true },
      { outcome: 'rejected', recourseInformed: true },
    ],
    ['customer unreachable', { outcome: 'unreachable' }, { outcome: 'unreachable', recourseInformed: false }],
  ])('records: %s', (_name, f, recorded) => {
    const result = followUp(f);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.event.data.followUp).toMatchObject(recorded);
  });

  it.each([
    ['accepted', true, undefined],
    ['unreachable', true, undefined],
    ['rejected', false, 'customer_rejected_decision'],
    [undefined, false, 'follow_up_required'],
  ] as const)('closing after a follow-up that was %s: ok=%s', (outcome, ok, reason) => {
    const result = transition(
      { status: 'follow_up', followUpOutcome: outcome },
      { to: 'closed', actor: ACTOR, now: NOW },
    );
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.reason).toBe(reason);
  });

  it('a customer who rejected the decision can have the complaint reopened', () => {
    const result = transition(
      { status: 'follow_up', followUpOutcome: 'rejected' },
      { to: 'in_review', actor: ACTOR, now: NOW, reason: 'Customer rejected the decision' },
    );
    expect(result).toMatchObject({
      ok: true,
      transition: 'reopen',
      event: { data: { reason: 'Customer rejected the decision' } },
    });
  });

  it('only closed complaints are not open', () => {
    expect(STATUSES.filter((s) => !isOpenStatus(s))).toEqual(['closed']);
  });
});

describe('reopening (R12)', () => {
  it.each(['decided', 'customer_informed', 'follow_up', 'closed'] as const)(
    'from %s needs a reason',
    (from) => {
      expect(transition(subject(from), { to: 'in_review', actor: ACTOR, now: NOW, reason: '  ' })).toEqual({
        ok: false,
        reason: 'reopen_reason_required',
        reasons: ['reopen_reason_required'],
      });
    },
  );
});

describe('milestonesFromEvents', () => {
  function run(steps: [LifecycleSubject['status'], TransitionRequest][]): StatusChangeEvent[] {
    const events: StatusChangeEvent[] = [];
    for (const [from, request] of steps) {
      const result = transition(
        { status: from, followUpOutcome: milestonesFromEvents(events).followUpOutcome },
        request,
      );
      if (!result.ok) throw new Error(result.reason);
      events.push(result.event);
    }
    return events;
  }
  const at = (iso: string) => new Date(iso);
  const happyPath: [ComplaintStatus, TransitionRequest][] = [
    ['received', { to: 'registered', actor: ACTOR, now: at('2026-11-24T07:00:00Z') }],
    ['registered', { to: 'in_review', actor: ACTOR, now: at('2026-11-24T08:00:00Z') }],
    [
      'in_review',
      { to: 'decided', actor: 'Manager', now: at('2026-11-26T08:00:00Z'), decision: { outcome: 'upheld' } },
    ],
    ['decided', { to: 'customer_informed', actor: ACTOR, now: at('2026-11-26T09:00:00Z') }],
    [
      'customer_informed',
      {
        to: 'follow_up',
        actor: ACTOR,
        now: at('2026-12-03T09:00:00Z'),
        followUp: { outcome: 'accepted', satisfaction: 5 },
      },
    ],
    ['follow_up', { to: 'closed', actor: ACTOR, now: at('2026-12-03T09:05:00Z') }],
  ];

  it('replays the whole happy path', () => {
    expect(milestonesFromEvents(run(happyPath))).toEqual({
      status: 'closed',
      acknowledgedAt: '2026-11-24T07:00:00.000Z',
      decidedAt: '2026-11-26T08:00:00.000Z',
      decision: { outcome: 'upheld', factsMissing: false, findingDefaulted: false },
      customerInformedAt: '2026-11-26T09:00:00.000Z',
      followUpDoneAt: '2026-12-03T09:00:00.000Z',
      followUpOutcome: 'accepted',
      closedAt: '2026-12-03T09:05:00.000Z',
      reopenCount: 0,
    });
  });

  it('forgets the decision and what followed it on reopening', () => {
    const events = run([
      ...happyPath,
      ['closed', { to: 'in_review', actor: 'Manager', now: at('2027-01-20T09:00:00Z'), reason: 'New facts' }],
    ]);
    expect(
      milestonesFromEvents([{ type: 'note_added', at: '2027-01-21T00:00:00Z', data: {} }, ...events]),
    ).toEqual({
      status: 'in_review',
      acknowledgedAt: '2026-11-24T07:00:00.000Z',
      reopenedAt: '2027-01-20T09:00:00.000Z',
      reopenCount: 1,
    });
  });

  it('starts as received', () => {
    expect(milestonesFromEvents([])).toEqual({ status: 'received', reopenCount: 0 });
  });
});

describe('refusal codes', () => {
  it('are unique snake_case strings (the UI translates each)', () => {
    expect(new Set(REFUSAL_REASONS).size).toBe(REFUSAL_REASONS.length);
    for (const code of REFUSAL_REASONS) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });
});

describe('milestonesFromEvents: a stored status outside the lifecycle', () => {
  it('is skipped: the last real status stands', () => {
    const event = (to: unknown, minute: number) => ({
      type: 'status_changed' as const,
      at: `2026-11-24T07:0${minute}:00.000Z`,
      data: { from: 'received', to, transition: 'register' },
    });
    expect(
      milestonesFromEvents([event('registered', 1), event('0190c3a0-0000-7000-8000-000000000009', 2)]),
    ).toMatchObject({ status: 'registered' });
    expect(milestonesFromEvents([event('archived', 1)]).status).toBe('received');
  });
});

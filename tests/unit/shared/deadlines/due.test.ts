import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../../shared/complaints/model';
import {
  CHANNEL_FORM,
  complaintDueMoments,
  mostUrgentState,
  nextDue,
  POLICY_PRESETS,
  POLICY_PRESET_IDS,
  termDeadline,
  validatePolicy,
  type BranchCalendar,
  type ComplaintTimeline,
  type ConsiderationPolicy,
  type DueMoment,
  type DueState,
  type TermRule,
} from '../../../../shared/deadlines';

const MSK: BranchCalendar = { country: 'RU', timeZone: 'Europe/Moscow' };
const PRG: BranchCalendar = { country: 'CZ', timeZone: 'Europe/Prague' };
const KYIV: BranchCalendar = { country: 'UA', timeZone: 'Europe/Kyiv' };

const term = (amount: number, unit: TermRule['unit'], counting: TermRule['counting']): TermRule => ({
  id: 't',
  amount,
  unit,
  counting,
  from: 'received',
  basis: 'test',
});

describe('termDeadline', () => {
  it.each<[string, BranchCalendar, string, TermRule, string, string]>([
    [
      '10 working days',
      MSK,
      '2026-11-24T10:00:00Z',
      term(10, 'days', 'working'),
      '2026-12-08',
      '2026-12-08T20:59:59.999Z',
    ],
    [
      '10 working days over May',
      MSK,
      '2025-04-30T10:00:00Z',
      term(10, 'days', 'working'),
      '2025-05-20',
      '2025-05-20T20:59:59.999Z',
    ],
    [
      'term starts on the Moscow date',
      MSK,
      '2026-11-23T21:30:00Z',
      term(1, 'days', 'working'),
      '2026-11-25',
      '2026-11-25T20:59:59.999Z',
    ],
    [
      '10 calendar days ending on a day off',
      MSK,
      '2026-02-27T10:00:00Z',
      term(10, 'days', 'calendar'),
      '2026-03-10',
      '2026-03-10T20:59:59.999Z',
    ],
    [
      '10 calendar days ending on Good Friday',
      PRG,
      '2026-03-24T10:00:00Z',
      term(10, 'days', 'calendar'),
      '2026-04-07',
      '2026-04-07T21:59:59.999Z',
    ],
    [
      '30 days ending on Christmas Eve',
      PRG,
      '2026-11-24T10:00:00Z',
      term(30, 'days', 'calendar'),
      '2026-12-28',
      '2026-12-28T22:59:59.999Z',
    ],
    [
      '2 weeks, CZ works on 31 Dec',
      PRG,
      '2026-12-17T10:00:00Z',
      term(2, 'weeks', 'calendar'),
      '2026-12-31',
      '2026-12-31T22:59:59.999Z',
    ],
    [
      '2 weeks, RU rests on 31 Dec',
      MSK,
      '2026-12-17T10:00:00Z',
      term(2, 'weeks', 'calendar'),
      '2027-01-11',
      '2027-01-11T20:59:59.999Z',
    ],
    [
      '1 month from 31 Jan ends 28 Feb, a Saturday',
      KYIV,
      '2026-01-31T10:00:00Z',
      term(1, 'months', 'calendar'),
      '2026-03-02',
      '2026-03-02T21:59:59.999Z',
    ],
    [
      '1 month from 31 Mar',
      KYIV,
      '2026-03-31T10:00:00Z',
      term(1, 'months', 'calendar'),
      '2026-04-30',
      '2026-04-30T20:59:59.999Z',
    ],
    [
      '45 days',
      KYIV,
      '2026-11-01T10:00:00Z',
      term(45, 'days', 'calendar'),
      '2026-12-16',
      '2026-12-16T21:59:59.999Z',
    ],
    [
      '24 h ending on a Saturday moves to Monday, same time',
      MSK,
      '2026-11-27T12:00:00Z',
      term(24, 'hours', 'calendar'),
      '2026-11-30',
      '2026-11-30T12:00:00.000Z',
    ],
    [
      '24 h on weekdays',
      MSK,
      '2026-11-24T12:00:00Z',
      term(24, 'hours', 'calendar'),
      '2026-11-25',
      '2026-11-25T12:00:00.000Z',
    ],
    [
      '48 calendar hours from Friday',
      MSK,
      '2026-11-27T12:00:00Z',
      term(48, 'hours', 'calendar'),
      '2026-11-30',
      '2026-11-30T12:00:00.000Z',
    ],
    [
      '48 working hours from Friday',
      MSK,
      '2026-11-27T12:00:00Z',
      term(48, 'hours', 'working'),
      '2026-12-01',
      '2026-12-01T12:00:00.000Z',
    ],
    [
      '24 working hours over the fall-back weekend',
      PRG,
      '2026-10-23T10:00:00Z',
      term(24, 'hours', 'working'),
      '2026-10-26',
      '2026-10-26T11:00:00.000Z',
    ],
    [
      'working hours starting on a Sunday',
      PRG,
      '2026-11-29T10:00:00Z',
      term(2, 'hours', 'working'),
      '2026-11-30',
      '2026-11-30T01:00:00.000Z',
    ],
    [
      'immediately',
      MSK,
      '2026-11-24T07:00:00Z',
      term(0, 'hours', 'calendar'),
      '2026-11-24',
      '2026-11-24T07:00:00.000Z',
    ],
  ])('%s', (_name, calendar, start, rule, dueDate, dueAt) => {
    const d = termDeadline(new Date(start), rule, calendar);
    expect(d.dueDate).toBe(dueDate);
    expect(d.dueAt.toISOString()).toBe(dueAt);
  });
});

type Expect = Partial<
  Pick<DueMoment, 'kind' | 'state' | 'dueDate' | 'done' | 'late' | 'projected' | 'ruleId'>
>;

const oralRu: ComplaintTimeline = {
  channel: 'in_person',
  status: 'registered',
  receivedAt: '2026-11-24T07:00:00Z',
  registeredAt: '2026-11-24T07:00:00Z',
  acknowledgedAt: '2026-11-24T07:00:00Z',
};
const letterCz: ComplaintTimeline = {
  channel: 'post',
  status: 'received',
  receivedAt: '2026-12-23T09:00:00Z',
  registeredAt: '2026-12-28T08:00:00Z',
};
const webRu: ComplaintTimeline = {
  channel: 'web',
  status: 'received',
  receivedAt: '2026-11-27T12:00:00Z',
  registeredAt: '2026-11-27T12:05:00Z',
};

describe('complaintDueMoments', () => {
  it.each<[string, ComplaintTimeline, BranchCalendar, ConsiderationPolicy, string, Expect[]]>([
    [
      'oral, just registered: receipt given, answer due in 10 working days, follow-up projected',
      oralRu,
      MSK,
      POLICY_PRESETS.working_days_10,
      '2026-11-24T08:00:00Z',
      [
        { kind: 'acknowledge', state: 'done', late: false },
        { kind: 'final_answer', state: 'ok', dueDate: '2026-12-08' },
        { kind: 'follow_up', state: 'pending', projected: true, dueDate: '2026-12-15' },
      ],
    ],
    [
      'the working day before the due date is "due soon"',
      oralRu,
      MSK,
      POLICY_PRESETS.working_days_10,
      '2026-12-07T10:00:00Z',
      [
        { kind: 'acknowledge', state: 'done' },
        { kind: 'final_answer', state: 'due_soon' },
        { kind: 'follow_up' },
      ],
    ],
    [
      'the Sunday before is still ok (Monday 00:00 Moscow is 21:00Z)',
      oralRu,
      MSK,
      POLICY_PRESETS.working_days_10,
      '2026-12-06T20:59:00Z',
      [{ kind: 'acknowledge' }, { kind: 'final_answer', state: 'ok' }, { kind: 'follow_up' }],
    ],
    [
      'overdue from midnight after the due date, branch time',
      oralRu,
      MSK,
      POLICY_PRESETS.working_days_10,
      '2026-12-08T21:00:00Z',
      [
        { kind: 'acknowledge' },
        { kind: 'final_answer', state: 'overdue' },
        { kind: 'follow_up', state: 'pending' },
      ],
    ],
    [
      'acknowledged at registration, minutes after the customer started talking: on time',
      { ...oralRu, registeredAt: '2026-11-24T07:04:00Z', acknowledgedAt: '2026-11-24T07:04:00Z' },
      MSK,
      POLICY_PRESETS.working_days_10,
      '2026-11-24T07:05:00Z',
      [{ kind: 'acknowledge', state: 'done', late: false }, { kind: 'final_answer' }, { kind: 'follow_up' }],
    ],
    [
      'an oral complaint not acknowledged at once is overdue',
      { ...oralRu, acknowledgedAt: undefined, status: 'received' },
      MSK,
      POLICY_PRESETS.working_days_10,
      '2026-11-24T07:01:00Z',
      [{ kind: 'acknowledge', state: 'overdue' }, { kind: 'final_answer' }, { kind: 'follow_up' }],
    ],
    [
      'letter before Christmas in Prague: thanks and preliminary answer due 29 Dec, decision in 2 weeks',
      letterCz,
      PRG,
      POLICY_PRESETS.written_2d_2w,
      '2026-12-28T08:00:00Z',
      [
        { kind: 'acknowledge', state: 'due_soon', dueDate: '2026-12-29' },
        { kind: 'preliminary_answer', state: 'due_soon', dueDate: '2026-12-29' },
        { kind: 'final_answer', state: 'ok', dueDate: '2027-01-06' },
        { kind: 'follow_up', state: 'pending' },
      ],
    ],
    [
      'the preliminary answer acknowledges too; a late one is recorded as late',
      { ...letterCz, preliminaryAnswerAt: '2026-12-30T09:00:00Z', status: 'in_review' },
      PRG,
      POLICY_PRESETS.written_2d_2w,
      '2026-12-30T10:00:00Z',
      [
        { kind: 'acknowledge', state: 'done', late: true },
        { kind: 'preliminary_answer', state: 'done', late: true },
        { kind: 'final_answer', state: 'ok' },
        { kind: 'follow_up' },
      ],
    ],
    [
      'Czech consumer claim: 30 calendar days, moved past Christmas',
      { ...letterCz, receivedAt: '2026-11-24T10:00:00Z' },
      PRG,
      POLICY_PRESETS.cz_consumer_claim_30d,
      '2026-12-27T10:00:00Z',
      [
        { kind: 'acknowledge', state: 'overdue', dueDate: '2026-11-25' },
        { kind: 'final_answer', state: 'due_soon', dueDate: '2026-12-28', ruleId: 'cz_oz_2173_30_days' },
        { kind: 'follow_up' },
      ],
    ],
    [
      'respond within 24 h: a Friday web complaint is due Monday, due soon in the last quarter of the term',
      webRu,
      MSK,
      POLICY_PRESETS.respond_24h_resolve_1m,
      '2026-11-30T07:00:00Z',
      [
        { kind: 'acknowledge', state: 'due_soon', dueDate: '2026-11-30' },
        { kind: 'final_answer', state: 'ok', dueDate: '2026-12-28' },
        { kind: 'follow_up' },
      ],
    ],
    [
      'respond within 24 h: on Saturday it is still ok',
      webRu,
      MSK,
      POLICY_PRESETS.respond_24h_resolve_1m,
      '2026-11-28T12:00:00Z',
      [{ kind: 'acknowledge', state: 'ok' }, { kind: 'final_answer' }, { kind: 'follow_up' }],
    ],
    [
      'Russian money claim: 10 calendar days from receipt, answered in time, follow-up running',
      {
        ...webRu,
        status: 'customer_informed',
        acknowledgedAt: '2026-11-27T13:00:00Z',
        decidedAt: '2026-12-04T09:00:00Z',
        customerInformedAt: '2026-12-04T10:00:00Z',
      },
      MSK,
      POLICY_PRESETS.ru_money_claim_10d,
      '2026-12-10T10:00:00Z',
      [
        { kind: 'acknowledge', state: 'done', late: false },
        { kind: 'final_answer', state: 'done', late: false, dueDate: '2026-12-07' },
        { kind: 'follow_up', state: 'due_soon', projected: false, dueDate: '2026-12-11' },
      ],
    ],
    [
      'Ukrainian appeal: 15 days / 1 month',
      { ...letterCz, receivedAt: '2026-11-02T10:00:00Z', registeredAt: '2026-11-02T10:00:00Z' },
      KYIV,
      POLICY_PRESETS.ua_citizens_appeals,
      '2026-11-10T10:00:00Z',
      [
        { kind: 'acknowledge', state: 'overdue', dueDate: '2026-11-04' },
        { kind: 'preliminary_answer', state: 'ok', dueDate: '2026-11-17' },
        { kind: 'final_answer', state: 'ok', dueDate: '2026-12-02', ruleId: 'ua_appeals_20_1_month' },
        { kind: 'follow_up' },
      ],
    ],
    [
      'Ukrainian appeal with an extended term: 45 days at most',
      {
        ...letterCz,
        receivedAt: '2026-11-02T10:00:00Z',
        termExtended: true,
        acknowledgedAt: '2026-11-02T11:00:00Z',
      },
      KYIV,
      POLICY_PRESETS.ua_citizens_appeals,
      '2026-12-10T10:00:00Z',
      [
        { kind: 'acknowledge', state: 'done' },
        { kind: 'preliminary_answer', state: 'overdue' },
        { kind: 'final_answer', state: 'ok', dueDate: '2026-12-17', ruleId: 'ua_appeals_20_45_days' },
        { kind: 'follow_up' },
      ],
    ],
    [
      'reopened: the answer term runs again from the reopening',
      { ...oralRu, status: 'in_review', reopenedAt: '2027-01-20T09:00:00Z' },
      MSK,
      POLICY_PRESETS.working_days_10,
      '2027-01-21T09:00:00Z',
      [
        { kind: 'acknowledge', state: 'done' },
        { kind: 'final_answer', state: 'ok', dueDate: '2027-02-03' },
        { kind: 'follow_up' },
      ],
    ],
    [
      'a closed complaint has nothing pending',
      { ...oralRu, status: 'closed', acknowledgedAt: undefined },
      MSK,
      POLICY_PRESETS.working_days_10,
      '2027-06-01T09:00:00Z',
      [
        { kind: 'acknowledge', state: 'done', done: true },
        { kind: 'final_answer', state: 'done' },
        { kind: 'follow_up', state: 'done' },
      ],
    ],
  ])('%s', (_name, complaint, calendar, policy, now, expected) => {
    const moments = complaintDueMoments(complaint, calendar, policy, new Date(now));
    expect(moments).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(moments[i]).toMatchObject(e));
  });

  it('accepts a stored Complaint as it is', () => {
    const stored: Complaint = {
      id: '0190f5a0-0000-7000-8000-000000000000',
      number: 'MSK-01-2026-000123',
      branchCode: 'MSK-01',
      status: 'registered',
      receivedBy: 'Ivanova',
      confidential: false,
      registeredAt: '2026-11-24T07:00:00Z',
      updatedAt: '2026-11-24T07:00:00Z',
      searchWords: [],
      progress: { status: 'registered', reopenCount: 0, acknowledgedAt: '2026-11-24T07:00:00Z' },
      channel: 'feedback_book',
      receivedAt: '2026-11-24T07:00:00Z',
      customer: { name: '', phone: '', email: '', address: '', preferredContact: '' },
      noContactReason: 'anonymous',
      description: '',
      remedy: '',
      concerns: { product: '', service: '', employee: '' },
      category: 'other',
      severity: 'medium',
      healthAndSafety: false,
      consent: false,
    };
    const moments = complaintDueMoments(
      stored,
      MSK,
      POLICY_PRESETS.working_days_10,
      new Date('2026-11-24T08:00:00Z'),
    );
    expect(moments.map((m) => m.kind)).toEqual(['acknowledge', 'final_answer', 'follow_up']);
    expect(moments[0]).toMatchObject({ state: 'ok', dueDate: '2026-11-26' }); // written: 2 working days
  });

  it('refuses a complaint without a valid receipt time', () => {
    expect(() =>
      complaintDueMoments({ ...oralRu, receivedAt: 'x' }, MSK, POLICY_PRESETS.working_days_10, new Date()),
    ).toThrow(RangeError);
  });
});

describe('policies', () => {
  it.each(POLICY_PRESET_IDS)('preset %s is valid', (id) => {
    expect(validatePolicy(POLICY_PRESETS[id])).toEqual([]);
    expect(POLICY_PRESETS[id].id).toBe(id);
  });

  it('reports broken terms', () => {
    const broken: ConsiderationPolicy = {
      id: 'broken',
      written: { finalAnswer: { ...term(2, 'weeks', 'working') } },
      oral: { finalAnswer: term(-1, 'days', 'calendar'), acknowledge: term(1.5, 'hours', 'calendar') },
      dueSoon: { workingDaysBefore: 1, hoursFraction: 2 },
    };
    expect(validatePolicy(broken)).toEqual([
      { where: 'written.finalAnswer', code: 'span_requires_calendar_counting' },
      { where: 'oral.acknowledge', code: 'amount_invalid' },
      { where: 'oral.finalAnswer', code: 'amount_invalid' },
      { where: 'dueSoon', code: 'due_soon_invalid' },
    ]);
  });

  it.each([
    ['post', 'written'],
    ['email', 'written'],
    ['web', 'written'],
    ['feedback_book', 'written'],
    ['in_person', 'oral'],
    ['phone', 'oral'],
    ['hotline', 'oral'],
  ] as const)('%s is a %s channel (R10)', (channel, form) => {
    expect(CHANNEL_FORM[channel]).toBe(form);
  });

  it('uses a configured due-soon threshold', () => {
    const policy = {
      ...POLICY_PRESETS.working_days_10,
      dueSoon: { workingDaysBefore: 3, hoursFraction: 0.25 },
    };
    const [, final] = complaintDueMoments(oralRu, MSK, policy, new Date('2026-12-03T10:00:00Z'));
    expect(final).toMatchObject({ kind: 'final_answer', state: 'due_soon' });
  });
});

describe('mostUrgentState', () => {
  it.each([
    [['done', 'ok', 'pending'], 'ok'],
    [['done', 'due_soon', 'overdue'], 'overdue'],
    [['pending', 'done'], 'pending'],
    [[], 'done'],
  ] as const)('%j → %s', (states, expected) => {
    expect(mostUrgentState(states.map((state) => ({ state }) as DueMoment))).toBe(expected);
  });
});

// R11: the list's deadline column shows the one moment that needs attention first.
const moment = (kind: DueMoment['kind'], state: DueState, dueAt: string): DueMoment => ({
  kind,
  ruleId: `${kind}-rule`,
  basis: 'test',
  dueAt: new Date(dueAt),
  soonFrom: new Date(new Date(dueAt).getTime() - 86_400_000),
  dueDate: dueAt.slice(0, 10),
  done: state === 'done',
  projected: state === 'pending',
  state,
});

const ack = (state: DueState, at = '2026-03-02T09:00:00Z') => moment('acknowledge', state, at);
const prelim = (state: DueState, at = '2026-03-05T20:59:00Z') => moment('preliminary_answer', state, at);
const final = (state: DueState, at = '2026-03-31T20:59:00Z') => moment('final_answer', state, at);
const follow = (state: DueState, at = '2026-04-14T20:59:00Z') => moment('follow_up', state, at);

describe('nextDue', () => {
  it.each<[string, DueMoment[], DueMoment['kind'] | undefined]>([
    ['no moments at all', [], undefined],
    ['everything done', [ack('done'), final('done')], undefined],
    ['only moments that have not started', [final('pending'), follow('pending')], undefined],
    [
      'done and pending are never next, the open one is',
      [ack('done'), final('ok'), follow('pending')],
      'final_answer',
    ],
    ['two open moments in time: the earlier', [final('ok'), prelim('ok')], 'preliminary_answer'],
    ['due soon beats a merely open one that is earlier', [prelim('ok'), final('due_soon')], 'final_answer'],
    ['overdue beats due soon, whatever the dates', [ack('due_soon'), final('overdue')], 'final_answer'],
    [
      'two overdue: the one overdue longest',
      [final('overdue', '2026-03-31T20:59:00Z'), prelim('overdue', '2026-03-05T20:59:00Z')],
      'preliminary_answer',
    ],
    [
      'an overdue moment beside done and pending ones',
      [ack('done'), prelim('overdue'), follow('pending')],
      'preliminary_answer',
    ],
  ])('%s', (_, moments, expected) => {
    expect(nextDue(moments)?.kind).toBe(expected);
  });

  it('does not reorder the moments it is given', () => {
    const moments = [final('ok'), prelim('ok')];
    nextDue(moments);
    expect(moments.map((m) => m.kind)).toEqual(['final_answer', 'preliminary_answer']);
  });
});

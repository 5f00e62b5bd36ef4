import { describe, expect, it } from 'vitest';
import {
  complaintDueMoments,
  mostUrgentState,
  POLICY_PRESETS,
  POLICY_PRESET_IDS,
  urgencyAt,
  urgencyWindow,
  type BranchCalendar,
  type ComplaintTimeline,
  type ConsiderationPolicy,
} from '../../../../shared/deadlines';

// R11 at scale: the window stored on a complaint (two instants) answers its urgency at any `now` exactly as
// the deadline engine does when it is run for that `now`.

const MSK: BranchCalendar = { country: 'RU', timeZone: 'Europe/Moscow' };
const KYIV: BranchCalendar = { country: 'UA', timeZone: 'Europe/Kyiv', ukraineMartialLaw: false };
const SEOUL: BranchCalendar = { country: 'KR', timeZone: 'Asia/Seoul' };

/** Friday 20 November 2026, 12:00 in Moscow. */
const friday = '2026-11-20T09:00:00Z';
const hours = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();

const TIMELINES: Array<[string, ComplaintTimeline]> = [
  [
    'a letter, not acknowledged',
    { channel: 'post', status: 'received', receivedAt: friday, registeredAt: friday },
  ],
  [
    'a letter, acknowledged on Monday',
    {
      channel: 'post',
      status: 'registered',
      receivedAt: friday,
      registeredAt: friday,
      acknowledgedAt: hours(friday, 72),
    },
  ],
  [
    'a letter with a preliminary answer',
    {
      channel: 'email',
      status: 'in_review',
      receivedAt: friday,
      registeredAt: friday,
      acknowledgedAt: friday,
      preliminaryAnswerAt: hours(friday, 24),
    },
  ],
  [
    'at the counter, decided, customer not informed',
    {
      channel: 'in_person',
      status: 'decided',
      receivedAt: friday,
      registeredAt: friday,
      acknowledgedAt: friday,
      decidedAt: hours(friday, 100),
    },
  ],
  [
    'phone, customer informed, follow-up open',
    {
      channel: 'phone',
      status: 'customer_informed',
      receivedAt: friday,
      registeredAt: friday,
      acknowledgedAt: friday,
      decidedAt: hours(friday, 50),
      customerInformedAt: hours(friday, 52),
    },
  ],
  [
    'reopened after it was closed',
    {
      channel: 'web',
      status: 'in_review',
      receivedAt: friday,
      registeredAt: friday,
      acknowledgedAt: friday,
      reopenedAt: hours(friday, 24 * 30),
    },
  ],
  [
    'term extended',
    {
      channel: 'post',
      status: 'in_review',
      receivedAt: friday,
      registeredAt: friday,
      acknowledgedAt: friday,
      termExtended: true,
    },
  ],
  [
    'closed',
    {
      channel: 'post',
      status: 'closed',
      receivedAt: friday,
      registeredAt: friday,
      acknowledgedAt: friday,
    },
  ],
];

/** From ten days before receipt to three months after, in 13-hour steps (every time of day, in turn). */
const NOWS = Array.from({ length: 200 }, (_, i) => new Date(Date.parse(friday) + (i - 20) * 13 * 3_600_000));

describe('urgencyWindow + urgencyAt', () => {
  const cases = TIMELINES.flatMap(([name, timeline]) =>
    POLICY_PRESET_IDS.flatMap((policyId) =>
      [MSK, KYIV, SEOUL].map(
        (cal) => [`${name}, ${policyId}, ${cal.country}`, timeline, policyId, cal] as const,
      ),
    ),
  );

  it.each(cases)('%s: same state as the engine at every now', (_, timeline, policyId, cal) => {
    const policy = POLICY_PRESETS[policyId];
    // The window is computed once, at any instant: it does not depend on now.
    const window = urgencyWindow(complaintDueMoments(timeline, cal, policy, new Date(0)));
    expect(urgencyWindow(complaintDueMoments(timeline, cal, policy, new Date('2031-01-01')))).toEqual(window);
    for (const now of NOWS) {
      const engine = mostUrgentState(
        complaintDueMoments(timeline, cal, policy, now).filter((m) => m.state !== 'pending'),
      );
      expect(urgencyAt(window, now), now.toISOString()).toBe(engine);
    }
    if (window) expect(window.dueSoonFrom.getTime()).toBeLessThanOrEqual(window.dueAt.getTime());
  });

  it.each<[string, string, string]>([
    // R10 default policy, a letter received on Friday: acknowledge within 2 working days (Mon, Tue).
    ['before the working day ahead of the due date', '2026-11-22T20:59:59.999Z', 'ok'],
    ['from 00:00 of that working day', '2026-11-22T21:00:00Z', 'due_soon'],
    ['on the last millisecond of the due day', '2026-11-24T20:59:59.999Z', 'due_soon'],
    ['one millisecond later', '2026-11-24T21:00:00Z', 'overdue'],
  ])('a letter not acknowledged: %s → %s', (_, now, expected) => {
    const [, timeline] = TIMELINES[0]!;
    const window = urgencyWindow(
      complaintDueMoments(timeline, MSK, POLICY_PRESETS.working_days_10, new Date()),
    );
    expect(window).toEqual({
      dueSoonFrom: new Date('2026-11-22T21:00:00Z'),
      dueAt: new Date('2026-11-24T20:59:59.999Z'),
    });
    expect(urgencyAt(window, new Date(now))).toBe(expected);
  });

  it('nothing open: closed, or every started term kept, has no window and is never urgent', () => {
    const closed = TIMELINES.find(([n]) => n === 'closed')![1];
    expect(urgencyWindow(complaintDueMoments(closed, MSK, POLICY_PRESETS.working_days_10, new Date()))).toBe(
      undefined,
    );
    expect(urgencyAt(undefined, new Date())).toBe('done');
  });

  it('keeps due-soon no later than the deadline even when a policy warns earlier than its term', () => {
    const base = POLICY_PRESETS.respond_24h_resolve_1m;
    const odd: ConsiderationPolicy = { ...base, dueSoon: { workingDaysBefore: 40, hoursFraction: 1 } };
    const [, timeline] = TIMELINES[0]!;
    const window = urgencyWindow(complaintDueMoments(timeline, MSK, odd, new Date()))!;
    expect(window.dueSoonFrom.getTime()).toBeLessThanOrEqual(window.dueAt.getTime());
  });
});

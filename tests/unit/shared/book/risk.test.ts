import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RISK_SETTINGS,
  compareByUrgency,
  entryOffline,
  entryRisk,
  hqReach,
  unreachableSince,
  workingHoursBefore,
  type EntryUrgency,
  type HqReach,
} from '../../../../shared/book/risk';
import { bookPhotoDeadline, type BranchCalendar } from '../../../../shared/deadlines';

// R7 "warned early": the at-risk rule, table-driven over the branch calendars of the four countries.
const MSK: BranchCalendar = { country: 'RU', timeZone: 'Europe/Moscow' };
const PRG: BranchCalendar = { country: 'CZ', timeZone: 'Europe/Prague' };
const SEL: BranchCalendar = { country: 'KR', timeZone: 'Asia/Seoul' };
const KYIV: BranchCalendar = { country: 'UA', timeZone: 'Europe/Kyiv' };

describe('workingHoursBefore', () => {
  it.each([
    // deadline (UTC), hours, calendar, expected (UTC), why
    ['2026-11-24T08:00:00Z', 2, MSK, '2026-11-24T06:00:00Z', 'Tue 11:00 MSK − 2 h = Tue 09:00'],
    ['2026-11-24T08:00:00Z', 0, MSK, '2026-11-24T08:00:00Z', 'no lead: the deadline itself'],
    ['2026-11-24T08:00:00Z', 3, MSK, '2026-11-23T14:00:00Z', 'Tue 2 h + Mon 1 h: Mon 17:00 MSK'],
    ['2026-11-30T08:00:00Z', 4, MSK, '2026-11-27T13:00:00Z', 'Mon 11:00 − 4 h skips the weekend: Fri 16:00'],
    ['2026-11-24T10:00:00Z', 2, PRG, '2026-11-24T08:00:00Z', 'Prague (UTC+1): 11:00 − 2 h = 09:00'],
    ['2026-11-24T02:00:00Z', 2, SEL, '2026-11-24T00:00:00Z', 'Seoul (UTC+9): 11:00 − 2 h = 09:00'],
    ['2026-11-24T09:00:00Z', 2, KYIV, '2026-11-24T07:00:00Z', 'Kyiv (UTC+2)'],
    // 2027-01-11 is the first working day after the Russian New Year holidays (1–8 January + weekend), and
    // 31 Dec 2026 is a day off by the 2026 transfer decree: the warning starts 30 Dec 17:00.
    ['2027-01-11T08:00:00Z', 3, MSK, '2026-12-30T14:00:00Z', 'back over the New Year holidays'],
    ['2026-11-24T08:00:00Z', 11, MSK, '2026-11-23T06:00:00Z', '2 + all 9 of Monday: Mon 09:00'],
    ['2026-11-24T08:00:00Z', 12, MSK, '2026-11-20T14:00:00Z', 'one more hour: Fri 17:00'],
  ])('%s − %i working h (%#) → %s', (deadline, hours, cal, expected) => {
    expect(workingHoursBefore(new Date(deadline), hours, cal).toISOString()).toBe(
      new Date(expected).toISOString(),
    );
  });

  it.each([
    // deadline Tue 11:00 MSK, office 10:00–19:00: 3 h = Tue 1 h (10–11) + Mon 2 h → Mon 17:00
    [{ opensMinute: 600, closesMinute: 1140 }, 3, '2026-11-23T14:00:00Z'],
    // office 08:00–16:00: 4 h = Tue 3 h (08–11) + Mon 1 h → Mon 15:00
    [{ opensMinute: 480, closesMinute: 960 }, 4, '2026-11-23T12:00:00Z'],
    // office 12:00–20:00 opens after the deadline: Tue counts nothing, 2 h → Mon 18:00
    [{ opensMinute: 720, closesMinute: 1200 }, 2, '2026-11-23T15:00:00Z'],
  ])('counts in the branch office hours %j (%i h)', (office, hours, expected) => {
    expect(workingHoursBefore(new Date('2026-11-24T08:00:00Z'), hours, MSK, office).toISOString()).toBe(
      new Date(expected).toISOString(),
    );
  });

  it('respects company overrides: an extra working Saturday counts', () => {
    const cal = { ...MSK, extraWorkingDays: ['2026-11-28'] };
    // Mon 30 Nov 11:00 − 4 h: Mon 2 h, then Saturday 28 Nov 16:00–18:00.
    expect(workingHoursBefore(new Date('2026-11-30T08:00:00Z'), 4, cal).toISOString()).toBe(
      '2026-11-28T13:00:00.000Z',
    );
  });
});

describe('entryRisk', () => {
  // Captured Monday 23 Nov 2026 15:00 Moscow → deadline Tuesday 24 Nov 11:00 Moscow (08:00 UTC).
  const captured = new Date('2026-11-23T12:00:00Z');
  const deadline = bookPhotoDeadline(captured, MSK);

  it('computes the deadline the rule expects', () => {
    expect(deadline.toISOString()).toBe('2026-11-24T08:00:00.000Z');
  });

  it.each<
    [
      string,
      {
        now: string;
        offlineSince?: string;
        deliveredAt?: string;
        hqCannotSend?: boolean;
        photosRefused?: boolean;
      },
      EntryUrgency,
      string[],
    ]
  >([
    ['just captured, online', { now: '2026-11-23T12:01:00Z' }, 'waiting', []],
    ['evening before, online', { now: '2026-11-23T17:00:00Z' }, 'waiting', []],
    ['08:59 on the day', { now: '2026-11-24T05:59:00Z' }, 'waiting', []],
    ['09:00 on the day: 2 working hours left', { now: '2026-11-24T06:00:00Z' }, 'at_risk', ['deadline_near']],
    ['10:59', { now: '2026-11-24T07:59:00Z' }, 'at_risk', ['deadline_near']],
    ['11:00 sharp is late', { now: '2026-11-24T08:00:00Z' }, 'late', []],
    [
      'offline 59 minutes',
      { now: '2026-11-23T13:00:00Z', offlineSince: '2026-11-23T12:01:00Z' },
      'waiting',
      [],
    ],
    [
      'offline 60 minutes',
      { now: '2026-11-23T13:01:00Z', offlineSince: '2026-11-23T12:01:00Z' },
      'at_risk',
      ['offline_long'],
    ],
    [
      'offline long and deadline near',
      { now: '2026-11-24T07:00:00Z', offlineSince: '2026-11-23T12:00:00Z' },
      'at_risk',
      ['deadline_near', 'offline_long'],
    ],
    [
      'HQ cannot send: at risk at once, long before the lead',
      { now: '2026-11-23T12:05:00Z', hqCannotSend: true },
      'at_risk',
      ['hq_cannot_send'],
    ],
    [
      'HQ cannot send, deadline near too',
      { now: '2026-11-24T07:00:00Z', hqCannotSend: true },
      'at_risk',
      ['deadline_near', 'hq_cannot_send'],
    ],
    [
      'HQ cannot send, deadline passed: late',
      { now: '2026-11-24T08:00:00Z', hqCannotSend: true },
      'late',
      [],
    ],
    [
      'a photo refused by HQ: at risk at once',
      { now: '2026-11-23T12:05:00Z', photosRefused: true },
      'at_risk',
      ['photo_refused'],
    ],
    [
      'a photo refused while offline long and HQ cannot send either',
      {
        now: '2026-11-23T13:30:00Z',
        offlineSince: '2026-11-23T12:00:00Z',
        hqCannotSend: true,
        photosRefused: true,
      },
      'at_risk',
      ['offline_long', 'hq_cannot_send', 'photo_refused'],
    ],
    [
      'a photo refused, deadline passed: late',
      { now: '2026-11-24T09:00:00Z', photosRefused: true },
      'late',
      [],
    ],
    [
      'delivered wins over a refused photo (sent by other means)',
      { now: '2026-11-23T12:05:00Z', deliveredAt: '2026-11-23T12:04:00Z', photosRefused: true },
      'delivered',
      [],
    ],
    [
      'delivered wins over everything',
      { now: '2026-11-25T08:00:00Z', deliveredAt: '2026-11-24T07:30:00Z' },
      'delivered',
      [],
    ],
  ])('%s', (_why, t, urgency, reasons) => {
    const r = entryRisk(
      {
        deadline,
        now: new Date(t.now),
        offlineSince: t.offlineSince ? new Date(t.offlineSince) : undefined,
        deliveredAt: t.deliveredAt ? new Date(t.deliveredAt) : undefined,
        hqCannotSend: t.hqCannotSend,
        photosRefused: t.photosRefused,
      },
      MSK,
      DEFAULT_RISK_SETTINGS,
    );
    expect({ urgency: r.urgency, reasons: r.reasons }).toEqual({ urgency, reasons });
  });

  it('uses the configured lead and offline threshold', () => {
    const settings = { ...DEFAULT_RISK_SETTINGS, warnWorkingHours: 5, offlineWarnMinutes: 10 };
    // 5 working hours before Tue 11:00 = 2 on Tuesday + 3 on Monday = Mon 15:00 Moscow (12:00 UTC).
    const at = (now: string) => entryRisk({ deadline, now: new Date(now) }, MSK, settings);
    expect(at('2026-11-23T12:00:00Z').warnFrom.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(at('2026-11-23T11:59:00Z').urgency).toBe('waiting');
    expect(at('2026-11-23T12:00:00Z').urgency).toBe('at_risk');
    expect(
      entryRisk(
        { deadline, now: new Date('2026-11-23T11:55:00Z'), offlineSince: new Date('2026-11-23T11:45:00Z') },
        MSK,
        settings,
      ).reasons,
    ).toEqual(['offline_long']);
  });
});

describe('compareByUrgency', () => {
  it('orders late, at risk, waiting (nearest first), delivered (newest first)', () => {
    const rows = [
      { id: 'd-old', urgency: 'delivered' as const, deadline: '2026-11-20T08:00:00Z' },
      { id: 'w-late', urgency: 'waiting' as const, deadline: '2026-11-26T08:00:00Z' },
      { id: 'd-new', urgency: 'delivered' as const, deadline: '2026-11-22T08:00:00Z' },
      { id: 'late', urgency: 'late' as const, deadline: '2026-11-23T08:00:00Z' },
      { id: 'w-soon', urgency: 'waiting' as const, deadline: '2026-11-25T08:00:00Z' },
      { id: 'risk', urgency: 'at_risk' as const, deadline: '2026-11-24T08:00:00Z' },
    ];
    expect(rows.sort(compareByUrgency).map((r) => r.id)).toEqual([
      'late',
      'risk',
      'w-soon',
      'w-late',
      'd-new',
      'd-old',
    ]);
  });
});

describe('unreachableSince', () => {
  const t = (iso: string) => Date.parse(iso);
  it.each<[string, number | null, Parameters<typeof unreachableSince>[1], number | null]>([
    ['online, never synced, no failures', null, { failures: 0 }, null],
    ['online, syncing fine', null, { failures: 0, lastSuccessAt: '2026-11-23T09:00:00Z' }, null],
    [
      'online, HQ failing since the last success',
      null,
      { failures: 3, lastSuccessAt: '2026-11-23T08:00:00Z', lastErrorAt: '2026-11-23T09:00:00Z' },
      t('2026-11-23T08:00:00Z'),
    ],
    [
      'online, HQ never reached',
      null,
      { failures: 1, lastErrorAt: '2026-11-23T09:00:00Z' },
      t('2026-11-23T09:00:00Z'),
    ],
    ['network down, sync fine before', t('2026-11-23T10:00:00Z'), { failures: 0 }, t('2026-11-23T10:00:00Z')],
    [
      'network down after HQ already failed: the earlier',
      t('2026-11-23T10:00:00Z'),
      { failures: 2, lastSuccessAt: '2026-11-23T07:00:00Z' },
      t('2026-11-23T07:00:00Z'),
    ],
    ['no sync status yet', t('2026-11-23T10:00:00Z'), undefined, t('2026-11-23T10:00:00Z')],
  ])('%s', (_why, network, sync, expected) => {
    expect(unreachableSince(network, sync)).toBe(expected);
  });
});

describe('hqReach', () => {
  it.each<[string, boolean | undefined, number | null, HqReach]>([
    ['enrolled, link works', true, null, { kind: 'reachable' }],
    ['enrolled, HQ unreachable', true, 1000, { kind: 'unreachable', since: 1000 }],
    ['never connected, network up', false, null, { kind: 'not_connected' }],
    ['never connected, network down too', false, 1000, { kind: 'not_connected' }],
    ['enrollment still loading: the link state alone', undefined, null, { kind: 'reachable' }],
    ['enrollment still loading, network down', undefined, 1000, { kind: 'unreachable', since: 1000 }],
  ])('%s', (_why, enrolled, unreachable, expected) => {
    expect(hqReach(enrolled, unreachable)).toEqual(expected);
  });
});

// Issue 4 review: a workstation never connected to HQ counts as cut off since each entry was saved, so the
// rule warns (and offers the .eml) an hour after the capture instead of 2 working hours before 11:00.
describe('a workstation not connected to HQ', () => {
  const captured = new Date('2026-11-23T12:00:00Z'); // Mon 15:00 Moscow → deadline Tue 11:00
  const deadline = bookPhotoDeadline(captured, MSK);
  const risk = (reach: HqReach, now: string) =>
    entryRisk({ deadline, now: new Date(now), ...entryOffline(reach, captured) }, MSK, DEFAULT_RISK_SETTINGS);

  it.each<[string, HqReach, string, EntryUrgency, string[]]>([
    ['connected and reachable: waits for HQ', { kind: 'reachable' }, '2026-11-23T17:00:00Z', 'waiting', []],
    ['not connected, 59 min after saving', { kind: 'not_connected' }, '2026-11-23T12:59:00Z', 'waiting', []],
    [
      'not connected, 60 min after saving',
      { kind: 'not_connected' },
      '2026-11-23T13:00:00Z',
      'at_risk',
      ['not_connected'],
    ],
    [
      'not connected, the evening before (long before the 2-hour lead)',
      { kind: 'not_connected' },
      '2026-11-23T17:00:00Z',
      'at_risk',
      ['not_connected'],
    ],
    [
      'not connected and the deadline near',
      { kind: 'not_connected' },
      '2026-11-24T07:00:00Z',
      'at_risk',
      ['deadline_near', 'not_connected'],
    ],
    ['not connected, past the deadline', { kind: 'not_connected' }, '2026-11-24T08:00:00Z', 'late', []],
    [
      'connected, HQ unreachable since before the capture',
      { kind: 'unreachable', since: Date.parse('2026-11-23T10:00:00Z') },
      '2026-11-23T12:05:00Z',
      'at_risk',
      ['offline_long'],
    ],
  ])('%s', (_why, reach, now, urgency, reasons) => {
    const r = risk(reach, now);
    expect({ urgency: r.urgency, reasons: r.reasons }).toEqual({ urgency, reasons });
  });

  it('entryOffline: the clock of each entry', () => {
    expect(entryOffline({ kind: 'reachable' }, captured)).toEqual({});
    expect(entryOffline({ kind: 'unreachable', since: 5 }, captured)).toEqual({ offlineSince: new Date(5) });
    expect(entryOffline({ kind: 'not_connected' }, captured)).toEqual({
      offlineSince: captured,
      notConnected: true,
    });
  });
});

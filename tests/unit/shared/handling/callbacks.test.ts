import { describe, expect, it } from 'vitest';
import { complaintDueMoments, POLICY_PRESETS, type BranchCalendar } from '../../../../shared/deadlines';
import {
  CALLBACK_DUE_SOON_MS,
  callbackReminders,
  callbacksOf,
  callbackState,
  checkCallbackDone,
  checkCallbackPromise,
  MAX_CALLBACK_AHEAD_DAYS,
} from '../../../../shared/handling/callbacks';
import type { RefusalReason } from '../../../../shared/lifecycle';
import { milestonesFromEvents, timelineOf } from '../../../../shared/lifecycle';
import { complaintOf, ev, uuid } from './fixtures';

// R4: a promised callback always has a date and time, is listed, counted down, reminded, and overdue when missed.

const NOW = new Date('2026-09-14T08:00:00Z');
const PHONE = '+7 916 555-12-34';
const DAY = 86_400_000;

describe('checkCallbackPromise', () => {
  it.each<
    [
      string,
      { dueAt: string; phone: string; note?: string },
      RefusalReason[] | { dueAt: string; phone: string },
    ]
  >([
    [
      'tomorrow at 11:00 Moscow',
      { dueAt: '2026-09-15T11:00:00+03:00', phone: ` ${PHONE} ` },
      { dueAt: '2026-09-15T08:00:00.000Z', phone: PHONE },
    ],
    [
      'a minute ago (clocks differ)',
      { dueAt: '2026-09-14T07:59:00Z', phone: PHONE },
      { dueAt: '2026-09-14T07:59:00.000Z', phone: PHONE },
    ],
    ['an hour ago', { dueAt: '2026-09-14T07:00:00Z', phone: PHONE }, ['callback_in_past']],
    ['no time', { dueAt: '', phone: PHONE }, ['callback_time_invalid']],
    ['not a time', { dueAt: 'tomorrow', phone: PHONE }, ['callback_time_invalid']],
    [
      `more than ${MAX_CALLBACK_AHEAD_DAYS} days ahead`,
      { dueAt: new Date(NOW.getTime() + (MAX_CALLBACK_AHEAD_DAYS + 1) * DAY).toISOString(), phone: PHONE },
      ['callback_too_far'],
    ],
    ['no number', { dueAt: '2026-09-15T08:00:00Z', phone: '  ' }, ['callback_phone_invalid']],
    [
      'letters for a number',
      { dueAt: '2026-09-15T08:00:00Z', phone: 'позвонить Анне' },
      ['callback_phone_invalid'],
    ],
    [
      'neither a time nor a number',
      { dueAt: 'x', phone: '' },
      ['callback_time_invalid', 'callback_phone_invalid'],
    ],
    [
      'a note too long',
      { dueAt: '2026-09-15T08:00:00Z', phone: PHONE, note: 'я'.repeat(5001) },
      ['change_value_invalid'],
    ],
  ])('%s', (_what, promise, expected) => {
    const result = checkCallbackPromise(promise, NOW);
    if (Array.isArray(expected)) expect(result).toEqual({ ok: false, reasons: expected });
    else expect(result).toEqual({ ok: true, promise: expected });
  });
});

describe('callbackState and reminders', () => {
  const pending = { id: uuid(1), dueAt: '2026-09-14T10:00:00Z', phone: PHONE, at: '2026-09-14T08:00:00Z' };
  it.each<[string, string, ReturnType<typeof callbackState>]>([
    ['two hours before', '2026-09-14T08:00:00Z', 'pending'],
    [
      'just before the reminder',
      new Date(Date.parse(pending.dueAt) - CALLBACK_DUE_SOON_MS - 1).toISOString(),
      'pending',
    ],
    ['at the reminder', new Date(Date.parse(pending.dueAt) - CALLBACK_DUE_SOON_MS).toISOString(), 'due_soon'],
    ['at the promised minute', '2026-09-14T10:00:00Z', 'due_soon'],
    ['a millisecond late', '2026-09-14T10:00:00.001Z', 'overdue'],
  ])('%s: %s', (_what, now, expected) => {
    expect(callbackState(pending, new Date(now))).toBe(expected);
  });

  it('none pending: no state', () => {
    expect(callbackState(undefined, NOW)).toBeUndefined();
  });

  it('reminds before and at the promised time', () => {
    expect(callbackReminders(pending).map((d) => d.toISOString())).toEqual([
      new Date(Date.parse(pending.dueAt) - CALLBACK_DUE_SOON_MS).toISOString(),
      '2026-09-14T10:00:00.000Z',
    ]);
  });
});

describe('callbacksOf', () => {
  const promise = (n: number, dueAt: string, at: string, note?: string) =>
    ev('callback_promised', { callbackId: uuid(n), dueAt, phone: PHONE, ...(note ? { note } : {}) }, at);
  const done = (n: number, outcome: string, at: string) =>
    ev('callback_done', { callbackId: uuid(n), outcome }, at);

  it('lists every promise with what became of it', () => {
    const lines = callbacksOf(
      [
        promise(1, '2026-09-14T10:00:00Z', '2026-09-14T08:00:00Z', 'после обеда'),
        done(1, 'not_reached', '2026-09-14T10:20:00Z'),
        promise(2, '2026-09-15T10:00:00Z', '2026-09-14T10:21:00Z'),
        promise(3, '2026-09-16T10:00:00Z', '2026-09-14T12:00:00Z'),
        done(2, 'reached', '2026-09-15T09:00:00Z'),
      ],
      new Date('2026-09-16T10:30:00Z'),
    );
    expect(lines).toEqual([
      {
        id: uuid(1),
        promisedAt: '2026-09-14T08:00:00Z',
        dueAt: '2026-09-14T10:00:00Z',
        phone: PHONE,
        note: 'после обеда',
        status: 'done',
        outcome: 'not_reached',
        doneAt: '2026-09-14T10:20:00Z',
        late: true,
      },
      // Rescheduled by the third promise; a done for it afterwards is not counted as made.
      expect.objectContaining({ id: uuid(2), status: 'superseded', late: false }),
      expect.objectContaining({ id: uuid(3), status: 'pending', late: true }),
    ]);
  });

  it('a pending callback is not late before its time', () => {
    const [line] = callbacksOf([promise(1, '2026-09-14T10:00:00Z', '2026-09-14T08:00:00Z')], NOW);
    expect(line).toMatchObject({ status: 'pending', late: false });
  });
});

describe('checkCallbackDone', () => {
  const pending = { id: uuid(1) };
  it.each<
    [
      string,
      typeof pending | undefined,
      { callbackId: string; outcome: string; note?: string },
      RefusalReason[] | 'ok',
    ]
  >([
    ['the pending one, reached', pending, { callbackId: uuid(1), outcome: 'reached' }, 'ok'],
    [
      'the pending one, nobody answered',
      pending,
      { callbackId: uuid(1), outcome: 'not_reached', note: ' занято ' },
      'ok',
    ],
    [
      'an older, rescheduled one',
      pending,
      { callbackId: uuid(2), outcome: 'reached' },
      ['callback_not_pending'],
    ],
    ['none pending', undefined, { callbackId: uuid(1), outcome: 'reached' }, ['callback_not_pending']],
    ['an unknown outcome', pending, { callbackId: uuid(1), outcome: 'maybe' }, ['change_value_invalid']],
  ])('%s', (_what, p, done, expected) => {
    const result = checkCallbackDone(p, done);
    if (expected !== 'ok') expect(result).toEqual({ ok: false, reasons: expected });
    else
      expect(result).toEqual({
        ok: true,
        data: {
          callbackId: done.callbackId,
          outcome: done.outcome,
          ...(done.note ? { note: done.note.trim() } : {}),
        },
      });
  });
});

describe('the pending callback is a due moment (DueKind callback)', () => {
  const MSK: BranchCalendar = { country: 'RU', timeZone: 'Europe/Moscow' };
  const policy = POLICY_PRESETS.ru_money_claim_10d;
  const base = complaintOf('RU', { channel: 'phone', receivedAt: '2026-09-14T07:00:00Z' });
  const promised = ev('callback_promised', {
    callbackId: uuid(1),
    dueAt: '2026-09-14T20:30:00Z',
    phone: PHONE,
  });
  const momentAt = (events: ReturnType<typeof ev>[], now: string, patch: { status?: 'closed' } = {}) => {
    const progress = milestonesFromEvents(events);
    const c = { ...base, ...patch, progress };
    return complaintDueMoments(timelineOf(c), MSK, policy, new Date(now)).find((m) => m.kind === 'callback');
  };

  it.each<[string, string, string]>([
    ['two hours before', '2026-09-14T18:30:00Z', 'ok'],
    ['within the reminder window', '2026-09-14T20:20:00Z', 'due_soon'],
    ['missed', '2026-09-14T20:31:00Z', 'overdue'],
  ])('%s: %s', (_what, now, state) => {
    expect(momentAt([promised], now)).toMatchObject({
      kind: 'callback',
      ref: uuid(1),
      dueAt: new Date('2026-09-14T20:30:00Z'),
      // 23:30 in Moscow is still the 14th; the callback's date is the branch's.
      dueDate: '2026-09-14',
      soonFrom: new Date(Date.parse('2026-09-14T20:30:00Z') - CALLBACK_DUE_SOON_MS),
      state,
    });
  });

  it('made or merged away: no callback moment; closed: done', () => {
    const made = ev('callback_done', { callbackId: uuid(1), outcome: 'reached' });
    const merged = ev('merged_into', { survivorId: uuid(9), survivorNumber: 'MSK-01-2026-100009' });
    expect(momentAt([promised, made], '2026-09-14T21:00:00Z')).toBeUndefined();
    expect(momentAt([promised, merged], '2026-09-14T21:00:00Z')).toBeUndefined();
    expect(momentAt([promised], '2026-09-14T21:00:00Z', { status: 'closed' })).toMatchObject({
      state: 'done',
    });
  });
});

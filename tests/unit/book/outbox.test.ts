import { describe, expect, it } from 'vitest';
import {
  deliveredOnTime,
  escalationDue,
  isPermanentFailure,
  missingPhotos,
  nextMailAttempt,
} from '../../../shared/book/outbox';

const t0 = new Date('2026-03-02T08:00:00Z');
const plus = (ms: number) => new Date(t0.getTime() + ms);
const MIN = 60_000;

describe('mail outbox rules (R7, R8, R11)', () => {
  it.each([
    // attempts, deadline in, expected wait
    [1, 24 * 60 * MIN, 30_000],
    [2, 24 * 60 * MIN, 60_000],
    [4, 24 * 60 * MIN, 4 * MIN],
    [6, 24 * 60 * MIN, 10 * MIN],
    [30, 24 * 60 * MIN, 10 * MIN],
    [6, 4 * MIN, 2 * MIN], // half the time left before the deadline
    [6, 10_000, 15_000], // but never under 15 s
    [3, -MIN, 2 * MIN], // past the deadline: plain backoff
  ])('after attempt %i with the deadline in %i ms, waits %i ms', (attempts, left, wait) => {
    expect(nextMailAttempt(attempts, t0, plus(left)).getTime() - t0.getTime()).toBe(wait);
  });

  it.each([
    [{ responseCode: 550 }, true],
    [{ responseCode: 553, code: 'EENVELOPE' }, true],
    [{ responseCode: 421 }, false],
    [{ responseCode: 451, code: 'EENVELOPE' }, false],
    [{ code: 'ECONNECTION' }, false],
    [{ code: 'ETIMEDOUT' }, false],
    [{ code: 'EENVELOPE' }, true],
    [{}, false],
  ])('%o is permanent: %s', (failure, permanent) => {
    expect(isPermanentFailure(failure)).toBe(permanent);
  });

  it.each([
    [plus(-1), true],
    [t0, true],
    [plus(1), false],
  ])('sent at %s against an 08:00Z deadline is on time: %s', (sentAt, onTime) => {
    expect(deliveredOnTime(sentAt, t0)).toBe(onTime);
  });

  it.each([
    ['pending', -1, false, false],
    ['pending', 0, false, true],
    ['pending', 1, false, true],
    ['pending', 1, true, false],
    ['sent', 1, false, false],
    ['failed', -1, false, true],
    ['failed', -1, true, false],
  ] as const)('status %s, now − deadline %i, escalated %s → escalate %s', (status, after, escalated, due) => {
    expect(escalationDue({ status, deadline: t0, escalated }, plus(after))).toBe(due);
  });

  it('missing photos keep the page order', () => {
    expect(missingPhotos(['c', 'a', 'b'], new Set(['a']))).toEqual(['c', 'b']);
  });
});

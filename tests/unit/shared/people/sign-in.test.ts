import { describe, expect, it } from 'vitest';
import {
  FREE_PIN_TRIES,
  idleLockDue,
  nextTryAt,
  pinWaitMs,
  triesLeft,
  withFailure,
} from '../../../../shared/people/sign-in';

// Issue 14, R24: wrong PINs slow down after five; an idle screen at the counter locks.
describe('pinWaitMs', () => {
  it.each([
    [0, 0],
    [1, 0],
    [4, 0],
    [5, 30_000],
    [6, 60_000],
    [7, 120_000],
    [9, 480_000],
    [10, 900_000],
    [50, 900_000],
  ])('%i wrong PINs in a row → wait %i ms', (failures, wait) => {
    expect(pinWaitMs(failures)).toBe(wait);
  });
});

describe('failures', () => {
  const t0 = Date.parse('2026-11-23T09:00:00Z');

  it('five tries are free, then each wrong PIN makes the next wait longer', () => {
    let f = undefined as ReturnType<typeof withFailure> | undefined;
    expect([triesLeft(f), nextTryAt(f)]).toEqual([FREE_PIN_TRIES, 0]);
    for (let i = 1; i < FREE_PIN_TRIES; i++) {
      f = withFailure(f, t0 + i);
      expect(triesLeft(f)).toBe(FREE_PIN_TRIES - i);
      expect(nextTryAt(f)).toBe(t0 + i); // at once
    }
    f = withFailure(f, t0 + 100);
    expect([f.count, triesLeft(f), nextTryAt(f)]).toEqual([5, 0, t0 + 100 + 30_000]);
    f = withFailure(f, t0 + 40_000);
    expect(nextTryAt(f)).toBe(t0 + 40_000 + 60_000);
  });
});

describe('idleLockDue', () => {
  it.each([
    [0, 299_999, 300, false],
    [0, 300_000, 300, true],
    [1_000, 30_999, 30, false],
    [1_000, 31_000, 30, true],
    // A clock set back (a later activity than now) never locks by itself.
    [10_000, 5_000, 30, false],
  ])('last input %i, now %i, after %i s → %s', (last, now, seconds, due) => {
    expect(idleLockDue(last, now, seconds)).toBe(due);
  });
});

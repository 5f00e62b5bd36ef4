import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  REQUEST_TIMEOUT_MS,
  backoffDelay,
  transferTimeoutMs,
  watchdogDue,
} from '../../../../shared/sync/backoff';
import { MAX_PUSH_CHARS } from '../../../../shared/sync/protocol';

describe('backoff with jitter', () => {
  it.each([
    [0, 0.5, 0],
    [1, 0, 500],
    [1, 0.999, 1000],
    [2, 0, 1000],
    [4, 1, 8000],
    [9, 0, 128_000],
    [10, 0, 150_000],
    [10, 1, 300_000],
    [50, 0.5, 225_000],
  ])('failure %i, random %f → %i ms', (failures, random, ms) => {
    expect(backoffDelay(failures, random)).toBeCloseTo(ms, -1);
  });

  it('never exceeds the cap and grows with failures', () => {
    for (let f = 1; f < 40; f++) {
      expect(backoffDelay(f, 0.999)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
      expect(backoffDelay(f + 1, 0)).toBeGreaterThanOrEqual(backoffDelay(f, 0));
    }
  });

  it.each([
    [{ oldestPendingAt: undefined, inFlight: false, lastAttemptAt: undefined, now: 1e9 }, false],
    [{ oldestPendingAt: 0, inFlight: true, lastAttemptAt: 0, now: 1e9 }, false],
    [{ oldestPendingAt: 1e9 - 1000, inFlight: false, lastAttemptAt: 0, now: 1e9 }, false],
    [{ oldestPendingAt: 0, inFlight: false, lastAttemptAt: 1e9 - 1000, now: 1e9 }, false],
    [{ oldestPendingAt: 0, inFlight: false, lastAttemptAt: 0, now: 1e9 }, true],
    [{ oldestPendingAt: 0, inFlight: false, lastAttemptAt: undefined, now: 1e9 }, true],
  ])('watchdog %j → %s', (input, due) => {
    expect(watchdogDue(input)).toBe(due);
  });
});

describe("a transfer's time limit (photos, files, a push's body)", () => {
  it.each([
    ['nothing to carry: the base limit', 0, REQUEST_TIMEOUT_MS],
    ['64 kB: one second more', 64_000, REQUEST_TIMEOUT_MS + 1_000],
    ['a push of 200 registrations (386 KB)', 386_000, REQUEST_TIMEOUT_MS + 6_032],
    // A full push in Korean: every JSON character 3 bytes of UTF-8.
    ['the fullest push body', 3 * MAX_PUSH_CHARS, REQUEST_TIMEOUT_MS + 49_152],
  ])('%s', (_case, bytes, ms) => {
    expect(transferTimeoutMs(bytes)).toBe(ms);
  });
});

import { describe, expect, it } from 'vitest';
import { clockOffsetMs, clockSkew, CLOCK_SKEW_WARN_MS, skewAmount } from '../../../../shared/sync/clock';

// Issue 13: HQ sends its time with each pull; the workstation warns when its clock is more than 5 minutes off.
const t0 = Date.parse('2026-03-02T09:00:00Z');

describe('clockOffsetMs: HQ minus this clock, at the middle of the request', () => {
  it.each([
    ['2026-03-02T09:00:00.500Z', t0, t0 + 1_000, 0],
    ['2026-03-02T09:10:00.000Z', t0, t0, 600_000],
    ['2026-03-02T08:52:59.000Z', t0, t0 + 2_000, -422_000],
    ['2026-03-02T12:00:00+03:00', t0, t0, 0],
    [undefined, t0, t0, undefined],
    ['not a time', t0, t0, undefined],
    ['2026-03-02T09:00:00Z', t0, t0 - 1, undefined],
  ] as const)('HQ %s, sent %i, received %i → %s', (server, sent, received, offset) => {
    expect(clockOffsetMs(server, sent, received)).toBe(offset);
  });
});

describe('clockSkew: a warning past 5 minutes, either way', () => {
  it.each([
    [undefined, null],
    [0, null],
    [CLOCK_SKEW_WARN_MS, null],
    [-CLOCK_SKEW_WARN_MS, null],
    [CLOCK_SKEW_WARN_MS + 1, { direction: 'behind', offsetMs: CLOCK_SKEW_WARN_MS + 1 }],
    [-7 * 60_000, { direction: 'ahead', offsetMs: 7 * 60_000 }],
    [-3 * 86_400_000, { direction: 'ahead', offsetMs: 3 * 86_400_000 }],
  ] as const)('%s → %j', (offset, warning) => {
    expect(clockSkew(offset)).toEqual(warning);
  });

  it.each([
    [7 * 60_000, { value: 7, unit: 'minute' }],
    [119 * 60_000, { value: 119, unit: 'minute' }],
    [3 * 3_600_000, { value: 3, unit: 'hour' }],
    [47 * 3_600_000, { value: 47, unit: 'hour' }],
    [366 * 86_400_000, { value: 366, unit: 'day' }],
  ] as const)('%i ms reads as %j', (ms, amount) => {
    expect(skewAmount(ms)).toEqual(amount);
  });
});

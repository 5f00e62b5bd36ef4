import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, limitsFromEnv } from '../../../../hq/http/limit-settings';

// Issue 13: what HQ allows one client, from the environment (README "Security").
describe('limitsFromEnv', () => {
  it('keeps the defaults when nothing, or an empty value, is set', () => {
    expect(limitsFromEnv({})).toEqual(DEFAULT_LIMITS);
    expect(limitsFromEnv({ HQ_RATE_DEVICE_PER_MINUTE: '', HQ_IDLE_TIMEOUT_MS: '' })).toEqual(DEFAULT_LIMITS);
  });

  it.each([
    ['HQ_RATE_ENROLL_PER_IP', 'enrollPerIpPerMinute', '5', 5],
    ['HQ_RATE_ENROLL_PER_CODE', 'enrollPerCodePer15Minutes', '3', 3],
    ['HQ_RATE_DEVICE_PER_MINUTE', 'devicePerMinute', '600', 600],
    ['HQ_RATE_SIGNIN_PER_IP', 'signInPerIpPerMinute', '1', 1],
    ['HQ_RATE_SIGNIN_PER_ACCOUNT', 'signInPerAccountPer15Minutes', '4', 4],
    ['HQ_RATE_STATUS_PER_IP', 'statusPerIpPerMinute', '50', 50],
    ['HQ_HEADERS_TIMEOUT_MS', 'headersTimeoutMs', '100', 100],
    ['HQ_IDLE_TIMEOUT_MS', 'idleTimeoutMs', '120000', 120_000],
    ['HQ_BODY_PROGRESS_MS', 'bodyProgressMs', '5000', 5_000],
    ['HQ_BODY_MIN_BYTES', 'bodyMinBytes', '1024', 1024],
  ] as const)('%s sets %s', (variable, field, value, expected) => {
    const limits = limitsFromEnv({ [variable]: value });
    expect(limits[field]).toBe(expected);
    expect({ ...limits, [field]: DEFAULT_LIMITS[field] }).toEqual(DEFAULT_LIMITS);
  });

  it.each([
    ['HQ_RATE_DEVICE_PER_MINUTE', '0', 'HQ_RATE_DEVICE_PER_MINUTE must be a whole number of at least 1'],
    ['HQ_RATE_ENROLL_PER_IP', '2.5', 'HQ_RATE_ENROLL_PER_IP must be a whole number of at least 1'],
    ['HQ_RATE_SIGNIN_PER_IP', 'many', 'HQ_RATE_SIGNIN_PER_IP must be a whole number of at least 1'],
    ['HQ_HEADERS_TIMEOUT_MS', '99', 'HQ_HEADERS_TIMEOUT_MS must be a whole number of at least 100'],
    ['HQ_BODY_PROGRESS_MS', '-1', 'HQ_BODY_PROGRESS_MS must be a whole number of at least 100'],
  ])('refuses %s=%s', (variable, value, message) => {
    expect(() => limitsFromEnv({ [variable]: value })).toThrow(message);
  });

  it('has no variable for the linger after a refused upload', () => {
    expect(limitsFromEnv({ HQ_LINGER_MS: '1' }).lingerMs).toBe(DEFAULT_LIMITS.lingerMs);
  });
});

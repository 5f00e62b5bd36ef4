// What HQ allows one client, as settings: the limits, their defaults and the environment variables that
// change them. Read by the configuration at every start, also of the administration commands, so it imports
// nothing of Fastify; the plugin that enforces them is ./limits.ts.

/**
 * What HQ allows one client (issue 13): how fast it may ask, how slowly it may send. The numbers are
 * environment variables (README "Security"); the fuzz suite runs against them.
 */
export interface HttpLimits {
  /** Enrollment attempts per client address per minute (HQ_RATE_ENROLL_PER_IP). */
  enrollPerIpPerMinute: number;
  /** Attempts with one enrollment code per 15 minutes, from anywhere (HQ_RATE_ENROLL_PER_CODE). */
  enrollPerCodePer15Minutes: number;
  /** Requests per device per minute: push, pull, photos (HQ_RATE_DEVICE_PER_MINUTE). */
  devicePerMinute: number;
  /** Console sign-in attempts (and set-password requests) per client address per minute (HQ_RATE_SIGNIN_PER_IP). */
  signInPerIpPerMinute: number;
  /**
   * Failed sign-ins for one e-mail per 15 minutes, from anywhere (HQ_RATE_SIGNIN_PER_ACCOUNT); a successful
   * sign-in resets the account's count.
   */
  signInPerAccountPer15Minutes: number;
  /** Issue 16: public status page look-ups per client address per minute (HQ_RATE_STATUS_PER_IP). */
  statusPerIpPerMinute: number;
  /** The request line and headers must be in within this (HQ_HEADERS_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** A connection with no traffic at all for this long is closed (HQ_IDLE_TIMEOUT_MS). */
  idleTimeoutMs: number;
  /**
   * A body must make progress: at least `bodyMinBytes` in every `bodyProgressMs` (HQ_BODY_PROGRESS_MS,
   * HQ_BODY_MIN_BYTES). No total time limit: a 40 MB photo over a slow branch link takes what it takes.
   */
  bodyProgressMs: number;
  bodyMinBytes: number;
  /** How long the rest of a refused upload is read and dropped before the connection is closed. */
  lingerMs: number;
}

export const DEFAULT_LIMITS: HttpLimits = {
  enrollPerIpPerMinute: 30,
  enrollPerCodePer15Minutes: 10,
  // A branch catching up after days offline uploads hundreds of photos: 3 at a time, a HEAD before a retry.
  devicePerMinute: 1200,
  signInPerIpPerMinute: 20,
  signInPerAccountPer15Minutes: 10,
  // A customer scanning their receipt asks once or twice; 40 bits of check code need slow guessing.
  statusPerIpPerMinute: 20,
  headersTimeoutMs: 15_000,
  idleTimeoutMs: 60_000,
  bodyProgressMs: 30_000,
  // ≈ 270 bytes/s: far below any real link, far above a client trickling a byte a second.
  bodyMinBytes: 8 * 1024,
  lingerMs: 5_000,
};

/** An enrollment request is a code, a device id and a branch code. */
export const ENROLL_BODY_LIMIT = 4 * 1024;

/**
 * A console request (issue 14) is a form: the largest is an event with a description of 10 000 characters and
 * a few notes, under 64 KiB even in Korean (3 bytes a character). Twice that, for clients that escape
 * every non-ASCII character; far below the device push's limit.
 */
export const CONSOLE_BODY_LIMIT = 128 * 1024;

export function limitsFromEnv(env: NodeJS.ProcessEnv): HttpLimits {
  const read = (name: string, fallback: number, min = 1): number => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number of at least ${min}`);
    return n;
  };
  return {
    enrollPerIpPerMinute: read('HQ_RATE_ENROLL_PER_IP', DEFAULT_LIMITS.enrollPerIpPerMinute),
    enrollPerCodePer15Minutes: read('HQ_RATE_ENROLL_PER_CODE', DEFAULT_LIMITS.enrollPerCodePer15Minutes),
    devicePerMinute: read('HQ_RATE_DEVICE_PER_MINUTE', DEFAULT_LIMITS.devicePerMinute),
    signInPerIpPerMinute: read('HQ_RATE_SIGNIN_PER_IP', DEFAULT_LIMITS.signInPerIpPerMinute),
    signInPerAccountPer15Minutes: read(
      'HQ_RATE_SIGNIN_PER_ACCOUNT',
      DEFAULT_LIMITS.signInPerAccountPer15Minutes,
    ),
    statusPerIpPerMinute: read('HQ_RATE_STATUS_PER_IP', DEFAULT_LIMITS.statusPerIpPerMinute),
    headersTimeoutMs: read('HQ_HEADERS_TIMEOUT_MS', DEFAULT_LIMITS.headersTimeoutMs, 100),
    idleTimeoutMs: read('HQ_IDLE_TIMEOUT_MS', DEFAULT_LIMITS.idleTimeoutMs, 100),
    bodyProgressMs: read('HQ_BODY_PROGRESS_MS', DEFAULT_LIMITS.bodyProgressMs, 100),
    bodyMinBytes: read('HQ_BODY_MIN_BYTES', DEFAULT_LIMITS.bodyMinBytes),
    lingerMs: DEFAULT_LIMITS.lingerMs,
  };
}

/**
 * When the sync engine tries again (ARCHITECTURE.md "Sync"): exponential backoff with jitter, capped at
 * about five minutes, so a long HQ outage costs few requests and a thousand branches coming back at
 * once do not hit HQ in step.
 */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/** With nothing pending, ask HQ for news this often. */
export const IDLE_POLL_MS = 60_000;
/** The watchdog forces a cycle when the oldest pending item has waited this long with nothing in flight. */
export const WATCHDOG_AGE_MS = 2 * 60_000;
export const WATCHDOG_INTERVAL_MS = 15_000;
/** Per-request time limits: a request that hangs always frees its slot. */
export const REQUEST_TIMEOUT_MS = 20_000;
/**
 * A request that carries `bytes` (a photo or a file, either way; a push's body, issue 17) gets the base limit
 * plus time for its size at a slow branch link (64 kB/s).
 */
export function transferTimeoutMs(bytes: number): number {
  return REQUEST_TIMEOUT_MS + Math.ceil(bytes / 64);
}
export const PHOTO_UPLOAD_SLOTS = 3;

/**
 * Delay before retry number `failures` (1 = after the first failure): "equal jitter", half fixed, half
 * random, so it never collapses to zero and never exceeds the cap. `random` is in [0, 1).
 */
export function backoffDelay(failures: number, random: number): number {
  if (failures <= 0) return 0;
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** R22: the watchdog's rule. */
export function watchdogDue(input: {
  oldestPendingAt: number | undefined;
  inFlight: boolean;
  lastAttemptAt: number | undefined;
  now: number;
}): boolean {
  if (input.inFlight || input.oldestPendingAt === undefined) return false;
  if (input.now - input.oldestPendingAt < WATCHDOG_AGE_MS) return false;
  return input.lastAttemptAt === undefined || input.now - input.lastAttemptAt >= WATCHDOG_AGE_MS;
}

/**
 * The rules of signing in at the workstation (issue 14, R24), as pure functions: how long a wrong PIN makes
 * the next try wait, and when an idle screen locks. The page keeps the state; these decide.
 */

/** Wrong PINs allowed in a row before each further try has to wait. */
export const FREE_PIN_TRIES = 5;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

/** Wrong PINs in a row for one employee at this PC; reset by a right one. */
export interface PinFailures {
  count: number;
  /** ms since the epoch of the last wrong PIN. */
  lastAt: number;
}

/** How long after the last wrong PIN the next try may come: none for the first five, then 30 s doubling to 15 min. */
export function pinWaitMs(failures: number): number {
  if (failures < FREE_PIN_TRIES) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_PIN_TRIES), LONGEST_WAIT_MS);
}

/** When the next try is allowed (ms since the epoch); at or before `now` means at once. */
export function nextTryAt(failures: PinFailures | undefined): number {
  return failures ? failures.lastAt + pinWaitMs(failures.count) : 0;
}

/** Wrong PINs left before the waiting starts. */
export function triesLeft(failures: PinFailures | undefined): number {
  return Math.max(0, FREE_PIN_TRIES - (failures?.count ?? 0));
}

/** The record after one more wrong PIN. */
export function withFailure(failures: PinFailures | undefined, now: number): PinFailures {
  return { count: (failures?.count ?? 0) + 1, lastAt: now };
}

/** Customer data is on screen at a public counter: with no input for this long, the screen locks. */
export function idleLockDue(lastActivityAt: number, now: number, autoLockSeconds: number): boolean {
  return now - lastActivityAt >= autoLockSeconds * 1000;
}

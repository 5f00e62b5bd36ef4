import type { Employee } from '../../shared/people/model';
import { hashPin, pinProblem, verifyPin, type PinProblem } from '../../shared/people/pin';
import { nextTryAt, triesLeft, withFailure, type PinFailures } from '../../shared/people/sign-in';
import type { OtklikDatabase } from '../db/database';
import { storeFirstPin } from '../db/employees';

/**
 * Signing in at the counter (issue 14, R24), offline: the PIN is checked against the hash this PC holds.
 * Wrong PINs are counted per employee on this PC (kept over a reload); after five, each try waits longer
 * (shared/people/sign-in.ts).
 */

export type SignInOutcome =
  | { ok: true; employee: Employee }
  | { ok: false; reason: 'wrong_pin'; triesLeft: number; retryAt: number }
  | { ok: false; reason: 'wait'; retryAt: number }
  | { ok: false; reason: 'no_pin' | 'not_active' };

export type FirstPinOutcome =
  | { ok: true; employee: Employee }
  | { ok: false; reason: PinProblem | 'mismatch' | 'pin_exists' | 'not_active' };

const failuresKey = (employeeId: string) => `signin.failures.${employeeId}`;

export async function pinFailures(db: OtklikDatabase, employeeId: string): Promise<PinFailures | undefined> {
  return (await db.meta.get(failuresKey(employeeId)))?.value as PinFailures | undefined;
}

export async function signInWithPin(
  db: OtklikDatabase,
  employeeId: string,
  pin: string,
  now = Date.now(),
): Promise<SignInOutcome> {
  const employee = await db.employees.get(employeeId);
  if (!employee?.active) return { ok: false, reason: 'not_active' };
  if (!employee.pin) return { ok: false, reason: 'no_pin' };
  const failures = await pinFailures(db, employeeId);
  const retryAt = nextTryAt(failures);
  if (retryAt > now) return { ok: false, reason: 'wait', retryAt };
  if (await verifyPin(pin, employee.pin)) {
    await db.meta.delete(failuresKey(employeeId));
    return { ok: true, employee };
  }
  const next = withFailure(failures, now);
  await db.meta.put({ key: failuresKey(employeeId), value: next });
  return { ok: false, reason: 'wrong_pin', triesLeft: triesLeft(next), retryAt: nextTryAt(next) };
}

/** The first sign-in: the PIN chosen, typed twice; only its salted hash is kept (and synced). */
export async function setFirstPin(
  db: OtklikDatabase,
  employeeId: string,
  pin: string,
  repeat: string,
  now = new Date(),
): Promise<FirstPinOutcome> {
  const problem = pinProblem(pin);
  if (problem) return { ok: false, reason: problem };
  if (pin !== repeat) return { ok: false, reason: 'mismatch' };
  const employee = await db.employees.get(employeeId);
  if (!employee?.active) return { ok: false, reason: 'not_active' };
  if (employee.pin) return { ok: false, reason: 'pin_exists' };
  const stored = await storeFirstPin(db, employeeId, await hashPin(pin), now);
  return stored ? { ok: true, employee: stored } : { ok: false, reason: 'pin_exists' };
}

import { employeeSchema, type Employee, type PinHash } from '../../shared/people/model';
import type { OtklikDatabase } from './database';
import { enqueue } from './outbox';

/**
 * The branch's employees on this PC (issue 14, R24): created by the first-run wizard and by a branch
 * manager here, or managed at HQ and pulled. Each change is one transaction with its outbox operation, so
 * every PC of the branch learns it through HQ (HQ's order wins).
 */

/** Who did something, as events and operations record it: the signed-in employee's id and name. */
export type Signer = Pick<Employee, 'id' | 'name'>;

/** An employee as the forms edit them: no PIN (set only by its owner at sign-in), no change time. */
export type EmployeeDraft = Omit<Employee, 'pin' | 'updatedAt'>;

export function employeeTables(db: OtklikDatabase) {
  return [db.employees, db.outbox, db.meta];
}

/** This branch's employees, active or not, by name. */
export async function branchEmployees(db: OtklikDatabase, branchCode: string): Promise<Employee[]> {
  const rows = await db.employees.where('branchCode').equals(branchCode).toArray();
  return rows.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * Creates or changes an employee and queues `employee.upsert`, in one transaction (or the caller's, e.g.
 * the first run's). The PIN stays as it is. Throws when the record breaks the schema (a name too long).
 */
export async function saveEmployee(
  db: OtklikDatabase,
  draft: EmployeeDraft,
  now = new Date(),
): Promise<Employee> {
  const record = employeeSchema.omit({ pin: true }).parse({ ...draft, updatedAt: now.toISOString() });
  return db.transaction('rw', employeeTables(db), async () => {
    const existing = await db.employees.get(record.id);
    const stored: Employee = existing?.pin ? { ...record, pin: existing.pin } : record;
    await db.employees.put(stored);
    await enqueue(db, 'employee.upsert', { employee: record }, now);
    return stored;
  });
}

/**
 * The PIN hash an employee chose at their first sign-in, here and (queued as `employee.pin.set`) on every
 * PC of the branch. Null when they have one already (set meanwhile in another window, or pulled from HQ):
 * a PIN is never replaced from this PC.
 */
export async function storeFirstPin(
  db: OtklikDatabase,
  employeeId: string,
  pin: PinHash,
  now = new Date(),
): Promise<Employee | null> {
  return db.transaction('rw', employeeTables(db), async () => {
    const existing = await db.employees.get(employeeId);
    if (!existing) throw new Error(`No employee ${employeeId}`);
    if (existing.pin) return null;
    const stored: Employee = { ...existing, pin, updatedAt: now.toISOString() };
    await db.employees.put(stored);
    await enqueue(db, 'employee.pin.set', { employeeId, pin, at: now.toISOString() }, now);
    return stored;
  });
}

import type { Pool } from 'pg';
import type { Employee, PinHash } from '../../shared/people/model';
import type { OperationPayload } from '../../shared/sync/operations';
import type { Change } from '../../shared/sync/protocol';
import { APPLIED, rejected, type OpOutcome } from '../../shared/sync/rules';
import type { BranchTx } from '../branches/versions';

/**
 * The branches' employees at HQ (issue 14, R24): created by a branch (its first run, a branch manager
 * offline) or by HQ, and pulled by every PC of their branch with the PIN hash, so a PIN works on each of
 * them. Each change takes a branch version in the transaction that writes it: HQ's order wins.
 */

/**
 * `employee.upsert` from a device of the employee's branch (push checked the branch code already): the
 * whole record but the PIN, which stays. An id another branch owns is refused as if it did not exist, so
 * a device learns nothing of other branches' people.
 */
export async function upsertEmployee(
  tx: BranchTx,
  p: OperationPayload<'employee.upsert'>,
): Promise<OpOutcome> {
  const e = p.employee;
  const written = await tx.client.query(
    `INSERT INTO employees (id, branch_id, name, role, active, version)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE
       SET name = EXCLUDED.name, role = EXCLUDED.role, active = EXCLUDED.active, version = EXCLUDED.version,
           updated_at = now()
       WHERE employees.branch_id = EXCLUDED.branch_id`,
    [e.id, tx.branchId, e.name, e.role, e.active, await tx.versions.take()],
  );
  return written.rowCount === 1 ? APPLIED : rejected('unknown_employee');
}

/** `employee.pin.set`: the PIN an employee of the device's branch chose at their first sign-in there. */
export async function setEmployeePin(
  tx: BranchTx,
  p: OperationPayload<'employee.pin.set'>,
): Promise<OpOutcome> {
  const written = await tx.client.query(
    `UPDATE employees SET pin = $3::jsonb, version = $4, updated_at = now()
     WHERE id = $1 AND branch_id = $2`,
    [p.employeeId, tx.branchId, JSON.stringify(p.pin), await tx.versions.take()],
  );
  return written.rowCount === 1 ? APPLIED : rejected('unknown_employee');
}

/** The branch's employees changed after `cursor`, in HQ's order, at most `limit` (pull merges the kinds). */
export async function employeeChanges(
  pool: Pool,
  branchId: number,
  cursor: number,
  limit: number,
): Promise<Change[]> {
  const { rows } = await pool.query<{
    version: number;
    id: string;
    branch_code: string;
    name: string;
    role: Employee['role'];
    active: boolean;
    pin: PinHash | null;
    updated_at: string;
  }>(
    `SELECT e.version, e.id, b.code AS branch_code, e.name, e.role, e.active, e.pin, e.updated_at
       FROM employees e JOIN branches b ON b.id = e.branch_id
      WHERE e.branch_id = $1 AND e.version > $2
      ORDER BY e.version LIMIT $3`,
    [branchId, cursor, limit],
  );
  return rows.map((r): Change => ({
    version: r.version,
    kind: 'employee',
    employee: {
      id: r.id,
      branchCode: r.branch_code,
      name: r.name,
      role: r.role,
      active: r.active,
      ...(r.pin ? { pin: r.pin } : {}),
      updatedAt: r.updated_at,
    },
  }));
}

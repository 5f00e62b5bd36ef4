import { v7 as uuidv7 } from 'uuid';
import type { Pool, PoolClient } from 'pg';
import type { ConsoleEmployee, EmployeeCreate, EmployeePatch } from '../../shared/console/admin';
import { employeeCreateSchema } from '../../shared/console/admin';
import type { Employee } from '../../shared/people/model';
import { recordAudit, type AuditContext, type Queryable } from '../audit/log';
import { lockBranch, nextVersion } from '../branches/versions';
import { inTransaction } from '../db/database';
import { HqError } from '../errors';

/**
 * Branch employees administered at HQ (issue 14): listed (never their PIN hash), created, renamed, given
 * another role, deactivated, their PIN reset. Each change takes the branch's next version, so every PC of
 * the branch receives it with its next pull (hq/people/employees.ts sends it), and is audited.
 */

interface Row {
  id: string;
  branch_code: string;
  name: string;
  role: Employee['role'];
  active: boolean;
  pin_set: boolean;
  updated_at: string;
}

const SELECT = `SELECT e.id, b.code AS branch_code, e.name, e.role, e.active, e.pin IS NOT NULL AS pin_set, e.updated_at
                  FROM employees e JOIN branches b ON b.id = e.branch_id`;

const item = (r: Row): ConsoleEmployee => ({
  id: r.id,
  branchCode: r.branch_code,
  name: r.name,
  role: r.role,
  active: r.active,
  pinSet: r.pin_set,
  updatedAt: r.updated_at,
});

export async function listEmployees(db: Queryable, branchCode?: string): Promise<ConsoleEmployee[]> {
  const { rows } = await db.query<Row>(
    `${SELECT} WHERE $1::text IS NULL OR b.code = $1 ORDER BY b.code, e.name, e.id`,
    [branchCode ?? null],
  );
  return rows.map(item);
}

async function one(client: PoolClient, id: string): Promise<ConsoleEmployee> {
  const { rows } = await client.query<Row>(`${SELECT} WHERE e.id = $1`, [id]);
  return item(rows[0]!);
}

export async function createEmployee(
  pool: Pool,
  input: EmployeeCreate,
  ctx: AuditContext,
): Promise<ConsoleEmployee> {
  const e = employeeCreateSchema.parse(input);
  return inTransaction(pool, async (client) => {
    const branch = await client.query<{ id: number }>('SELECT id FROM branches WHERE code = $1', [
      e.branchCode.toUpperCase(),
    ]);
    const branchId = branch.rows[0]?.id;
    if (branchId === undefined) throw new HqError(400, 'invalid_body', `No such branch: ${e.branchCode}`);
    const id = uuidv7();
    await client.query(
      'INSERT INTO employees (id, branch_id, name, role, active, version) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, branchId, e.name, e.role, e.active, await nextVersion(client, branchId)],
    );
    const created = await one(client, id);
    await recordAudit(client, ctx, 'employee.add', `employee:${id}`, { after: created });
    return created;
  });
}

export async function updateEmployee(
  pool: Pool,
  id: string,
  patch: EmployeePatch,
  ctx: AuditContext,
): Promise<ConsoleEmployee> {
  return inTransaction(pool, async (client) => {
    // The branch's lock first, as every writer of its data (a push of an employee takes it before the row).
    const found = await client.query<{ branch_id: number }>('SELECT branch_id FROM employees WHERE id = $1', [
      id,
    ]);
    const branchId = found.rows[0]?.branch_id;
    if (branchId === undefined) throw new HqError(404, 'not_found', 'No such employee.');
    await lockBranch(client, branchId);
    const locked = await client.query('SELECT 1 FROM employees WHERE id = $1 FOR UPDATE', [id]);
    if (locked.rowCount === 0) throw new HqError(404, 'not_found', 'No such employee.');
    const before = await one(client, id);
    await client.query(
      `UPDATE employees SET name = coalesce($2, name), role = coalesce($3, role), active = coalesce($4, active),
              pin = CASE WHEN $5 THEN NULL ELSE pin END, version = $6, updated_at = now()
        WHERE id = $1`,
      [
        id,
        patch.name ?? null,
        patch.role ?? null,
        patch.active ?? null,
        patch.resetPin === true,
        await nextVersion(client, branchId),
      ],
    );
    const after = await one(client, id);
    const action = patch.resetPin ? 'employee.pin_reset' : 'employee.change';
    await recordAudit(client, ctx, action, `employee:${id}`, { before, after });
    return after;
  });
}

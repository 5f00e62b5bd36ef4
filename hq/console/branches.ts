import type { Pool } from 'pg';
import type { ConsoleBranch } from '../../shared/console/admin';
import { directoryOf, type BranchRow } from '../branches/directory';
import type { ConsolePrincipal } from '../people/sessions';

/**
 * The branches a console user may see (issue 14): every branch for the admin, the head of sales and the
 * auditor; a manager's own. With the number of active workstations of each.
 */
export async function listConsoleBranches(pool: Pool, principal: ConsolePrincipal): Promise<ConsoleBranch[]> {
  const own = principal.scope.kind === 'branches';
  const { rows } = await pool.query<BranchRow & { active_devices: number }>(
    `SELECT b.*, (SELECT count(*)::int FROM devices d WHERE d.branch_id = b.id AND d.revoked_at IS NULL)
              AS active_devices
       FROM branches b WHERE NOT $1::boolean OR b.id = ANY($2::bigint[]) ORDER BY b.code`,
    [own, own ? principal.branchIds : []],
  );
  return rows.map((r) => ({ ...directoryOf(r), activeDevices: r.active_devices }));
}

export async function consoleBranch(pool: Pool, principal: ConsolePrincipal, code: string) {
  return (await listConsoleBranches(pool, principal)).find((b) => b.code === code);
}

import { HqError } from '../errors';
import type { ConsolePrincipal } from '../people/sessions';

/**
 * Scope in SQL (issue 14, R24): every console query that reads complaint data adds this condition, so a
 * manager's request can never return another branch's row, whatever the route or the filter. The admin
 * manages people and devices, never complaint contents: 403 before any query.
 */
/** Refuses the admin before anything is read (403 `forbidden`): complaint contents are not theirs. */
export function assertMayRead(principal: ConsolePrincipal): void {
  if (principal.scope.kind === 'none')
    throw new HqError(
      403,
      'forbidden',
      'An administrator manages people, branches and devices, not complaints.',
    );
}

export function scopeCondition(
  principal: ConsolePrincipal,
  params: unknown[],
  column = 'c.branch_id',
): string {
  assertMayRead(principal);
  const { scope } = principal;
  if (scope.kind === 'all') return 'TRUE';
  if (scope.kind === 'none') return 'FALSE';
  params.push(principal.branchIds);
  return `${column} = ANY($${params.length}::bigint[])`;
}

/** Refuses an HQ user who may not act on complaints (the admin, the auditor: 403 `forbidden`). */
export function assertMayAct(principal: ConsolePrincipal): void {
  const role = principal.user.role;
  if (role !== 'head_of_sales' && role !== 'manager')
    throw new HqError(403, 'forbidden', `A ${role} may not change complaints.`);
}

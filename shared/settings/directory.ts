import type { BranchDirectory } from '../sync/protocol';
import type { WorkstationSettings } from './workstation';

const FIELDS = ['managerName', 'managerEmail', 'headOfSalesName', 'headOfSalesEmail'] as const;

/**
 * Issue 6: HQ's branch directory replaces the local manager/head-of-sales fields it sets; a field HQ leaves
 * empty keeps the local value (a branch not yet managed at HQ can still be edited here). Null: no change.
 */
export function withHqDirectory(
  settings: WorkstationSettings,
  branch: BranchDirectory,
): WorkstationSettings | null {
  const next = { ...settings };
  let changed = false;
  for (const f of FIELDS) {
    if (branch[f] && branch[f] !== settings[f]) {
      next[f] = branch[f];
      changed = true;
    }
  }
  return changed ? next : null;
}

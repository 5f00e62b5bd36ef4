import type { BranchDirectory } from '../sync/protocol';
import type { WorkstationSettings } from './workstation';

export const DIRECTORY_FIELDS = [
  'managerName',
  'managerEmail',
  'headOfSalesName',
  'headOfSalesEmail',
] as const;
export type DirectoryField = (typeof DIRECTORY_FIELDS)[number];
const FIELDS = DIRECTORY_FIELDS;

/** The directory fields HQ has set for this branch: shown read-only on the branch and never overwritten. */
export function hqSetFields(branch: BranchDirectory | undefined): DirectoryField[] {
  return branch ? DIRECTORY_FIELDS.filter((f) => branch[f] !== '') : [];
}

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

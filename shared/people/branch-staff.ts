import type { Employee, EmployeeRole } from './model';

/**
 * Who may change the branch's employees at the workstation (issue 14, R24). A branch manager does; before
 * the branch is connected they manage them here entirely, afterwards HQ manages them (they come down with
 * pull) and the branch may only add one (it goes up, and HQ's order wins).
 */
export interface StaffRights {
  /** Open the list of employees. */
  view: boolean;
  /** Add a new employee. */
  add: boolean;
  /** Rename, change the role, deactivate or activate. */
  edit: boolean;
}

export function branchStaffRights(role: EmployeeRole, connectedToHq: boolean): StaffRights {
  const manager = role === 'branch_manager';
  return { view: manager, add: manager, edit: manager && !connectedToHq };
}

/**
 * A change the signed-in employee may not make to this record even with the right to edit: their own role
 * or their own deactivation (the branch would lose the manager who can undo it).
 */
export function selfChangeRefused(
  me: Pick<Employee, 'id' | 'role' | 'active'>,
  next: Pick<Employee, 'id' | 'role' | 'active'>,
): boolean {
  return me.id === next.id && (next.role !== me.role || !next.active);
}

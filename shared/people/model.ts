import { z } from 'zod';
import { LIMITS } from '../complaints/validation';

/**
 * People (R24, issue 14): HQ users who sign in to the console, and branch employees who sign in at the
 * workstation. ARCHITECTURE.md "People and access". Pure data and rules, shared by HQ, the console and the
 * branch app.
 */

/** Who may do what at HQ: see `complaintAccess` below. */
export const HQ_ROLES = ['admin', 'head_of_sales', 'manager', 'auditor'] as const;
export type HqRole = (typeof HQ_ROLES)[number];

/** At the branch: a `branch_manager` also sees the confidential internal register (R2, R24). */
export const EMPLOYEE_ROLES = ['counter', 'branch_manager'] as const;
export type EmployeeRole = (typeof EMPLOYEE_ROLES)[number];

/**
 * A branch employee's PIN, kept only as a salted PBKDF2-SHA256 hash (WebCrypto at the branch). Synced to
 * every PC of the branch so the PIN works wherever the employee signs in, offline too.
 */
export const pinHashSchema = z.object({
  alg: z.literal('PBKDF2-SHA256'),
  iterations: z.number().int().min(100_000).max(10_000_000),
  /** base64, 16 random bytes or more */
  salt: z.string().min(16).max(128),
  /** base64 of the 32-byte derived key */
  hash: z.string().min(32).max(128),
});
export type PinHash = z.infer<typeof pinHashSchema>;

export const employeeSchema = z.object({
  /** UUIDv7, made where the employee was first created (the branch's first-run wizard, or HQ). */
  id: z.uuid(),
  branchCode: z.string().min(1).max(16),
  name: z.string().trim().min(1).max(LIMITS.person),
  role: z.enum(EMPLOYEE_ROLES),
  /** An employee who left is deactivated, never deleted: their name stays on the history they wrote. */
  active: z.boolean(),
  /** Absent until the employee's first sign-in sets it. */
  pin: pinHashSchema.optional(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Employee = z.infer<typeof employeeSchema>;

/** Who did something: on every complaint event (beside the display name) and in the audit. */
export interface Actor {
  kind: 'employee' | 'hq_user' | 'system';
  id?: string;
  name: string;
}

/** Which complaints an HQ user may read, decided from the role and the assigned branches (R24). */
export type ComplaintScope =
  | { kind: 'all' }
  | { kind: 'branches'; branchCodes: readonly string[] }
  /** admin: people, branches, devices — never complaint contents. */
  | { kind: 'none' };

export function complaintScopeOf(role: HqRole, assignedBranchCodes: readonly string[]): ComplaintScope {
  switch (role) {
    case 'head_of_sales':
    case 'auditor':
      return { kind: 'all' };
    case 'manager':
      return { kind: 'branches', branchCodes: assignedBranchCodes };
    case 'admin':
      return { kind: 'none' };
  }
}

export function scopeIncludes(scope: ComplaintScope, branchCode: string): boolean {
  return scope.kind === 'all' || (scope.kind === 'branches' && scope.branchCodes.includes(branchCode));
}

/** May change complaints (comment, take over, lifecycle steps): not the auditor (read-only), not the admin. */
export const canActOnComplaints = (role: HqRole): boolean => role === 'head_of_sales' || role === 'manager';

/** May manage users, branches, directory, employees, devices and enrollment codes. */
export const canAdminister = (role: HqRole): boolean => role === 'admin';

/** R16: approves or refuses a compensation above the threshold — the branch manager (of their branches), the head of sales. */
export const canApproveCompensation = (role: HqRole): boolean =>
  role === 'head_of_sales' || role === 'manager';

/** R14: the head of sales takes over what a branch cannot resolve. */
export const canTakeOver = (role: HqRole): boolean => role === 'head_of_sales';

/** R2, R24: the internal (confidential) register at the branch. */
export const canSeeInternalRegister = (role: EmployeeRole): boolean => role === 'branch_manager';

import { z } from 'zod';
import { parsePolicyLayer } from '../settings/policy-layers';
import { LIMITS } from '../complaints/validation';
import { EMPLOYEE_ROLES, employeeSchema, HQ_ROLES } from '../people/model';
import { POLICY_PRESET_IDS } from '../deadlines/policies';
import { COUNTRIES, LANGUAGES } from '../settings/workstation';
import { branchDirectorySchema, DIRECTORY_LIMITS, MAX_CALENDAR_EXTRAS } from '../sync/protocol';
import { consoleUserSchema } from './protocol';

/**
 * The HQ console's administration contract (issue 14; issue 15 item 7 for the policies): branches, enrolment
 * codes, devices, console users, branch employees, the audit and the company's policy layers — what the
 * admin changes and an auditor may read. Paths and the complaint routes' bodies are in protocol.ts.
 */

/**
 * What the policy page shows: the company's name and layer, and each branch's layer (hq/branches/policy).
 * A layer field this console cannot read is dropped, not a failed page (shared/settings/policy-layers).
 */
const layerSchema = z.unknown().transform(parsePolicyLayer);
export const consolePoliciesSchema = z.object({
  companyName: z.string(),
  company: layerSchema,
  branches: z.array(z.object({ code: z.string(), name: z.string(), layer: layerSchema })),
});
export type ConsolePolicies = z.infer<typeof consolePoliciesSchema>;
/** The body of a layer change: the layer itself is checked by HQ (shared/settings/policy-layers). */
export const policyChangeSchema = z.strictObject({ layer: z.unknown() });
export const companyNameChangeSchema = z.strictObject({ name: z.string().max(200) });

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** A branch as the console administers it: its directory entry, calendar extras and policy, its devices. */
export const consoleBranchSchema = branchDirectorySchema.extend({
  /** Workstations enrolled and not revoked. */
  activeDevices: z.number().int(),
});
export type ConsoleBranch = z.infer<typeof consoleBranchSchema>;

const branchFields = {
  name: z.string().trim().min(1).max(DIRECTORY_LIMITS.name),
  country: z.enum(COUNTRIES),
  timeZone: z.string().min(1).max(64),
  language: z.enum(LANGUAGES),
  managerName: z.string().trim().max(DIRECTORY_LIMITS.person),
  managerEmail: z.string().trim().max(DIRECTORY_LIMITS.email),
  headOfSalesName: z.string().trim().max(DIRECTORY_LIMITS.person),
  headOfSalesEmail: z.string().trim().max(DIRECTORY_LIMITS.email),
  /** Issue 16 item 3: how customers reach the branch, printed on its documents ('' = not set). */
  address: z.string().trim().max(DIRECTORY_LIMITS.address),
  phone: z.string().trim().max(DIRECTORY_LIMITS.phone),
  hours: z.string().trim().max(DIRECTORY_LIMITS.hours),
  /** Calendar extras (issue 14): replace the branch's own once set; null: HQ no longer sets them. */
  extraDaysOff: z.array(localDate).max(MAX_CALENDAR_EXTRAS).nullable(),
  extraWorkingDays: z.array(localDate).max(MAX_CALENDAR_EXTRAS).nullable(),
  ukraineMartialLaw: z.boolean().nullable(),
  policyId: z.enum(POLICY_PRESET_IDS).nullable(),
};

/** PATCH a branch: the fields given change; the branch receives them with its next pull. */
export const branchPatchSchema = z.object(branchFields).partial();
export type BranchPatch = z.infer<typeof branchPatchSchema>;

/** POST a new branch. */
export const branchCreateSchema = branchPatchSchema.extend({
  code: z.string().trim().min(1).max(16),
  name: branchFields.name,
  country: branchFields.country,
});
export type BranchCreate = z.infer<typeof branchCreateSchema>;

/** POST enrollment-codes: the code in clear, shown once (HQ keeps only its hash). */
export const enrollmentCodeSchema = z.object({
  branchCode: z.string(),
  code: z.string(),
  expiresAt: z.string(),
});
export type EnrollmentCode = z.infer<typeof enrollmentCodeSchema>;

export const consoleDeviceSchema = z.object({
  id: z.uuid(),
  branch: z.string(),
  enrolledAt: z.string(),
  lastSeenAt: z.string().optional(),
  revokedAt: z.string().optional(),
  state: z.enum(['active', 'revoked', 'expired']),
});
export type ConsoleDevice = z.infer<typeof consoleDeviceSchema>;

export const consoleUserListItemSchema = consoleUserSchema.extend({
  disabled: z.boolean(),
  /** False until the user set a password through their link. */
  passwordSet: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().optional(),
});
export type ConsoleUserListItem = z.infer<typeof consoleUserListItemSchema>;

export const userCreateSchema = z.object({
  email: z.email().max(LIMITS.email),
  name: z.string().trim().min(1).max(LIMITS.person),
  role: z.enum(HQ_ROLES),
  branches: z.array(z.string().trim().min(1).max(16)).max(200).default([]),
});
export type UserCreate = z.input<typeof userCreateSchema>;

export const userPatchSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.person).optional(),
  role: z.enum(HQ_ROLES).optional(),
  branches: z.array(z.string().trim().min(1).max(16)).max(200).optional(),
  /** true: every session of the user ends at once and sign-in is refused. */
  disabled: z.boolean().optional(),
});
export type UserPatch = z.infer<typeof userPatchSchema>;

/** A one-time set-password link (POST users, POST …/password-link): shown once. */
export const passwordLinkSchema = z.object({
  user: consoleUserListItemSchema,
  link: z.string(),
  expiresAt: z.string(),
});
export type PasswordLink = z.infer<typeof passwordLinkSchema>;

/** A branch employee as the console administers them: never the PIN hash, only whether one is set. */
export const consoleEmployeeSchema = employeeSchema.omit({ pin: true }).extend({ pinSet: z.boolean() });
export type ConsoleEmployee = z.infer<typeof consoleEmployeeSchema>;

/** POST employees: created at HQ, they reach every PC of the branch with its next pull. */
export const employeeCreateSchema = z.object({
  branchCode: z.string().trim().min(1).max(16),
  name: z.string().trim().min(1).max(LIMITS.person),
  role: z.enum(EMPLOYEE_ROLES),
  active: z.boolean().default(true),
});
export type EmployeeCreate = z.input<typeof employeeCreateSchema>;

/** PATCH employees/{id}: `resetPin` clears the PIN, so the employee chooses a new one at their next sign-in. */
export const employeePatchSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.person).optional(),
  role: z.enum(EMPLOYEE_ROLES).optional(),
  active: z.boolean().optional(),
  resetPin: z.literal(true).optional(),
});
export type EmployeePatch = z.infer<typeof employeePatchSchema>;

/** One row of the append-only audit (R24): who, when, what, before and after. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorKind: z.enum(['hq_user', 'cli', 'system', 'device']),
  actorId: z.string().optional(),
  actorName: z.string(),
  action: z.string(),
  target: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  ip: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
  /** Keyset: entries older than this id. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

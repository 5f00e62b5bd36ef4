import { z } from 'zod';
import { CONSOLE_PATHS } from '../../../shared/console/protocol';
import {
  consoleBranchSchema,
  consolePoliciesSchema,
  type ConsolePolicies,
  consoleDeviceSchema,
  consoleUserListItemSchema,
  enrollmentCodeSchema,
  passwordLinkSchema,
  type BranchCreate,
  type BranchPatch,
  type ConsoleBranch,
  type ConsoleDevice,
  type ConsoleUserListItem,
  type EnrollmentCode,
  type PasswordLink,
  type UserCreate,
  type UserPatch,
} from '../../../shared/console/admin';
import { employeeSchema, type Employee, type EmployeeRole } from '../../../shared/people/model';
import type { PolicyLayer } from '../../../shared/settings/policy-layers';
import type { ConsoleApi } from './client';

/** A list answer: the contract names the item; HQ may send the array itself or `{items}`. */
const listOf = <S extends z.ZodType>(item: S) =>
  z.union([z.array(item), z.object({ items: z.array(item) }).transform((o) => o.items)]);

/** What the console sends to create a branch employee (HQ gives the id and keeps the PIN empty). */
export interface EmployeeCreate {
  branchCode: string;
  name: string;
  role: EmployeeRole;
}
export type EmployeePatch = Partial<Pick<Employee, 'name' | 'role' | 'active'>>;

const enc = encodeURIComponent;

/** Administration (admin role): branches and their directory and calendar, codes, devices, employees, users. */
export const adminApi = (api: ConsoleApi) => ({
  branches: (): Promise<ConsoleBranch[]> =>
    api.request('GET', CONSOLE_PATHS.branches, listOf(consoleBranchSchema)),
  createBranch: (b: BranchCreate): Promise<void> =>
    api.request('POST', CONSOLE_PATHS.branches, null, { body: b }),
  updateBranch: (code: string, patch: BranchPatch): Promise<void> =>
    api.request('PATCH', CONSOLE_PATHS.branch(enc(code)), null, { body: patch }),
  enrollmentCode: (code: string): Promise<EnrollmentCode> =>
    api.request('POST', CONSOLE_PATHS.enrollmentCodes(enc(code)), enrollmentCodeSchema, { body: {} }),

  devices: (): Promise<ConsoleDevice[]> =>
    api.request('GET', CONSOLE_PATHS.devices, listOf(consoleDeviceSchema)),
  revokeDevice: (id: string): Promise<void> =>
    api.request('POST', CONSOLE_PATHS.deviceRevoke(enc(id)), null, { body: {} }),

  employees: (): Promise<Employee[]> => api.request('GET', CONSOLE_PATHS.employees, listOf(employeeSchema)),
  createEmployee: (e: EmployeeCreate): Promise<void> =>
    api.request('POST', CONSOLE_PATHS.employees, null, { body: e }),
  updateEmployee: (id: string, patch: EmployeePatch): Promise<void> =>
    api.request('PATCH', CONSOLE_PATHS.employee(enc(id)), null, { body: patch }),

  users: (): Promise<ConsoleUserListItem[]> =>
    api.request('GET', CONSOLE_PATHS.users, listOf(consoleUserListItemSchema)),
  createUser: (u: UserCreate): Promise<PasswordLink> =>
    api.request('POST', CONSOLE_PATHS.users, passwordLinkSchema, { body: u }),
  updateUser: (id: string, patch: UserPatch): Promise<void> =>
    api.request('PATCH', CONSOLE_PATHS.user(enc(id)), null, { body: patch }),
  // Issue 15 items 3 and 7 (R10): the company's name and the policy layers.
  policies: (): Promise<ConsolePolicies> => api.request('GET', CONSOLE_PATHS.policy, consolePoliciesSchema),
  setCompanyPolicy: (layer: PolicyLayer): Promise<void> =>
    api.request('PUT', CONSOLE_PATHS.companyPolicy, null, { body: { layer } }),
  setBranchPolicy: (code: string, layer: PolicyLayer): Promise<void> =>
    api.request('PUT', CONSOLE_PATHS.branchPolicy(enc(code)), null, { body: { layer } }),
  setCompanyName: (name: string): Promise<void> =>
    api.request('PUT', CONSOLE_PATHS.companyName, null, { body: { name } }),
  passwordLink: (id: string): Promise<PasswordLink> =>
    api.request('POST', CONSOLE_PATHS.userPasswordLink(enc(id)), passwordLinkSchema, { body: {} }),
});

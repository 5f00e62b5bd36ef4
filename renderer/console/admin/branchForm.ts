import type { BranchCreate, BranchPatch, ConsoleBranch } from '../../../shared/console/admin';
import { isValidBranchCode } from '../../../shared/complaints/numbering';
import { isValidEmail, isValidPhone } from '../../../shared/complaints/validation';
import { POLICY_PRESET_IDS, type PolicyPresetId } from '../../../shared/deadlines/policies';
import {
  COUNTRIES,
  DEFAULT_TIME_ZONE,
  isLanguage,
  type Country,
  type Language,
} from '../../../shared/settings/workstation';

/** The branch form's values: the directory entry, the calendar extras and the policy (issue 14). */
export interface BranchFormValue {
  code: string;
  name: string;
  country: Country;
  timeZone: string;
  language: Language;
  managerName: string;
  managerEmail: string;
  headOfSalesName: string;
  headOfSalesEmail: string;
  /** Issue 16 item 3: printed on the branch's documents; '' = not set. */
  address: string;
  phone: string;
  hours: string;
  extraDaysOff: string[];
  extraWorkingDays: string[];
  ukraineMartialLaw: boolean;
  /** '' = HQ does not set it: the branch keeps its own. */
  policyId: PolicyPresetId | '';
}

const isCountry = (c: string): c is Country => (COUNTRIES as readonly string[]).includes(c);
const isPolicy = (p: string | undefined): p is PolicyPresetId =>
  p !== undefined && (POLICY_PRESET_IDS as readonly string[]).includes(p);

export function newBranchForm(): BranchFormValue {
  return {
    code: '',
    name: '',
    country: 'RU',
    timeZone: DEFAULT_TIME_ZONE.RU,
    language: 'ru',
    managerName: '',
    managerEmail: '',
    headOfSalesName: '',
    headOfSalesEmail: '',
    address: '',
    phone: '',
    hours: '',
    extraDaysOff: [],
    extraWorkingDays: [],
    ukraineMartialLaw: false,
    policyId: '',
  };
}

export function branchForm(b: ConsoleBranch): BranchFormValue {
  const country = isCountry(b.country) ? b.country : 'RU';
  return {
    code: b.code,
    name: b.name,
    country,
    timeZone: b.timeZone || DEFAULT_TIME_ZONE[country],
    language: isLanguage(b.language) ? b.language : 'ru',
    managerName: b.managerName,
    managerEmail: b.managerEmail,
    headOfSalesName: b.headOfSalesName,
    headOfSalesEmail: b.headOfSalesEmail,
    address: b.address ?? '',
    phone: b.phone ?? '',
    hours: b.hours ?? '',
    extraDaysOff: b.extraDaysOff ?? [],
    extraWorkingDays: b.extraWorkingDays ?? [],
    ukraineMartialLaw: b.ukraineMartialLaw ?? false,
    policyId: isPolicy(b.policyId) ? b.policyId : '',
  };
}

/** The calendar and policy fields: set by HQ from now on (they then replace the branch's own). */
function calendarPart(v: BranchFormValue) {
  return {
    extraDaysOff: v.extraDaysOff,
    extraWorkingDays: v.extraWorkingDays,
    ukraineMartialLaw: v.country === 'UA' ? v.ukraineMartialLaw : null,
    policyId: v.policyId === '' ? null : v.policyId,
  };
}

const DIRECTORY = [
  'name',
  'country',
  'timeZone',
  'language',
  'managerName',
  'managerEmail',
  'headOfSalesName',
  'headOfSalesEmail',
  'address',
  'phone',
  'hours',
] as const;

/** PATCH body: only what changed (the branch receives it with its next pull; HQ audits each change). */
export function branchPatch(before: BranchFormValue, after: BranchFormValue): BranchPatch {
  const patch: BranchPatch = {};
  for (const key of DIRECTORY) if (before[key] !== after[key]) Object.assign(patch, { [key]: after[key] });
  const was = calendarPart(before);
  const now = calendarPart(after);
  for (const key of Object.keys(now) as Array<keyof typeof now>)
    if (JSON.stringify(was[key]) !== JSON.stringify(now[key])) Object.assign(patch, { [key]: now[key] });
  return patch;
}

export function branchCreate(v: BranchFormValue): BranchCreate {
  const { code, ...rest } = v;
  return {
    ...rest,
    code: code.trim().toUpperCase(),
    ...calendarPart(v),
  };
}

export type BranchFormField = 'code' | 'name' | 'managerEmail' | 'headOfSalesEmail' | 'phone';
export type BranchFormProblem = 'invalid_branch_code' | 'required' | 'invalid_email' | 'invalid_phone';

/** What HQ would refuse, said before sending: a code of the numbering's form, a name, e-mails that are e-mails. */
export function branchFormProblems(
  v: BranchFormValue,
  creating: boolean,
): Partial<Record<BranchFormField, BranchFormProblem>> {
  const problems: Partial<Record<BranchFormField, BranchFormProblem>> = {};
  if (creating && !isValidBranchCode(v.code.trim().toUpperCase())) problems.code = 'invalid_branch_code';
  if (!v.name.trim()) problems.name = 'required';
  if (v.managerEmail.trim() && !isValidEmail(v.managerEmail.trim())) problems.managerEmail = 'invalid_email';
  if (v.headOfSalesEmail.trim() && !isValidEmail(v.headOfSalesEmail.trim()))
    problems.headOfSalesEmail = 'invalid_email';
  if (v.phone.trim() && !isValidPhone(v.phone.trim())) problems.phone = 'invalid_phone';
  return problems;
}

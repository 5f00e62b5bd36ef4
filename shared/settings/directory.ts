import { POLICY_PRESET_IDS, type PolicyPresetId } from '../deadlines/policies';
import type { BranchDirectory } from '../sync/protocol';
import type { WorkstationSettings } from './workstation';

export const DIRECTORY_FIELDS = [
  'managerName',
  'managerEmail',
  'headOfSalesName',
  'headOfSalesEmail',
] as const;
export type DirectoryField = (typeof DIRECTORY_FIELDS)[number];

/**
 * Issue 14: the calendar extras and the consideration policy HQ may set for the branch, so HQ's deadlines
 * are the branch's. Present in HQ's directory entry only once HQ has set them.
 */
export const CALENDAR_FIELDS = ['extraDaysOff', 'extraWorkingDays', 'ukraineMartialLaw', 'policyId'] as const;
export type CalendarField = (typeof CALENDAR_FIELDS)[number];

/**
 * Issue 16 item 3: how customers reach the branch, kept at HQ and printed on its documents — the directory
 * field and the workstation setting it replaces.
 */
export const CONTACT_FIELDS = [
  ['address', 'branchAddress'],
  ['phone', 'branchPhone'],
  ['hours', 'branchHours'],
] as const;

const isPolicyId = (v: unknown): v is PolicyPresetId =>
  typeof v === 'string' && (POLICY_PRESET_IDS as readonly string[]).includes(v);

/** A calendar field HQ has set, in a form this app can use (a policy this version does not know is not). */
function calendarValue(
  branch: BranchDirectory,
  f: CalendarField,
): WorkstationSettings[CalendarField] | undefined {
  const v = branch[f];
  if (v === undefined) return undefined;
  if (f === 'policyId') return isPolicyId(v) ? v : undefined;
  return v as WorkstationSettings[CalendarField];
}

/**
 * The fields HQ has set for this branch: shown read-only on the branch and never overwritten — the
 * directory fields HQ filled in, and the calendar fields HQ sends.
 */
export function hqSetFields(branch: BranchDirectory | undefined): Array<DirectoryField | CalendarField> {
  if (!branch) return [];
  return [
    ...DIRECTORY_FIELDS.filter((f) => branch[f] !== ''),
    ...CALENDAR_FIELDS.filter((f) => calendarValue(branch, f) !== undefined),
  ];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Issue 6: HQ's branch directory replaces the local manager/head-of-sales fields it sets; a field HQ leaves
 * empty keeps the local value (a branch not yet managed at HQ can still be edited here). Issue 14: likewise
 * the calendar extras and the policy HQ sets; issue 16, the address, phone and opening hours printed on the
 * branch's documents. Null: no change.
 */
export function withHqDirectory(
  settings: WorkstationSettings,
  branch: BranchDirectory,
): WorkstationSettings | null {
  const next: WorkstationSettings = { ...settings };
  let changed = false;
  for (const f of DIRECTORY_FIELDS) {
    if (branch[f] && branch[f] !== settings[f]) {
      next[f] = branch[f];
      changed = true;
    }
  }
  for (const [from, to] of CONTACT_FIELDS) {
    const v = branch[from]?.trim();
    if (v && v !== settings[to]) {
      next[to] = v;
      changed = true;
    }
  }
  for (const f of CALENDAR_FIELDS) {
    const v = calendarValue(branch, f);
    if (v !== undefined && !same(v, settings[f])) {
      (next as unknown as Record<CalendarField, unknown>)[f] = Array.isArray(v) ? [...v] : v;
      changed = true;
    }
  }
  return changed ? next : null;
}

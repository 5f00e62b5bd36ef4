import { POLICY_PRESET_IDS, type PolicyPresetId } from '../deadlines/policies';
import type { BranchDirectory } from '../sync/protocol';
import {
  parsePolicyLayer,
  POLICY_FIELDS,
  resolvePolicy,
  type PolicyField,
  type PolicyValues,
  type ResolvedPolicy,
} from './policy-layers';
import { withSettingsDefaults, type WorkstationSettings } from './workstation';
import { parseHandlingPolicyLayer } from '../handling/policy';

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
const CALENDAR_FIELDS = ['extraDaysOff', 'extraWorkingDays', 'ukraineMartialLaw', 'policyId'] as const;
type CalendarField = (typeof CALENDAR_FIELDS)[number];

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
 * The policies in force at this workstation (R10, issue 15 item 7): HQ's company and branch layers over
 * its own settings. From an HQ that sends no layers yet, the calendar fields it sends are the branch layer.
 */
export function resolvedPolicyOf(
  settings: WorkstationSettings,
  branch: BranchDirectory | undefined,
): ResolvedPolicy {
  const local = Object.fromEntries(POLICY_FIELDS.map((f) => [f, settings[f]])) as PolicyValues;
  // R10 (issue 15): the branch's own thresholds and duplicate window, as far as this version reads them.
  const own = settings.localHandling && parseHandlingPolicyLayer(settings.localHandling);
  const localHandling = own ? { localHandling: own } : {};
  if (!branch) return resolvePolicy({ local, ...localHandling });
  if (branch.policy)
    return resolvePolicy({
      company: parsePolicyLayer(branch.policy.company),
      branch: parsePolicyLayer(branch.policy.branch),
      local,
      ...localHandling,
    });
  const legacy = Object.fromEntries(
    CALENDAR_FIELDS.map((f) => [f, calendarValue(branch, f)]).filter(([, v]) => v !== undefined),
  );
  return resolvePolicy({ branch: parsePolicyLayer(legacy), local, ...localHandling });
}

/**
 * The fields HQ has set for this branch: shown read-only on the branch and never overwritten — the
 * directory fields HQ filled in, and the policy fields HQ sets and does not let the branch change.
 */
export function hqSetFields(
  branch: BranchDirectory | undefined,
  settings: WorkstationSettings = withSettingsDefaults({}),
): Array<DirectoryField | PolicyField> {
  if (!branch) return [];
  const { source } = resolvedPolicyOf(settings, branch);
  return [
    ...DIRECTORY_FIELDS.filter((f) => branch[f] !== ''),
    ...POLICY_FIELDS.filter((f) => source[f] !== 'local'),
  ];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Issue 6: HQ's branch directory replaces the local manager/head-of-sales fields it sets; a field HQ leaves
 * empty keeps the local value (a branch not yet managed at HQ can still be edited here). Issue 14 and 15
 * (R10): likewise every policy field HQ sets and does not let the branch change; issue 16, the address,
 * phone and opening hours printed on the branch's documents. Null: no change.
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
  const { values, source } = resolvedPolicyOf(settings, branch);
  for (const f of POLICY_FIELDS) {
    const v = values[f];
    if (source[f] !== 'local' && !same(v, settings[f])) {
      (next as unknown as Record<PolicyField, unknown>)[f] = Array.isArray(v) ? [...v] : v;
      changed = true;
    }
  }
  return changed ? next : null;
}

/**
 * R10 (issue 15 item 7): the branch's policies are set at HQ — for the whole company, and per branch — and
 * come down with the directory on pull. A policy layer names only what it sets; the value in force at a
 * branch is resolved here, the same way at HQ (deadlines, escalation) and at the branch (settings page,
 * compensation, the R7 warning):
 *
 *   HQ company layer → HQ branch layer (wins) → the workstation's own value, where HQ allows it.
 *
 * What HQ may let a branch PC keep its own value for (`branchMayOverride`, the branch layer's list, else the
 * company's): the feedback-book warning lead, the office hours, stricter approval thresholds and the
 * duplicate window. The recourse routes (R17) are resolved per country: the branch layer's, else the
 * company's, else the shipped table. The consideration policy, the calendar extras and the escalation delays are never
 * overridden locally once HQ sets them: HQ computes the due moments and escalates with them, and a branch
 * that counted otherwise would show a complaint as on time that HQ escalates as overdue. A field no layer
 * sets keeps the workstation's value (a branch not managed at HQ yet still works on its own settings).
 */
import { z } from 'zod';
import { POLICY_PRESET_IDS } from '../deadlines/policies';
import { recourseConfigSchema, recourseTableOf, type RecourseTable } from '../documents/recourse';
import { minutesOfDay, NUMERIC_SETTING_RANGES, type WorkstationSettings } from './workstation';
import {
  effectiveHandlingPolicy,
  handlingPolicyLayerSchema,
  type HandlingPolicy,
  type HandlingPolicyLayer,
} from '../handling/policy';

/** The workstation settings a policy layer may set. */
export const POLICY_FIELDS = [
  'extraDaysOff',
  'extraWorkingDays',
  'ukraineMartialLaw',
  'policyId',
  'bookWarnHours',
  'officeOpens',
  'officeCloses',
] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];
export type PolicyValues = Pick<WorkstationSettings, PolicyField>;

/** What HQ may allow a branch PC to set for itself (see the module comment for what it may not). */
export const POLICY_OVERRIDABLE = ['warnLead', 'officeHours', 'approvalThresholds', 'duplicates'] as const;
export type PolicyOverridable = (typeof POLICY_OVERRIDABLE)[number];

/** The group each field is overridden with (none: never overridden locally once HQ sets it). */
export const OVERRIDE_GROUP: Record<PolicyField, PolicyOverridable | null> = {
  policyId: null,
  extraDaysOff: null,
  extraWorkingDays: null,
  ukraineMartialLaw: null,
  bookWarnHours: 'warnLead',
  officeOpens: 'officeHours',
  officeCloses: 'officeHours',
};

/** The calendar extras a layer may list, at most (as the branch's own settings). */
export const MAX_POLICY_EXTRA_DAYS = 400;
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const warn = NUMERIC_SETTING_RANGES.bookWarnHours;

/** One layer as HQ stores and sends it: every field optional and bounded like the forms that edit it. */
export const policyLayerSchema = z
  .strictObject({
    policyId: z.enum(POLICY_PRESET_IDS).optional(),
    extraDaysOff: z.array(localDate).max(MAX_POLICY_EXTRA_DAYS).optional(),
    extraWorkingDays: z.array(localDate).max(MAX_POLICY_EXTRA_DAYS).optional(),
    ukraineMartialLaw: z.boolean().optional(),
    bookWarnHours: z.number().int().min(warn.min).max(warn.max).optional(),
    officeOpens: timeOfDay.optional(),
    officeCloses: timeOfDay.optional(),
    /** Approval thresholds, escalation delays, duplicate window (shared/handling/policy). */
    handling: handlingPolicyLayerSchema.omit({ branchMayOverride: true }).optional(),
    branchMayOverride: z.array(z.enum(POLICY_OVERRIDABLE)).max(POLICY_OVERRIDABLE.length).optional(),
    /**
     * R17 (issue 15): the recourse routes per country (shared/documents/recourse); never overridden at the
     * branch PC — the decision letter states them, and HQ prints the same letter.
     */
    recourse: recourseConfigSchema.optional(),
  })
  .superRefine((layer, ctx) => {
    const both = layer.extraDaysOff?.find((d) => layer.extraWorkingDays?.includes(d));
    if (both) ctx.addIssue({ code: 'custom', path: ['extraWorkingDays'], message: `${both} in both lists` });
    const opens = layer.officeOpens && minutesOfDay(layer.officeOpens);
    const closes = layer.officeCloses && minutesOfDay(layer.officeCloses);
    if (typeof opens === 'number' && typeof closes === 'number' && closes <= opens)
      ctx.addIssue({ code: 'custom', path: ['officeCloses'], message: 'closes before it opens' });
  });
export type PolicyLayer = z.infer<typeof policyLayerSchema>;

/**
 * A layer as stored or pulled, keeping what this version can read: a field it cannot (a preset a newer HQ
 * knows, say) is dropped on its own, never the layer, and never failing a pull.
 */
export function parsePolicyLayer(value: unknown): PolicyLayer {
  const parsed = policyLayerSchema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const kept: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const one = policyLayerSchema.safeParse({ [key]: v });
    if (one.success) Object.assign(kept, one.data);
  }
  // Two fields fine alone may still disagree (office hours, a date in both lists): then neither group.
  const all = policyLayerSchema.safeParse(kept);
  if (all.success) return all.data;
  for (const issue of all.error.issues) {
    const key = String(issue.path[0]);
    if (key === 'officeCloses') delete kept.officeOpens;
    if (key === 'extraWorkingDays') delete kept.extraDaysOff;
    delete kept[key];
  }
  return policyLayerSchema.parse(kept);
}

/** Where a value in force comes from. */
export type PolicySource = 'company' | 'branch' | 'local';

export interface ResolvedPolicy {
  values: PolicyValues;
  source: Record<PolicyField, PolicySource>;
  /** What the workstation may set for itself. */
  mayOverride: PolicyOverridable[];
  handling: HandlingPolicy;
  /** R17: the recourse routes in force, per country (the branch layer's, the company's, the shipped). */
  recourse: RecourseTable;
}

export interface PolicyLayers {
  company?: PolicyLayer;
  branch?: PolicyLayer;
  /** The workstation's own values (all of them: its settings). */
  local: PolicyValues;
  /** The workstation's own handling layer (thresholds, duplicates), where HQ allows it. */
  localHandling?: HandlingPolicyLayer;
}

/** The branch layer's override list, else the company's; none by default. */
export function mayOverrideOf(company?: PolicyLayer, branch?: PolicyLayer): PolicyOverridable[] {
  return [...(branch?.branchMayOverride ?? company?.branchMayOverride ?? [])];
}

/** The values in force and where each comes from (see the module comment). */
export function resolvePolicy(layers: PolicyLayers): ResolvedPolicy {
  const { company, branch, local } = layers;
  const mayOverride = mayOverrideOf(company, branch);
  const values = { ...local } as Record<PolicyField, unknown>;
  const source = {} as Record<PolicyField, PolicySource>;
  for (const field of POLICY_FIELDS) {
    const group = OVERRIDE_GROUP[field];
    const fromBranch = branch?.[field];
    const fromCompany = company?.[field];
    if (group && mayOverride.includes(group)) source[field] = 'local';
    else if (fromBranch !== undefined) [values[field], source[field]] = [fromBranch, 'branch'];
    else if (fromCompany !== undefined) [values[field], source[field]] = [fromCompany, 'company'];
    else source[field] = 'local';
  }
  const handling = effectiveHandlingPolicy({
    company: company?.handling,
    branch: { ...branch?.handling, branchMayOverride: handlingOverrides(mayOverride) },
    local: layers.localHandling,
  });
  return {
    values: values as PolicyValues,
    source,
    mayOverride,
    handling,
    recourse: recourseTableOf(company?.recourse, branch?.recourse),
  };
}

/**
 * Whether a branch PC may set its own value for a group (R10, issue 15): only where HQ allows it, and then
 * only its branch manager; otherwise why not ("set by HQ", "only the branch manager").
 */
export type OverrideAccess = 'editable' | 'set_by_hq' | 'branch_manager_only';

export function overrideAccess(
  group: PolicyOverridable,
  mayOverride: readonly PolicyOverridable[],
  role: string | undefined,
): OverrideAccess {
  if (!mayOverride.includes(group)) return 'set_by_hq';
  return role === 'branch_manager' ? 'editable' : 'branch_manager_only';
}

/** HQ's escalation delays for a branch: HQ's configured default (env), the company's, the branch's. */
export function escalationOf(
  hqDefault: HandlingPolicy['escalation'],
  company?: PolicyLayer,
  branch?: PolicyLayer,
): HandlingPolicy['escalation'] {
  return { ...hqDefault, ...company?.handling?.escalation, ...branch?.handling?.escalation };
}

function handlingOverrides(mayOverride: PolicyOverridable[]) {
  return mayOverride.filter(
    (o): o is 'approvalThresholds' | 'duplicates' => o === 'approvalThresholds' || o === 'duplicates',
  );
}

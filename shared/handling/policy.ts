/**
 * R10 (issue 15 item 7): the handling policy — approval thresholds (R16), escalation delays (R11) and the
 * duplicate window (R5) — is set at HQ per company and per branch and comes down with pull, like the
 * consideration policy and calendar extras (shared/settings/directory). The workstation's own values apply
 * only where HQ allows it (`branchMayOverride`), and then:
 *
 * - approval thresholds only downwards: a branch may ask for approval of smaller amounts, never waive it for
 *   larger ones;
 * - the duplicate window and score as set at the branch;
 * - escalation never: HQ runs it, so HQ's delays are the only ones.
 *
 * Each layer is a partial policy checked by `handlingPolicyLayerSchema` (bounded like the forms that edit
 * it); `parseHandlingPolicyLayer` drops a layer this version cannot read instead of failing a pull.
 */
import { z } from 'zod';
import { DEFAULT_APPROVAL_THRESHOLDS, type ApprovalThresholds } from './compensation';
import { DEFAULT_DUPLICATE_SETTINGS, DUPLICATE_WINDOW_RANGE, type DuplicateSettings } from './duplicates';
import { DEFAULT_ESCALATION, ESCALATION_RANGES, type EscalationSettings } from './escalation';

export interface HandlingPolicy {
  approvalThresholds: ApprovalThresholds;
  escalation: EscalationSettings;
  duplicates: DuplicateSettings;
}

export const DEFAULT_HANDLING_POLICY: HandlingPolicy = {
  approvalThresholds: DEFAULT_APPROVAL_THRESHOLDS,
  escalation: DEFAULT_ESCALATION,
  duplicates: DEFAULT_DUPLICATE_SETTINGS,
};

/** What HQ may let a branch set for itself (escalation is not among them: HQ runs it). */
export const BRANCH_OVERRIDABLE = ['approvalThresholds', 'duplicates'] as const;
export type BranchOverridable = (typeof BRANCH_OVERRIDABLE)[number];

/** Currencies a thresholds table may list. */
export const MAX_THRESHOLD_CURRENCIES = 20;
/** From which score a duplicate may be offered, at the lowest (below it nearly everything would be). */
export const DUPLICATE_MIN_SCORE_RANGE = { min: 0.3, max: 1 } as const;

const int = (r: { min: number; max: number }) => z.number().int().min(r.min).max(r.max);

export const handlingPolicyLayerSchema = z.strictObject({
  approvalThresholds: z
    .record(z.string().regex(/^[A-Z]{3}$/), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER))
    .refine((t) => Object.keys(t).length <= MAX_THRESHOLD_CURRENCIES, {
      message: `more than ${MAX_THRESHOLD_CURRENCIES} currencies`,
    })
    .optional(),
  escalation: z
    .strictObject({
      branchManagerAfterMinutes: int(ESCALATION_RANGES.branchManagerAfterMinutes),
      headOfSalesAfterHours: int(ESCALATION_RANGES.headOfSalesAfterHours),
    })
    .partial()
    .optional(),
  duplicates: z
    .strictObject({
      windowDays: int(DUPLICATE_WINDOW_RANGE),
      minScore: z.number().min(DUPLICATE_MIN_SCORE_RANGE.min).max(DUPLICATE_MIN_SCORE_RANGE.max),
    })
    .partial()
    .optional(),
  /** Set by HQ (company or branch layer); ignored in the workstation's own layer. */
  branchMayOverride: z.array(z.enum(BRANCH_OVERRIDABLE)).max(BRANCH_OVERRIDABLE.length).optional(),
});
export type HandlingPolicyLayer = z.infer<typeof handlingPolicyLayerSchema>;

/** A layer as stored or pulled; undefined when it is not one this version can read. */
export function parseHandlingPolicyLayer(value: unknown): HandlingPolicyLayer | undefined {
  const parsed = handlingPolicyLayerSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function overlay(policy: HandlingPolicy, layer: HandlingPolicyLayer | undefined): HandlingPolicy {
  if (!layer) return policy;
  return {
    approvalThresholds: { ...policy.approvalThresholds, ...layer.approvalThresholds },
    escalation: { ...policy.escalation, ...layer.escalation },
    duplicates: { ...policy.duplicates, ...layer.duplicates },
  };
}

/**
 * The policy in force at a branch: the defaults, then HQ's company layer, then HQ's branch layer, then the
 * workstation's own where HQ allows (the branch layer's `branchMayOverride`, else the company's; none by
 * default).
 */
export function effectiveHandlingPolicy(layers: {
  company?: HandlingPolicyLayer;
  branch?: HandlingPolicyLayer;
  local?: HandlingPolicyLayer;
}): HandlingPolicy {
  const hq = overlay(overlay(DEFAULT_HANDLING_POLICY, layers.company), layers.branch);
  const allowed = layers.branch?.branchMayOverride ?? layers.company?.branchMayOverride ?? [];
  const local = layers.local;
  if (!local) return hq;
  const result: HandlingPolicy = { ...hq };
  if (allowed.includes('duplicates') && local.duplicates)
    result.duplicates = { ...hq.duplicates, ...local.duplicates };
  if (allowed.includes('approvalThresholds') && local.approvalThresholds) {
    const thresholds: Record<string, number> = { ...hq.approvalThresholds };
    for (const [currency, amount] of Object.entries(local.approvalThresholds)) {
      const current = thresholds[currency];
      // Only stricter: a currency HQ set no threshold for already always needs approval.
      if (current !== undefined) thresholds[currency] = Math.min(current, amount);
    }
    result.approvalThresholds = thresholds;
  }
  return result;
}

/**
 * R15 decisions and R17 follow-ups as data, with the guards that keep a negative answer from being saved
 * without its justification and alternative.
 */
import type { RefusalReason } from './reasons';

export const DECISION_OUTCOMES = ['upheld', 'partly_upheld', 'rejected', 'unfounded'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/**
 * The fixed list an "unfounded" decision must cite (R15). `alternativeRequired: false` where offering the
 * customer an alternative makes no sense (the matter is handled elsewhere or already settled).
 */
export const UNFOUNDED_CRITERIA = [
  { id: 'not_company_responsibility', alternativeRequired: true },
  { id: 'warranty_expired', alternativeRequired: true },
  { id: 'misuse_by_customer', alternativeRequired: true },
  { id: 'claim_contradicts_evidence', alternativeRequired: true },
  { id: 'product_meets_agreed_terms', alternativeRequired: true },
  { id: 'duplicate', alternativeRequired: false },
  { id: 'already_resolved', alternativeRequired: false },
] as const;
export type UnfoundedCriterion = (typeof UNFOUNDED_CRITERIA)[number]['id'];

/** Who was found at fault. */
export const FINDINGS = [
  'employee_at_fault',
  'company_at_fault',
  'customer_at_fault',
  'third_party_at_fault',
  'no_fault_found',
] as const;
export type Finding = (typeof FINDINGS)[number];

/** R15: when the facts are missing and neither side can be proven right, the employee is taken to be at fault. */
export const FINDING_WHEN_FACTS_MISSING: Finding = 'employee_at_fault';

export interface DecisionInput {
  outcome: DecisionOutcome;
  /** Why: required for every negative answer (partly upheld, rejected, unfounded). */
  justification?: string;
  /** What the customer is offered instead: required for partly upheld and rejected, and for unfounded by criterion. */
  alternativeOffered?: string;
  unfoundedCriterion?: UnfoundedCriterion;
  /** The facts could not be established either way. */
  factsMissing?: boolean;
  finding?: Finding;
  /** Required to record a finding other than employee-at-fault when facts are missing. */
  findingOverrideReason?: string;
}

/** What is stored in the event: the decision as it will be shown and reported. */
export interface RecordedDecision {
  outcome: DecisionOutcome;
  justification?: string;
  alternativeOffered?: string;
  unfoundedCriterion?: UnfoundedCriterion;
  factsMissing: boolean;
  finding?: Finding;
  /** The finding was set by the missing-facts rule, not chosen. */
  findingDefaulted: boolean;
  findingOverrideReason?: string;
}

export const nonBlank = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0;

const NEGATIVE: readonly DecisionOutcome[] = ['partly_upheld', 'rejected', 'unfounded'];
const FAULT_ON_COMPANY_SIDE: readonly Finding[] = ['employee_at_fault', 'company_at_fault'];

export function checkDecision(
  input: DecisionInput | undefined,
): { ok: true; decision: RecordedDecision } | { ok: false; reasons: RefusalReason[] } {
  if (!input) return { ok: false, reasons: ['decision_required'] };
  const reasons: RefusalReason[] = [];
  const { outcome } = input;
  if (!(DECISION_OUTCOMES as readonly string[]).includes(outcome))
    return { ok: false, reasons: ['outcome_unknown'] };

  if (NEGATIVE.includes(outcome) && !nonBlank(input.justification)) reasons.push('justification_required');

  let alternativeRequired = outcome === 'partly_upheld' || outcome === 'rejected';
  if (outcome === 'unfounded') {
    const criterion = UNFOUNDED_CRITERIA.find((c) => c.id === input.unfoundedCriterion);
    if (input.unfoundedCriterion === undefined) reasons.push('unfounded_criterion_required');
    else if (!criterion) reasons.push('unfounded_criterion_unknown');
    alternativeRequired = criterion?.alternativeRequired ?? true;
  }
  if (alternativeRequired && !nonBlank(input.alternativeOffered)) reasons.push('alternative_required');

  const factsMissing = input.factsMissing === true;
  if (input.finding !== undefined && !(FINDINGS as readonly string[]).includes(input.finding)) {
    reasons.push('finding_unknown');
  }
  const overridden =
    factsMissing && input.finding !== undefined && input.finding !== FINDING_WHEN_FACTS_MISSING;
  if (overridden && !nonBlank(input.findingOverrideReason)) reasons.push('finding_override_reason_required');
  const finding = input.finding ?? (factsMissing ? FINDING_WHEN_FACTS_MISSING : undefined);
  // "Unfounded" says the company side did nothing wrong; a finding of our fault says the opposite.
  if (outcome === 'unfounded' && finding && FAULT_ON_COMPANY_SIDE.includes(finding)) {
    reasons.push('finding_contradicts_outcome');
  }
  if (reasons.length > 0) return { ok: false, reasons };

  const decision: RecordedDecision = {
    outcome,
    factsMissing,
    findingDefaulted: factsMissing && input.finding === undefined,
  };
  if (nonBlank(input.justification)) decision.justification = input.justification.trim();
  if (nonBlank(input.alternativeOffered)) decision.alternativeOffered = input.alternativeOffered.trim();
  if (outcome === 'unfounded') decision.unfoundedCriterion = input.unfoundedCriterion;
  if (finding) decision.finding = finding;
  if (overridden) decision.findingOverrideReason = input.findingOverrideReason!.trim();
  return { ok: true, decision };
}

/** R17: how the customer answered the follow-up. */
export const FOLLOW_UP_OUTCOMES = ['accepted', 'rejected', 'unreachable'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

export interface FollowUpInput {
  outcome: FollowUpOutcome;
  /** 1–5; required unless the customer could not be reached. */
  satisfaction?: number;
  comment?: string;
  /** R17: a customer who rejects the decision is told of internal and external recourse. */
  recourseInformed?: boolean;
}

export interface RecordedFollowUp {
  outcome: FollowUpOutcome;
  satisfaction?: number;
  comment?: string;
  recourseInformed: boolean;
}

export function checkFollowUp(
  input: FollowUpInput | undefined,
): { ok: true; followUp: RecordedFollowUp } | { ok: false; reasons: RefusalReason[] } {
  if (!input) return { ok: false, reasons: ['follow_up_required'] };
  if (!(FOLLOW_UP_OUTCOMES as readonly string[]).includes(input.outcome)) {
    return { ok: false, reasons: ['follow_up_outcome_unknown'] };
  }
  const reasons: RefusalReason[] = [];
  if (input.outcome !== 'unreachable') {
    if (input.satisfaction === undefined) reasons.push('satisfaction_required');
    else if (!Number.isInteger(input.satisfaction) || input.satisfaction < 1 || input.satisfaction > 5) {
      reasons.push('satisfaction_out_of_range');
    }
  }
  if (input.outcome === 'rejected' && input.recourseInformed !== true)
    reasons.push('recourse_notice_required');
  if (reasons.length > 0) return { ok: false, reasons };
  const followUp: RecordedFollowUp = {
    outcome: input.outcome,
    recourseInformed: input.recourseInformed === true,
  };
  if (input.satisfaction !== undefined && input.outcome !== 'unreachable')
    followUp.satisfaction = input.satisfaction;
  if (nonBlank(input.comment)) followUp.comment = input.comment.trim();
  return { ok: true, followUp };
}

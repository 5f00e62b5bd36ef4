/**
 * Why a transition was refused: machine-readable codes, translated by the UI (locales/<lng>/lifecycle.json)
 * and sent to the branch by HQ when it rejects a synced status change.
 */
export const REFUSAL_REASONS = [
  // the move itself
  'transition_not_allowed',
  'stale_status',
  'actor_required',
  'time_invalid',
  // decide (R15)
  'decision_required',
  'outcome_unknown',
  'justification_required',
  'alternative_required',
  'unfounded_criterion_required',
  'unfounded_criterion_unknown',
  'finding_unknown',
  'finding_override_reason_required',
  'finding_contradicts_outcome',
  // follow-up and close (R17)
  'follow_up_required',
  'follow_up_outcome_unknown',
  'satisfaction_required',
  'satisfaction_out_of_range',
  'recourse_notice_required',
  'customer_rejected_decision',
  // reopen (R12)
  'reopen_reason_required',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

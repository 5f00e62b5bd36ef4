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
  // issue 15 — lifecycle guards (R5, R16)
  'complaint_merged',
  'compensation_approval_pending',
  'compensation_refused',
  'open_tasks',
  // corrections and re-assessment (R3, R13)
  'change_reason_required',
  'change_empty',
  'change_field_not_allowed',
  'change_value_invalid',
  // callbacks (R4)
  'callback_time_invalid',
  'callback_in_past',
  'callback_too_far',
  'callback_phone_invalid',
  'callback_not_pending',
  // attachments and later information (R3, R5)
  'attachment_empty',
  'attachment_too_large',
  'attachment_type_not_allowed',
  'attachment_limit_reached',
  'attachment_unknown',
  'info_text_required',
  // merge (R5)
  'merge_same_complaint',
  'merge_already_merged',
  'merge_survivor_closed',
  'merge_confidential_mismatch',
  'merge_other_branch',
  'merge_open_work',
  // hand-offs (R14)
  'complaint_closed',
  'handoff_reason_required',
  'already_with_head_of_sales',
  'senior_required',
  'senior_reason_unknown',
  // compensation and approval (R16)
  'compensation_needs_decision',
  'compensation_answers_required',
  'compensation_amount_invalid',
  'compensation_currency_invalid',
  'approval_not_pending',
  'approver_role_required',
  'approval_by_decider',
  'approval_refusal_reason_required',
  // department tasks (R16)
  'task_text_required',
  'task_owner_required',
  'task_due_date_invalid',
  'task_department_unknown',
  'task_unknown',
  'task_status_unchanged',
  'task_note_required',
  // recourse (R17)
  'recourse_routes_required',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

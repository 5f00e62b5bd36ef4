import type { Complaint, ComplaintStatus } from '../../../shared/complaints/model';
import type { ConsoleAction } from '../../../shared/console/protocol';
import { REFUSAL_REASONS, transition, type RefusalReason } from '../../../shared/lifecycle';
import type { StepExtra } from '../../ui/lifecycle/StepsPanel';
import { ConsoleApiError } from '../api/errors';

/**
 * A lifecycle step at HQ, checked first by the same shared/lifecycle rules the branch applies (R12, R15,
 * R17): refused here in words, before anything is sent; HQ checks again and has the last word.
 */
export function checkStep(
  complaint: { status: ComplaintStatus; progress: Pick<Complaint['progress'], 'followUpOutcome'> },
  to: ComplaintStatus,
  extra: StepExtra,
  actor: string,
  now: Date,
): RefusalReason[] | undefined {
  const result = transition(
    { status: complaint.status, followUpOutcome: complaint.progress.followUpOutcome },
    { to, actor, now, expectedFrom: complaint.status, ...extra },
  );
  return result.ok ? undefined : result.reasons;
}

/** The body of POST …/events for a step: what the user saw (`from`) travels too, so a change meanwhile is refused. */
export function transitionAction(
  from: ComplaintStatus,
  to: ComplaintStatus,
  extra: StepExtra,
): ConsoleAction {
  const action: Extract<ConsoleAction, { type: 'transition' }> = { type: 'transition', from, to };
  if (extra.reason?.trim()) action.reason = extra.reason.trim();
  if (extra.note?.trim()) action.note = extra.note.trim();
  if (extra.decision) {
    const d = extra.decision;
    action.decision = {
      outcome: d.outcome,
      ...(d.justification?.trim() ? { justification: d.justification.trim() } : {}),
      ...(d.alternativeOffered?.trim() ? { alternativeOffered: d.alternativeOffered.trim() } : {}),
      ...(d.unfoundedCriterion ? { unfoundedCriterion: d.unfoundedCriterion } : {}),
      ...(d.factsMissing !== undefined ? { factsMissing: d.factsMissing } : {}),
      ...(d.finding ? { finding: d.finding } : {}),
      ...(d.findingOverrideReason?.trim() ? { findingOverrideReason: d.findingOverrideReason.trim() } : {}),
    };
  }
  if (extra.followUp) {
    const f = extra.followUp;
    action.followUp = {
      outcome: f.outcome,
      ...(f.satisfaction !== undefined ? { satisfaction: f.satisfaction } : {}),
      ...(f.comment?.trim() ? { comment: f.comment.trim() } : {}),
      ...(f.recourseInformed !== undefined ? { recourseInformed: f.recourseInformed } : {}),
    };
  }
  return action;
}

/**
 * HQ refuses a step with the shared refusal codes (`reasons` beside `{code, message}`: 422 for the rules, 409
 * `stale_status` when the complaint moved meanwhile): those are shown in words like the console's own check;
 * other errors are not refusals.
 */
export function refusalsIn(error: unknown): RefusalReason[] | undefined {
  if (!(error instanceof ConsoleApiError) || error.status >= 500 || error.status === 401) return undefined;
  const given = new Set(error.reasons ?? `${error.code} ${error.message}`.split(/[^a-z_]+/));
  const found = REFUSAL_REASONS.filter((r) => given.has(r));
  return found.length > 0 ? found : undefined;
}

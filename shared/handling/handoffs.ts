/**
 * R14 hand-offs started at the branch:
 *
 * - `passed_to_head_of_sales`: the employee cannot resolve it with the customer present. The complaint goes
 *   into the head of sales' queue at HQ (progress `passedToHeadOfSalesAt`, `escalatedAt`); the head of sales
 *   becomes its owner by taking it over (people-hq's `owner_changed`, shared/lifecycle/ownership) — the
 *   branch does not know HQ users, so it never names the owner itself. Escalations of its deadlines go to the
 *   head of sales directly (shared/handling/escalation).
 * - `handed_to_senior`: a threatening or insulting customer is handed to a senior colleague at the branch,
 *   recorded with who took over and why (progress `senior`).
 */
import type { Milestones, ComplaintStatus } from '../complaints/model';
import { LIMITS } from '../complaints/validation';
import type { RefusalReason } from '../lifecycle/reasons';
import { SENIOR_HANDOVER_REASONS, type SeniorHandoverReason } from './codes';

export interface PassToHeadOfSalesData extends Record<string, unknown> {
  /** Why it cannot be resolved at the branch with the customer present. */
  reason: string;
}

export function checkPassToHeadOfSales(
  subject: {
    status: ComplaintStatus;
    progress: Pick<Milestones, 'passedToHeadOfSalesAt' | 'owner' | 'mergedInto'>;
  },
  reason: string,
): { ok: true; data: PassToHeadOfSalesData } | { ok: false; reasons: RefusalReason[] } {
  const reasons: RefusalReason[] = [];
  if (subject.progress.mergedInto) reasons.push('complaint_merged');
  if (subject.status === 'closed') reasons.push('complaint_closed');
  // Passed already, or owned at HQ. Given back to the branch (`owner_changed` to null) it may go again.
  if (subject.progress.passedToHeadOfSalesAt || subject.progress.owner)
    reasons.push('already_with_head_of_sales');
  const text = reason.trim();
  if (text === '') reasons.push('handoff_reason_required');
  else if (text.length > LIMITS.note) reasons.push('change_value_invalid');
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, data: { reason: text } };
}

export interface HandToSeniorData extends Record<string, unknown> {
  seniorName: string;
  seniorId?: string;
  reason: SeniorHandoverReason;
  note?: string;
}

export function checkHandToSenior(
  subject: { status: ComplaintStatus; progress: Pick<Milestones, 'mergedInto'> },
  input: { seniorName: string; seniorId?: string; reason: string; note?: string },
  actor: { name: string; id?: string },
): { ok: true; data: HandToSeniorData } | { ok: false; reasons: RefusalReason[] } {
  const reasons: RefusalReason[] = [];
  if (subject.progress.mergedInto) reasons.push('complaint_merged');
  if (subject.status === 'closed') reasons.push('complaint_closed');
  const name = input.seniorName.trim();
  const same =
    (input.seniorId !== undefined && input.seniorId === actor.id) ||
    name.toLocaleLowerCase() === actor.name.trim().toLocaleLowerCase();
  if (name === '' || same) reasons.push('senior_required');
  else if (name.length > LIMITS.person) reasons.push('change_value_invalid');
  if (!(SENIOR_HANDOVER_REASONS as readonly string[]).includes(input.reason))
    reasons.push('senior_reason_unknown');
  const note = input.note?.trim();
  if (note && note.length > LIMITS.note) reasons.push('change_value_invalid');
  if (reasons.length > 0) return { ok: false, reasons };
  return {
    ok: true,
    data: {
      seniorName: name,
      ...(input.seniorId ? { seniorId: input.seniorId } : {}),
      reason: input.reason as SeniorHandoverReason,
      ...(note ? { note } : {}),
    },
  };
}

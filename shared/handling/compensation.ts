/**
 * R16: compensation. The decision aid's questions are answered and recorded with the decision
 * (`compensation_decided`, written right after the `decide` transition, while the complaint is `decided`);
 * the amount is integer minor units with an ISO 4217 currency (shared/documents/money). Above the approval
 * threshold of its currency it waits for approval by the branch manager or the head of sales
 * (`compensation_approved` / `compensation_refused`); until then the customer is not informed
 * (shared/lifecycle guard `compensation_approval_pending`). A refused compensation is decided again, or the
 * decision reopened. A new `compensation_decided` replaces the one in force; a reopening voids it.
 *
 * The threshold is per currency, configurable (HQ's policy: shared/handling/policy). The branch decides
 * `approvalRequired` with the thresholds it has and records it in the event. HQ never refuses the decision
 * for its threshold (one changed at HQ while the branch was offline must not undo a decision taken there),
 * but a PC may only be stricter than HQ: where HQ's threshold asks for approval the event did not, HQ adds
 * `compensation_approval_required` and the decision waits for approval like any other (`hqApprovalNeeded`).
 */
import { isMoney, minorDigits, type Money } from '../documents/money';
import type { ComplaintStatus, Milestones } from '../complaints/model';
import { LIMITS } from '../complaints/validation';
import type { Country } from '../settings/workstation';
import type { RefusalReason } from '../lifecycle/reasons';
import {
  AID_ANSWERS,
  COMPENSATION_FORMS,
  COMPENSATION_QUESTIONS,
  type AidAnswer,
  type ApproverRole,
  type CompensationForm,
  type CompensationQuestion,
} from './codes';

/**
 * Amounts above which a compensation needs approval, in minor units per currency: RUB 5 000.00, UAH 2 000.00,
 * CZK 2 500.00, KRW 100 000 (the won has no minor unit), EUR and USD 100.00. A currency not listed always
 * needs approval (nobody has said how much is little in it).
 */
export type ApprovalThresholds = Readonly<Record<string, number>>;
export const DEFAULT_APPROVAL_THRESHOLDS: ApprovalThresholds = {
  RUB: 500_000,
  UAH: 200_000,
  CZK: 250_000,
  KRW: 100_000,
  EUR: 10_000,
  USD: 10_000,
};

/** R16: above the threshold (not at it) the decision waits for approval. */
export function requiresApproval(
  amount: Money,
  thresholds: ApprovalThresholds = DEFAULT_APPROVAL_THRESHOLDS,
): boolean {
  const limit = thresholds[amount.currency];
  return limit === undefined || amount.amountMinor > limit;
}

/** The threshold of a currency, as money (undefined: every amount needs approval). */
export function approvalThreshold(
  currency: string,
  thresholds = DEFAULT_APPROVAL_THRESHOLDS,
): Money | undefined {
  const limit = thresholds[currency];
  return limit === undefined ? undefined : { amountMinor: limit, currency };
}

/**
 * R16 at HQ: a compensation decided without approval whose amount is above HQ's threshold for the branch
 * (or in a currency HQ has none for) needs it after all. The answer is what HQ records in
 * `compensation_approval_required` (`threshold` absent: HQ has none for the currency); undefined when the
 * decision already waits for approval or HQ's threshold allows it.
 */
export function hqApprovalNeeded(
  decided: { amount: Money; approvalRequired: boolean },
  hqThresholds: ApprovalThresholds,
): { threshold?: Money } | undefined {
  if (decided.approvalRequired || !requiresApproval(decided.amount, hqThresholds)) return undefined;
  const threshold = approvalThreshold(decided.amount.currency, hqThresholds);
  return threshold ? { threshold } : {};
}

/** Parses "1 500,50" / "1500.5" typed in a currency into minor units; undefined when it is not an amount. */
export function parseAmount(text: string, currency: string): number | undefined {
  const digits = minorDigits(currency);
  const clean = text.replace(/[\s\u00a0\u202f']/g, '').replace(',', '.');
  const m = /^(\d{1,13})(?:\.(\d*))?$/.exec(clean);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  if (frac.length > digits) return undefined;
  const value = Number(m[1]) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(value) ? value : undefined;
}

/** The aid's answers: a yes/no/don't-know for each question, and how much the company is at fault. */
export type CompensationAnswers = Record<CompensationQuestion, AidAnswer> & {
  /** 0 (not at all) … 100 (entirely), in steps the form offers (0, 25, 50, 75, 100). */
  companyFaultPercent: number;
};

export interface CompensationInput {
  answers: Partial<CompensationAnswers>;
  amount: Money;
  form: CompensationForm;
  note?: string;
}

export interface CompensationDecidedData extends Record<string, unknown> {
  compensationId: string;
  answers: CompensationAnswers;
  amount: Money;
  form: CompensationForm;
  note?: string;
  approvalRequired: boolean;
  /** The threshold it was compared with (absent: the currency had none, so approval was required). */
  threshold?: Money;
}

/**
 * R16: a compensation is decided with a decision in force (status `decided`), every question answered
 * (don't-know is an answer), a non-negative whole amount in a three-letter currency, and a known form.
 */
export function checkCompensation(
  subject: { status: ComplaintStatus; progress: Pick<Milestones, 'mergedInto'> },
  input: CompensationInput,
  compensationId: string,
  thresholds: ApprovalThresholds = DEFAULT_APPROVAL_THRESHOLDS,
): { ok: true; data: CompensationDecidedData } | { ok: false; reasons: RefusalReason[] } {
  const reasons: RefusalReason[] = [];
  if (subject.progress.mergedInto) reasons.push('complaint_merged');
  if (subject.status !== 'decided') reasons.push('compensation_needs_decision');
  const a = input.answers;
  const answered = COMPENSATION_QUESTIONS.every((q) =>
    (AID_ANSWERS as readonly string[]).includes(a[q] ?? ''),
  );
  const fault = a.companyFaultPercent;
  if (!answered || !(Number.isInteger(fault) && fault! >= 0 && fault! <= 100))
    reasons.push('compensation_answers_required');
  if (!/^[A-Z]{3}$/.test(input.amount.currency)) reasons.push('compensation_currency_invalid');
  else if (!isMoney(input.amount)) reasons.push('compensation_amount_invalid');
  if (!(COMPENSATION_FORMS as readonly string[]).includes(input.form)) reasons.push('change_value_invalid');
  const note = input.note?.trim();
  if (note && note.length > LIMITS.note) reasons.push('change_value_invalid');
  if (reasons.length > 0) return { ok: false, reasons };
  const threshold = approvalThreshold(input.amount.currency, thresholds);
  return {
    ok: true,
    data: {
      compensationId,
      answers: a as CompensationAnswers,
      amount: { amountMinor: input.amount.amountMinor, currency: input.amount.currency },
      form: input.form,
      ...(note ? { note } : {}),
      approvalRequired: requiresApproval(input.amount, thresholds),
      ...(threshold ? { threshold } : {}),
    },
  };
}

export interface ApprovalAnswerData extends Record<string, unknown> {
  compensationId: string;
  approverRole: ApproverRole;
  /** Required to refuse; optional to approve. */
  reason?: string;
}

/**
 * R16: approving or refusing the compensation in force: it must be pending, the approver a branch manager
 * (at the branch or in the console) or the head of sales, not the person who decided it, and a refusal says
 * why. `decidedBy` is the decide event's actor id, when known.
 */
export function checkApprovalAnswer(
  progress: Pick<Milestones, 'compensation'>,
  answer: { approve: boolean; reason?: string },
  approver: { role: string; id?: string },
  decidedBy?: string,
): { ok: true; data: ApprovalAnswerData } | { ok: false; reasons: RefusalReason[] } {
  const reasons: RefusalReason[] = [];
  const c = progress.compensation;
  if (!c || c.approval !== 'pending') reasons.push('approval_not_pending');
  const role = approver.role === 'manager' ? 'branch_manager' : approver.role;
  if (role !== 'branch_manager' && role !== 'head_of_sales') reasons.push('approver_role_required');
  if (approver.id !== undefined && decidedBy !== undefined && approver.id === decidedBy)
    reasons.push('approval_by_decider');
  const reason = answer.reason?.trim();
  if (!answer.approve && !reason) reasons.push('approval_refusal_reason_required');
  if (reason && reason.length > LIMITS.note) reasons.push('change_value_invalid');
  if (reasons.length > 0 || !c) return { ok: false, reasons };
  return {
    ok: true,
    data: { compensationId: c.id, approverRole: role as ApproverRole, ...(reason ? { reason } : {}) },
  };
}

/** The currency a branch decides compensation in by default: its country's (the form may pick another). */
export const COUNTRY_CURRENCY = { RU: 'RUB', UA: 'UAH', CZ: 'CZK', KR: 'KRW' } as const satisfies Record<
  Country,
  string
>;

/**
 * Issue 15: the code lists of handling a complaint to the end, as data. A leaf module (it imports nothing),
 * so the complaint model, the event schemas and the rules can all use it without an import cycle. Every code
 * has its label in locales/<lng>/handling.json.
 */

/** R4: the conversation guide, in the order of a conversation. */
export const CONVERSATION_STEPS = ['greeting', 'listen', 'clarify', 'apologise', 'explain', 'thank'] as const;
export type ConversationStep = (typeof CONVERSATION_STEPS)[number];

/** R4: how a promised callback went. `not_reached`: tried, nobody answered (promise a new one). */
export const CALLBACK_OUTCOMES = ['reached', 'not_reached'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/** R3, R5: what an attached file is. */
export const ATTACHMENT_KINDS = ['photo', 'scan', 'pdf', 'eml', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** R5: how later information reached us (a subset of the intake channels: no book, no internal register). */
export const INFO_CHANNELS = ['in_person', 'phone', 'email', 'web', 'post', 'hotline'] as const;
export type InfoChannel = (typeof INFO_CHANNELS)[number];

/** R11: the escalation ladder, in order. */
export const ESCALATION_STEPS = ['branch_manager', 'head_of_sales'] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];

/** R14: why a customer was handed to a senior colleague. */
export const SENIOR_HANDOVER_REASONS = ['threatening', 'insulting'] as const;
export type SeniorHandoverReason = (typeof SENIOR_HANDOVER_REASONS)[number];

/** R16: the decision aid's yes/no questions (the company's policy), in the order they are asked. */
export const COMPENSATION_QUESTIONS = [
  'longTermCustomer',
  'willBuyAgain',
  'reputationEffect',
  'demandsReasonable',
] as const;
export type CompensationQuestion = (typeof COMPENSATION_QUESTIONS)[number];
/** An answer may be "don't know": the aid is a record of the reasoning, never a gate on R1. */
export const AID_ANSWERS = ['yes', 'no', 'unknown'] as const;
export type AidAnswer = (typeof AID_ANSWERS)[number];

/** R16: what the compensation is. */
export const COMPENSATION_FORMS = [
  'refund',
  'replacement',
  'repair',
  'discount',
  'voucher',
  'gift',
  'other',
] as const;
export type CompensationForm = (typeof COMPENSATION_FORMS)[number];

/** R16: where a compensation stands. `not_required`: at or below the threshold. */
export const APPROVAL_STATES = ['not_required', 'pending', 'approved', 'refused'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/** Who may approve a compensation above the threshold (R16: "leadership approves"). */
export const APPROVER_ROLES = ['branch_manager', 'head_of_sales'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

/** R16: departments that must act on a decision. */
export const DEPARTMENTS = ['warehouse', 'transport', 'production', 'service', 'finance', 'other'] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** R16: a department task's state. Cancelled: created by mistake or no longer needed (with a note). */
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

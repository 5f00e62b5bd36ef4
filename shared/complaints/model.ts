import type { FollowUpOutcome, RecordedDecision } from '../lifecycle/decision';

/**
 * The complaint as the branch records it (SPEC R1–R3). Pure data: shared by the renderer, HQ and the
 * sync protocol. Labels for every code below live in locales/<lng>/complaints.json.
 */

/** R2: every way a complaint can reach the company. `internal` is the confidential register. */
export const CHANNELS = [
  'feedback_book',
  'in_person',
  'phone',
  'email',
  'web',
  'post',
  'questionnaire',
  'hotline',
  'internal',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** R12: the lifecycle, in order. Transitions and their guards live in shared/lifecycle. */
export const STATUSES = [
  'received',
  'registered',
  'in_review',
  'decided',
  'customer_informed',
  'follow_up',
  'closed',
] as const;
export type ComplaintStatus = (typeof STATUSES)[number];

/** R13 */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = [
  'product_quality',
  'service_quality',
  'staff_conduct',
  'delivery',
  'billing',
  'warranty_return',
  'health_safety',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** R3: the customer's preferred way to be answered. */
export const CONTACT_METHODS = ['phone', 'email', 'post', 'in_person'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export interface Customer {
  name: string;
  phone: string;
  email: string;
  address: string;
  preferredContact: ContactMethod | '';
}

/** What the complaint is about (R3: product / service / employee concerned). */
export interface Concerns {
  product: string;
  service: string;
  employee: string;
}

/** What the employee types in; everything else is filled in by the app. */
export interface ComplaintInput {
  channel: Channel;
  /** ISO instant the complaint reached the company (a letter may be registered days later). */
  receivedAt: string;
  customer: Customer;
  /** Why no way to reach the customer is recorded (anonymous entry, customer declined…). */
  noContactReason: string;
  /** What happened, in the customer's words. */
  description: string;
  /** The remedy the customer asks for. */
  remedy: string;
  concerns: Concerns;
  category: Category;
  severity: Severity;
  healthAndSafety: boolean;
  /** Consent to process personal data (R3); required whenever personal data is recorded. */
  consent: boolean;
}

export interface Complaint extends ComplaintInput {
  /** Client-generated UUIDv7: the identity across devices and HQ. */
  id: string;
  /** Human-readable, unique per company: see shared/complaints/numbering.ts. */
  number: string;
  branchCode: string;
  status: ComplaintStatus;
  /** Employee at the counter who registered it. */
  receivedBy: string;
  /** Internal complaints are kept in a confidential register (R2, R24). */
  confidential: boolean;
  /** ISO instant of registration in the app. */
  registeredAt: string;
  updatedAt: string;
  /** Lower-case words of the number, name and text: the multi-entry search index. */
  searchWords: string[];
  /**
   * Where the complaint stands, replayed from its history (shared/lifecycle milestonesFromEvents) and kept
   * on the record in the same transaction as each event, so a list can show deadlines without the history.
   */
  progress: Milestones;
}

/**
 * Where a complaint stands, replayed from its history by shared/lifecycle `milestonesFromEvents`. Part of the
 * stored record, so it is declared with it (the lifecycle and the deadline engine build on this model, not
 * the other way round).
 */
export interface Milestones {
  status: ComplaintStatus;
  /** R12: registration is the acknowledgement. */
  acknowledgedAt?: string;
  /** R10: first preliminary answer to a written complaint. */
  preliminaryAnswerAt?: string;
  decidedAt?: string;
  customerInformedAt?: string;
  followUpDoneAt?: string;
  closedAt?: string;
  /** Latest reopening; decision, informing and follow-up before it no longer count. */
  reopenedAt?: string;
  reopenCount: number;
  /** The final-answer term was extended (with notice to the customer). */
  termExtended?: boolean;
  decision?: RecordedDecision;
  followUpOutcome?: FollowUpOutcome;
  /** R14: who at HQ is responsible for the complaint now (the latest `owner_changed`); absent: the branch. */
  owner?: ComplaintOwner;
  /** R14: when the complaint was first taken to HQ (escalated); it stays escalated. */
  escalatedAt?: string;
}

/** R14: the HQ user responsible for a complaint, as named when they took it. */
export interface ComplaintOwner {
  id: string;
  name: string;
}

/** R12/R24: the append-only history of a complaint. Never updated, never deleted. */
export const EVENT_TYPES = [
  'created',
  'note_added',
  'status_changed',
  /** R10: the customer was thanked and given a preliminary answer (written complaints). */
  'preliminary_answer_sent',
  /** The final-answer term was extended with notice to the customer (e.g. Ukraine: up to 45 days). */
  'term_extended',
  /** R6: a feedback-book entry (photographed pages) was attached to this complaint; data { entryId, pages }. */
  'book_entry_linked',
  /**
   * R14: someone at HQ became responsible for the complaint (the head of sales took it over); data
   * { owner: { id, name } | null, escalated } — `escalated` when it was taken from the branch to HQ.
   */
  'owner_changed',
] as const;
export type ComplaintEventType = (typeof EVENT_TYPES)[number];

export interface ComplaintEvent {
  id: string;
  complaintId: string;
  type: ComplaintEventType;
  /** ISO instant (client clock; HQ assigns the authoritative order on sync). */
  at: string;
  /** Who did it: the employee's (or HQ user's) name as it was then. */
  actor: string;
  /** Issue 14: the signed-in employee's or HQ user's id; absent on events recorded before sign-in existed. */
  actorId?: string;
  /** Type-specific details, e.g. { text } for a note, { from, to, transition } for a status change. */
  data: Record<string, unknown>;
}

export function emptyComplaintInput(channel: Channel, receivedAt: Date): ComplaintInput {
  return {
    channel,
    receivedAt: receivedAt.toISOString(),
    customer: { name: '', phone: '', email: '', address: '', preferredContact: '' },
    noContactReason: '',
    description: '',
    remedy: '',
    concerns: { product: '', service: '', employee: '' },
    category: 'other',
    severity: 'medium',
    healthAndSafety: false,
    consent: false,
  };
}

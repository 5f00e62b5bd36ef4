import type { FollowUpOutcome, RecordedDecision } from '../lifecycle/decision';
import type { HandlingMilestones } from '../handling/milestones';
import type { Language } from '../settings/languages';

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

/**
 * R13: how fast the complaint must be acted on, next to how bad it is (severity) and what it is about
 * (category). Complaints registered before issue 15 have none: they count as DEFAULT_URGENCY_LEVEL.
 * Named `urgencyLevel`, not `urgency`: the branch database stores its list keys as `urgency` beside the
 * record (renderer/db/listKeys.ts, issue 17: when a deadline is due), a different thing.
 */
export const URGENCY_LEVELS = ['low', 'normal', 'high', 'immediate'] as const;
export type UrgencyLevel = (typeof URGENCY_LEVELS)[number];
export const DEFAULT_URGENCY_LEVEL: UrgencyLevel = 'normal';

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
  /** R13 (issue 15). Optional: absent on complaints (and drafts) saved before it existed — DEFAULT_URGENCY_LEVEL. */
  urgencyLevel?: UrgencyLevel;
  healthAndSafety: boolean;
  /** Consent to process personal data (R3); required whenever personal data is recorded. */
  consent: boolean;
  /**
   * R9, R25 (issue 16): the language the customer's documents and e-mail copies are in, chosen at
   * registration (the branch's language unless the customer asks for another). Absent on complaints
   * registered before it existed: those fall back to the branch's language (customerLanguageOf).
   */
  customerLanguage?: Language;
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
export interface Milestones extends HandlingMilestones {
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
  // Issue 15: handling a complaint to the end. Each type's `data` has a zod schema in
  // shared/handling/event-data.ts (HANDLING_EVENT_DATA), checked wherever events are checked.
  /** R4: the conversation guide's ticked steps for an oral or phone complaint. */
  'conversation_aid_recorded',
  /** R4: a callback promised for a date and time (due moment `callback` until done). */
  'callback_promised',
  /** R4: the promised callback was made (the customer reached, or not). */
  'callback_done',
  /** R3: registered fields corrected, with a reason; each change has before and after. */
  'fields_corrected',
  /** R3, R5: a photo, scan, PDF, e-mail or other file attached (content-addressed, synced once). */
  'attachment_added',
  /** R3: an attached file taken off the complaint (with why); its bytes stay at HQ for the record. */
  'attachment_removed',
  /** R5: later information from the customer on the same matter (not a staff note). */
  'customer_info_added',
  /** R5: this complaint was merged into another (the survivor); it is a reference from now on. */
  'merged_into',
  /** R5: another complaint was merged into this one; its number stays searchable here. */
  'merged_from',
  /** R13: urgency, severity, category or the health-and-safety flag re-assessed, with a reason. */
  'assessment_changed',
  /** R11: HQ escalated an overdue due moment (to the branch manager, then the head of sales). HQ only. */
  'escalated',
  /** R14: the employee could not resolve it with the customer present: passed to the head of sales. */
  'passed_to_head_of_sales',
  /** R14: a threatening or insulting customer was handed to a senior colleague. */
  'handed_to_senior',
  /** R16: compensation decided with the decision aid's answers; may await approval. */
  'compensation_decided',
  /**
   * R16: HQ's threshold for the branch is below the amount of a compensation decided without approval (a PC
   * whose own threshold was higher than HQ allows): the decision stands and now waits for approval. HQ only.
   */
  'compensation_approval_required',
  /** R16: a compensation above the threshold approved (branch manager or head of sales). */
  'compensation_approved',
  /** R16: a compensation above the threshold refused (with a reason). */
  'compensation_refused',
  /** R16: a task for a department (warehouse, transport…) created from the decision. */
  'task_created',
  /** R16: a department task done, reopened or cancelled. */
  'task_status_changed',
  /** R17: the customer was told of the internal and external recourse routes. */
  'recourse_explained',
  /** Issue 16: a customer document printed (which, on which paper, in which language). */
  'document_printed',
  /** Issue 16: HQ e-mailed a customer document as PDF. HQ only. */
  'document_emailed',
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
    urgencyLevel: DEFAULT_URGENCY_LEVEL,
    healthAndSafety: false,
    consent: false,
  };
}

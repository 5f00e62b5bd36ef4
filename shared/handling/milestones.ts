/**
 * Issue 15: what lists, queues and guards need to know about handling without reading the history. Part of
 * a complaint's `progress` (shared/complaints/model `Milestones` extends it), replayed from the events by
 * shared/lifecycle `milestonesFromEvents` (the handling part: shared/handling/replay.ts).
 *
 * Every field is optional: records and HQ pulls from before issue 15 stay valid, and "absent" always means
 * "nothing of the kind happened". Types only, importing only leaf modules, so the model can extend it.
 */
import type { Money } from '../documents/money';
import type {
  ApprovalState,
  ApproverRole,
  CompensationForm,
  EscalationStep,
  SeniorHandoverReason,
} from './codes';

/** R4: the callback promised and not yet made. A new promise replaces (reschedules) an earlier one. */
export interface PendingCallback {
  id: string;
  /** ISO instant, chosen in the branch's zone. */
  dueAt: string;
  phone: string;
  /** When it was promised. */
  at: string;
}

/** R11: one escalation step HQ took for one due moment. */
export interface EscalationRecord {
  step: EscalationStep;
  /** shared/handling/escalation `dueKeyOf`: which due moment (kind, cycle or callback id). */
  dueKey: string;
  /** The due moment's kind (shared/deadlines DueKind; a plain string, so a newer kind never fails a replay). */
  dueKind: string;
  /** When HQ escalated. */
  at: string;
  /** Whom it went to, as HQ's directory named them then. */
  toName: string;
}

/** R14: the colleague a threatening or insulting customer was handed to. */
export interface SeniorHandover {
  name: string;
  id?: string;
  reason: SeniorHandoverReason;
  at: string;
}

/** R16: the compensation in force (the latest decided since the last reopening). */
export interface CompensationState {
  id: string;
  amount: Money;
  form: CompensationForm;
  approval: ApprovalState;
  decidedAt: string;
  /** When it was approved or refused, and in which role. */
  answeredAt?: string;
  answeredBy?: ApproverRole;
}

/** R5: the other side of a merge. */
export interface MergeRef {
  id: string;
  number: string;
}

export interface HandlingMilestones {
  /** R4 */
  callback?: PendingCallback;
  /** R11: every escalation step taken, in HQ's order. */
  escalations?: EscalationRecord[];
  /** R14: when the employee passed it to the head of sales (it is then in HQ's queue). */
  passedToHeadOfSalesAt?: string;
  /** R14 */
  senior?: SeniorHandover;
  /** R16 */
  compensation?: CompensationState;
  /** R16: department tasks neither done nor cancelled. Closing needs 0. */
  openTasks?: number;
  /** R5: this complaint is a reference to the survivor it was merged into. */
  mergedInto?: MergeRef;
  /** R5: complaints merged into this one: their numbers are searchable here. */
  mergedFrom?: MergeRef[];
  /** R17: when the recourse routes were last explained to the customer. */
  recourseExplainedAt?: string;
  /** R3, R5: how many files are attached. */
  attachments?: number;
}

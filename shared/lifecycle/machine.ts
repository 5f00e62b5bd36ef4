/**
 * The complaint lifecycle (R12): received → registered (acknowledged) → in review → decided → customer informed
 * → follow-up done → closed, and reopening. A transition is a pure function: the current state and a request
 * in, either the event to append or the reasons it is refused out. Refusals are data, never exceptions.
 */
import type { ComplaintEvent, ComplaintStatus, Milestones } from '../complaints/model';
import { STATUSES } from '../complaints/model';
import {
  checkDecision,
  checkFollowUp,
  nonBlank,
  type DecisionInput,
  type FollowUpInput,
  type FollowUpOutcome,
  type RecordedDecision,
  type RecordedFollowUp,
} from './decision';
import type { RefusalReason } from './reasons';

export const INITIAL_STATUS: ComplaintStatus = 'received';

export const TRANSITION_NAMES = [
  'register',
  'start_review',
  'decide',
  'inform_customer',
  'record_follow_up',
  'close',
  'reopen',
] as const;
export type TransitionName = (typeof TRANSITION_NAMES)[number];

export interface TransitionRule {
  from: ComplaintStatus;
  to: ComplaintStatus;
  name: TransitionName;
}

/**
 * Every allowed move. Reopening goes back to review (a new decision is needed) and is allowed from every
 * state after a decision: `decided` (the decision is revised before the customer hears it, e.g. leadership
 * did not approve it, R16), `customer_informed` (the customer disputes it at once), `follow_up` (the
 * follow-up found the customer unsatisfied, R17) and `closed` (new facts). Nothing goes back before review.
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  { from: 'received', to: 'registered', name: 'register' },
  { from: 'registered', to: 'in_review', name: 'start_review' },
  { from: 'in_review', to: 'decided', name: 'decide' },
  { from: 'decided', to: 'customer_informed', name: 'inform_customer' },
  { from: 'customer_informed', to: 'follow_up', name: 'record_follow_up' },
  { from: 'follow_up', to: 'closed', name: 'close' },
  { from: 'decided', to: 'in_review', name: 'reopen' },
  { from: 'customer_informed', to: 'in_review', name: 'reopen' },
  { from: 'follow_up', to: 'in_review', name: 'reopen' },
  { from: 'closed', to: 'in_review', name: 'reopen' },
];

export function findTransition(from: ComplaintStatus, to: ComplaintStatus): TransitionRule | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** The statuses reachable from `from`, in lifecycle order (for the buttons a screen offers). */
export function nextStatuses(from: ComplaintStatus): ComplaintStatus[] {
  return STATUSES.filter((to) => findTransition(from, to) !== undefined);
}

/** R17: a complaint is open until it is closed, whatever the customer said. */
export const isOpenStatus = (status: ComplaintStatus): boolean => status !== 'closed';

/** What the transition needs to know about the complaint now. */
export interface LifecycleSubject {
  status: ComplaintStatus;
  /** Outcome of the latest follow-up (milestonesFromEvents gives it); closing needs it. */
  followUpOutcome?: FollowUpOutcome;
  /** Issue 15, R16: the compensation in force; the customer is not informed while it awaits approval. */
  compensation?: Pick<NonNullable<Milestones['compensation']>, 'approval'>;
  /** Issue 15, R16: department tasks still open; the complaint is not closed until all are done. */
  openTasks?: number;
  /** Issue 15, R5: a merged complaint is a reference to its survivor: it has no lifecycle of its own. */
  mergedInto?: Milestones['mergedInto'];
}

/** The lifecycle subject of a stored complaint (its status and what its progress says), at the branch or HQ. */
export function lifecycleSubjectOf(c: {
  status: ComplaintStatus;
  progress?: Partial<Milestones>;
}): LifecycleSubject {
  const p = c.progress ?? {};
  const subject: LifecycleSubject = { status: c.status };
  if (p.followUpOutcome) subject.followUpOutcome = p.followUpOutcome;
  if (p.compensation) subject.compensation = { approval: p.compensation.approval };
  if (p.openTasks) subject.openTasks = p.openTasks;
  if (p.mergedInto) subject.mergedInto = p.mergedInto;
  return subject;
}

export interface TransitionRequest {
  to: ComplaintStatus;
  /** Who does it: the employee (R12: every transition is attributed). */
  actor: string;
  /** When (R12: every transition is timestamped). */
  now: Date;
  /** The status the client saw (sync precondition): refused as stale when the complaint has moved since. */
  expectedFrom?: ComplaintStatus;
  /** Required to decide. */
  decision?: DecisionInput;
  /** Required to record the follow-up. */
  followUp?: FollowUpInput;
  /** Required to reopen. */
  reason?: string;
  note?: string;
}

export interface StatusChangeData extends Record<string, unknown> {
  from: ComplaintStatus;
  to: ComplaintStatus;
  transition: TransitionName;
  decision?: RecordedDecision;
  followUp?: RecordedFollowUp;
  reason?: string;
  note?: string;
}

/** The event to append to the complaint's history; the caller gives it its id and complaintId. */
export interface StatusChangeEvent extends Omit<ComplaintEvent, 'id' | 'complaintId' | 'data'> {
  type: 'status_changed';
  data: StatusChangeData;
}

export type TransitionResult =
  | { ok: true; transition: TransitionName; status: ComplaintStatus; event: StatusChangeEvent }
  | { ok: false; reason: RefusalReason; reasons: RefusalReason[] };

const refuse = (reasons: RefusalReason[]): TransitionResult => ({ ok: false, reason: reasons[0]!, reasons });

export function transition(subject: LifecycleSubject, request: TransitionRequest): TransitionResult {
  const from = subject.status;
  if (subject.mergedInto) return refuse(['complaint_merged']);
  if (request.expectedFrom !== undefined && request.expectedFrom !== from) return refuse(['stale_status']);
  const rule = (STATUSES as readonly string[]).includes(request.to)
    ? findTransition(from, request.to)
    : undefined;
  if (!rule) return refuse(['transition_not_allowed']);

  const reasons: RefusalReason[] = [];
  if (!nonBlank(request.actor)) reasons.push('actor_required');
  if (!(request.now instanceof Date) || Number.isNaN(request.now.getTime())) reasons.push('time_invalid');

  const data: StatusChangeData = { from, to: rule.to, transition: rule.name };
  if (rule.name === 'decide') {
    const checked = checkDecision(request.decision);
    if (checked.ok) data.decision = checked.decision;
    else reasons.push(...checked.reasons);
  } else if (rule.name === 'record_follow_up') {
    const checked = checkFollowUp(request.followUp);
    if (checked.ok) data.followUp = checked.followUp;
    else reasons.push(...checked.reasons);
  } else if (rule.name === 'inform_customer') {
    // R16: leadership approves a compensation above the threshold before the customer hears of it; a
    // refused one is decided again (or the decision reopened) first.
    if (subject.compensation?.approval === 'pending') reasons.push('compensation_approval_pending');
    else if (subject.compensation?.approval === 'refused') reasons.push('compensation_refused');
  } else if (rule.name === 'close') {
    // R17: a customer who rejected the decision keeps the complaint open: reopen it instead.
    if (subject.followUpOutcome === undefined) reasons.push('follow_up_required');
    else if (subject.followUpOutcome === 'rejected') reasons.push('customer_rejected_decision');
    // R16: departments that must act are tracked to completion.
    if ((subject.openTasks ?? 0) > 0) reasons.push('open_tasks');
  } else if (rule.name === 'reopen') {
    if (nonBlank(request.reason)) data.reason = request.reason.trim();
    else reasons.push('reopen_reason_required');
  }
  if (reasons.length > 0) return refuse(reasons);
  if (nonBlank(request.note)) data.note = request.note.trim();

  return {
    ok: true,
    transition: rule.name,
    status: rule.to,
    event: { type: 'status_changed', at: request.now.toISOString(), actor: request.actor.trim(), data },
  };
}

/**
 * Issue 15: "HQ applies it with the same shared rules". A handling event a branch pushes is checked again at
 * HQ, against HQ's own history of the complaint, by the rule the branch ran before writing it
 * (renderer/complaints/handling/*Actions.ts): an approval after the console already answered, an approval by
 * the person who decided, a task changed on a closed complaint… are refused with that rule's reason code and
 * nothing is written. The rule is fed from the event's own data, so a branch that ran it gets the same
 * answer unless HQ's state moved on meanwhile (another PC or the console acted first).
 *
 * What differs from the branch, and why:
 * - "now" and "today" are the event's own `at` (the moment the branch wrote it), not HQ's clock: a callback
 *   promised offline yesterday for this morning is not "in the past" because it arrives late. "Today" is the
 *   UTC date twelve hours before `at`, never later than the branch's own date in any zone.
 * - The approver's role is the one HQ knows of the event's actor (the branch's employees at HQ, issue 14),
 *   not the role the event claims; an actor HQ does not know cannot approve.
 * - A compensation's `approvalRequired` is the branch's, as shared/handling/compensation says; HQ refuses
 *   one that contradicts the threshold the event itself names, and where its own threshold for the branch
 *   is lower it applies the decision and asks for approval itself (hq/complaints/approvals.ts).
 * - A task id HQ already has is refused (`change_value_invalid`): the branch makes a new id for each task, so
 *   only a forged or replayed-as-new event repeats one, and the replay would silently drop it.
 * Corrections, re-assessments, attachments and merges have their own HQ paths (hq/complaints/*).
 */
import type { ComplaintEvent, Milestones } from '../complaints/model';
import type { Money } from '../documents/money';
import type { RefusalReason } from '../lifecycle/reasons';
import { milestonesFromEvents } from '../lifecycle/milestones';
import type { Country } from '../settings/workstation';
import type { LocalDate } from '../time/local-date';
import { checkCustomerInfo, type CustomerInfoInput } from './attachments';
import { checkCallbackDone, checkCallbackPromise, type CallbackPromise } from './callbacks';
import {
  checkApprovalAnswer,
  checkCompensation,
  requiresApproval,
  type CompensationInput,
} from './compensation';
import { checkHandToSenior, checkPassToHeadOfSales } from './handoffs';
import { checkRecourseExplained } from './recourse';
import { checkTask, checkTaskStatus, tasksOf, type TaskInput } from './tasks';
import type { TaskStatus } from './codes';

type HistoryEvent = Pick<ComplaintEvent, 'type' | 'at' | 'actor' | 'actorId' | 'data'>;

type Outcome = { ok: true } | { ok: false; reasons: readonly RefusalReason[] };

/** What HQ knows beside the history: the role of the event's actor among the branch's employees. */
export interface PushedEventContext {
  actorRole?: string;
}

const HALF_DAY_MS = 12 * 3_600_000;

/** The earliest calendar date any zone had at `at` (UTC−12): never after the branch's own date. */
function earliestDateAt(at: string): LocalDate {
  return new Date(Date.parse(at) - HALF_DAY_MS).toISOString().slice(0, 10) as LocalDate;
}

/** HQ's replayed state of the complaint, shaped as the branch's rules take it. */
interface Subject {
  status: Milestones['status'];
  progress: Milestones;
}

const mergedOrClosed = (s: Subject, closedToo: boolean): RefusalReason[] => [
  ...(s.progress.mergedInto ? (['complaint_merged'] as const) : []),
  ...(closedToo && s.status === 'closed' ? (['complaint_closed'] as const) : []),
];

type Rule = (
  s: Subject,
  history: readonly HistoryEvent[],
  event: HistoryEvent,
  ctx: PushedEventContext,
) => Outcome;

/** The decide event of the compensation in force: who decided it (the approval rule's four eyes). */
function deciderOf(m: Milestones, history: readonly HistoryEvent[]): string | undefined {
  const id = m.compensation?.id;
  return history.findLast(
    (e) => e.type === 'compensation_decided' && (e.data as { compensationId?: string }).compensationId === id,
  )?.actorId;
}

function approvalRule(approve: boolean): Rule {
  return (s, history, event, ctx) => {
    const d = event.data as { compensationId: string; reason?: string };
    const r = checkApprovalAnswer(
      s.progress,
      { approve, ...(d.reason === undefined ? {} : { reason: d.reason }) },
      { role: ctx.actorRole ?? '', ...(event.actorId ? { id: event.actorId } : {}) },
      deciderOf(s.progress, history),
    );
    if (!r.ok) return r;
    // An answer to an older compensation (decided again since) is not an answer to the one in force.
    return d.compensationId === r.data.compensationId
      ? { ok: true }
      : { ok: false, reasons: ['approval_not_pending'] };
  };
}

const RULES: Partial<Record<ComplaintEvent['type'], Rule>> = {
  callback_promised: (s, _h, event) => {
    const closed = mergedOrClosed(s, true);
    if (closed.length > 0) return { ok: false, reasons: closed };
    return checkCallbackPromise(event.data as unknown as CallbackPromise, new Date(event.at));
  },
  callback_done: (s, _h, event) =>
    checkCallbackDone(
      s.progress.callback,
      event.data as { callbackId: string; outcome: string; note?: string },
    ),
  customer_info_added: (s, _h, event) => {
    const merged = mergedOrClosed(s, false);
    return merged.length > 0
      ? { ok: false, reasons: merged }
      : checkCustomerInfo(event.data as unknown as CustomerInfoInput);
  },
  passed_to_head_of_sales: (s, _h, event) =>
    checkPassToHeadOfSales(s, (event.data as { reason: string }).reason),
  handed_to_senior: (s, _h, event) =>
    checkHandToSenior(
      s,
      event.data as { seniorName: string; seniorId?: string; reason: string; note?: string },
      { name: event.actor, ...(event.actorId ? { id: event.actorId } : {}) },
    ),
  recourse_explained: (s, _h, event) => {
    const merged = mergedOrClosed(s, false);
    return merged.length > 0
      ? { ok: false, reasons: merged }
      : checkRecourseExplained(
          event.data as { routes: string[]; country: Country; language: string; note?: string },
        );
  },
  compensation_decided: (s, _h, event) => {
    const d = event.data as unknown as CompensationInput & {
      compensationId: string;
      approvalRequired: boolean;
      threshold?: Money;
    };
    const r = checkCompensation(s, d, d.compensationId);
    if (!r.ok) return r;
    // The branch's thresholds decide; the event may not contradict the one it names itself.
    const named = d.threshold ? { [d.threshold.currency]: d.threshold.amountMinor } : {};
    const consistent =
      (d.threshold === undefined || d.threshold.currency === d.amount.currency) &&
      requiresApproval(d.amount, named) === d.approvalRequired;
    return consistent ? { ok: true } : { ok: false, reasons: ['change_value_invalid'] };
  },
  compensation_approved: approvalRule(true),
  compensation_refused: approvalRule(false),
  task_created: (s, history, event) => {
    const d = event.data as unknown as TaskInput & { taskId: string };
    if (tasksOf(history).some((t) => t.taskId === d.taskId))
      return { ok: false, reasons: ['change_value_invalid'] };
    return checkTask(s, d, d.taskId, earliestDateAt(event.at));
  },
  task_status_changed: (s, history, event) =>
    checkTaskStatus(s, tasksOf(history), event.data as { taskId: string; status: TaskStatus; note?: string }),
};

/** Whether HQ re-checks this event type against the complaint's history (the others pass on their schema). */
export function isRecheckedEvent(type: ComplaintEvent['type']): boolean {
  return RULES[type] !== undefined;
}

/**
 * The refusal reasons of a pushed event, checked against HQ's history of its complaint (in HQ's order);
 * empty when HQ applies it. Event types without a rule here pass (their data was checked by its schema).
 */
export function checkPushedEvent(
  history: readonly HistoryEvent[],
  event: HistoryEvent,
  ctx: PushedEventContext = {},
): readonly RefusalReason[] {
  const rule = RULES[event.type];
  if (!rule) return [];
  // The push schema allows only ISO instants; anything else could not be judged by time at all.
  if (Number.isNaN(Date.parse(event.at))) return ['change_value_invalid'];
  const progress = milestonesFromEvents(history);
  const r = rule({ status: progress.status, progress }, history, event, ctx);
  return r.ok ? [] : r.reasons;
}

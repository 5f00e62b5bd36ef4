/**
 * Issue 15: the handling part of replaying a complaint's history into its `progress` (shared/lifecycle
 * `milestonesFromEvents` calls this for every event, in order). Each event's data was checked by its schema
 * when it was recorded or pushed (shared/handling/event-data.ts); replay still reads it defensively, so a damaged
 * or newer event is skipped rather than breaking a list.
 */
import type { ComplaintEvent, Milestones } from '../complaints/model';
import { isMoney } from '../documents/money';
import {
  APPROVER_ROLES,
  COMPENSATION_FORMS,
  ESCALATION_STEPS,
  SENIOR_HANDOVER_REASONS,
  type ApproverRole,
  type CompensationForm,
  type EscalationStep,
  type SeniorHandoverReason,
  type TaskStatus,
} from './codes';

type EventLike = Pick<ComplaintEvent, 'type' | 'at' | 'data'>;

const str = (v: unknown): v is string => typeof v === 'string' && v !== '';
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);

/** Escalation records kept on a record (two steps for each of a few due moments per reopening). */
export const MAX_ESCALATION_RECORDS = 200;
/** Merged-in numbers kept on a record (and in its search words). */
export const MAX_MERGED_FROM = 50;

export interface HandlingReplay {
  apply(m: Milestones, event: EventLike): void;
  /** A reopening voids the decision, so also the compensation decided with it (R16: decide it again). */
  reopen(m: Milestones): void;
  finish(m: Milestones): void;
}

export function handlingReplay(): HandlingReplay {
  const tasks = new Map<string, TaskStatus>();
  return {
    apply(m, event) {
      const d = (event.data ?? {}) as Record<string, unknown>;
      switch (event.type) {
        case 'callback_promised':
          if (str(d.callbackId) && str(d.dueAt))
            m.callback = {
              id: d.callbackId,
              dueAt: d.dueAt,
              phone: str(d.phone) ? d.phone : '',
              at: event.at,
            };
          break;
        case 'callback_done':
          if (m.callback && m.callback.id === d.callbackId) delete m.callback;
          break;
        case 'attachment_added':
          m.attachments = (m.attachments ?? 0) + 1;
          break;
        case 'attachment_removed':
          if (m.attachments) m.attachments -= 1;
          break;
        case 'merged_into':
          if (str(d.survivorId) && str(d.survivorNumber)) {
            m.mergedInto = { id: d.survivorId, number: d.survivorNumber };
            delete m.callback;
          }
          break;
        case 'merged_from':
          if (str(d.mergedId) && str(d.mergedNumber)) {
            const from = (m.mergedFrom ?? []).filter((r) => r.id !== d.mergedId);
            if (from.length < MAX_MERGED_FROM)
              m.mergedFrom = [...from, { id: d.mergedId, number: d.mergedNumber }];
          }
          break;
        case 'escalated':
          if (oneOf<EscalationStep>(ESCALATION_STEPS, d.step) && str(d.dueKey)) {
            const list = m.escalations ?? [];
            if (list.length < MAX_ESCALATION_RECORDS)
              m.escalations = [
                ...list,
                {
                  step: d.step,
                  dueKey: d.dueKey,
                  dueKind: str(d.dueKind) ? d.dueKind : '',
                  at: event.at,
                  toName: str(d.toName) ? d.toName : '',
                },
              ];
          }
          break;
        case 'passed_to_head_of_sales':
          m.passedToHeadOfSalesAt = event.at;
          // R14: the complaint is with HQ from now on (the console's "escalated", as a take-over).
          m.escalatedAt ??= event.at;
          break;
        case 'owner_changed':
          // Given back to the branch (people-hq: owner null): no longer waiting in HQ's queue.
          if (d.owner === null) delete m.passedToHeadOfSalesAt;
          break;
        case 'handed_to_senior':
          if (str(d.seniorName) && oneOf<SeniorHandoverReason>(SENIOR_HANDOVER_REASONS, d.reason))
            m.senior = {
              name: d.seniorName,
              ...(str(d.seniorId) ? { id: d.seniorId } : {}),
              reason: d.reason,
              at: event.at,
            };
          break;
        case 'compensation_decided':
          if (
            str(d.compensationId) &&
            isMoney(d.amount) &&
            oneOf<CompensationForm>(COMPENSATION_FORMS, d.form)
          )
            m.compensation = {
              id: d.compensationId,
              amount: { amountMinor: d.amount.amountMinor, currency: d.amount.currency },
              form: d.form,
              approval: d.approvalRequired === true ? 'pending' : 'not_required',
              decidedAt: event.at,
            };
          break;
        case 'compensation_approval_required': {
          // HQ's threshold is lower than the one the PC decided with: the decision waits for approval.
          const c = m.compensation;
          if (c && c.id === d.compensationId && c.approval === 'not_required') c.approval = 'pending';
          break;
        }
        case 'compensation_approved':
        case 'compensation_refused': {
          const c = m.compensation;
          if (!c || c.id !== d.compensationId || c.approval !== 'pending') break;
          c.approval = event.type === 'compensation_approved' ? 'approved' : 'refused';
          c.answeredAt = event.at;
          if (oneOf<ApproverRole>(APPROVER_ROLES, d.approverRole)) c.answeredBy = d.approverRole;
          break;
        }
        case 'task_created':
          if (str(d.taskId) && !tasks.has(d.taskId)) tasks.set(d.taskId, 'open');
          break;
        case 'task_status_changed':
          if (
            str(d.taskId) &&
            tasks.has(d.taskId) &&
            oneOf<TaskStatus>(['open', 'done', 'cancelled'], d.status)
          )
            tasks.set(d.taskId, d.status);
          break;
        case 'recourse_explained':
          m.recourseExplainedAt = event.at;
          break;
        default:
          break;
      }
    },
    reopen(m) {
      delete m.compensation;
    },
    finish(m) {
      if (tasks.size > 0) m.openTasks = [...tasks.values()].filter((s) => s === 'open').length;
    },
  };
}

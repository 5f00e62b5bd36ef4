/**
 * R11: an overdue complaint escalates — first to the branch manager, then, `headOfSalesAfterHours` later,
 * to the head of sales — once per step per due moment. HQ's worker asks `dueEscalations` which steps are
 * due now for a complaint (with HQ's own due moments: the branch's calendar and policy, as at the branch),
 * queues one e-mail per step (deterministic Message-ID from `escalationMessageKey`) and appends the
 * `escalated` event in the same transaction; the event comes down with pull, so the branch shows
 * "escalated to … at …". `nextEscalationAt` says when to look again.
 *
 * A due moment is identified across time by `dueKeyOf`: its kind, plus the reopening cycle for the terms a
 * reopening restarts (final answer, follow-up), or the callback's id — so a policy or calendar change that
 * moves a deadline does not escalate it twice, while a reopened complaint's new deadline can escalate again.
 *
 * R14: a complaint the employee passed to the head of sales (or the head of sales took over) skips the branch
 * manager step: the head of sales is told at once.
 */
import type { DueMoment } from '../deadlines/due';
import type { Milestones } from '../complaints/model';
import type { EscalationStep } from './codes';

export interface EscalationSettings {
  /** Minutes after a deadline before the branch manager is told (0: at once). */
  branchManagerAfterMinutes: number;
  /** Hours after the branch manager was told before the head of sales is. */
  headOfSalesAfterHours: number;
}

export const DEFAULT_ESCALATION: EscalationSettings = {
  branchManagerAfterMinutes: 0,
  headOfSalesAfterHours: 24,
};
/** Bounds of the settings (HQ's policy form and its wire schema). */
export const ESCALATION_RANGES = {
  branchManagerAfterMinutes: { min: 0, max: 24 * 60 },
  headOfSalesAfterHours: { min: 1, max: 30 * 24 },
} as const;

const RESTARTED_BY_REOPEN: readonly string[] = ['final_answer', 'follow_up'];

/** Which due moment this is, stable while its deadline moves (see the module comment). */
export function dueKeyOf(moment: Pick<DueMoment, 'kind' | 'ref'>, reopenCount: number): string {
  if (moment.kind === 'callback') return `callback:${moment.ref ?? ''}`;
  return RESTARTED_BY_REOPEN.includes(moment.kind) ? `${moment.kind}#${reopenCount}` : moment.kind;
}

export interface DueEscalation {
  step: EscalationStep;
  dueKey: string;
  dueKind: DueMoment['kind'];
  /** The missed deadline. */
  dueAt: Date;
  /** From when this step is due. */
  dueFrom: Date;
}

export type EscalationProgress = Pick<
  Milestones,
  'reopenCount' | 'escalations' | 'passedToHeadOfSalesAt' | 'owner' | 'mergedInto'
>;

const HOUR = 3_600_000;

/** Every step that becomes due for these moments, with when (due now or later), in time order. */
function plannedSteps(
  moments: readonly DueMoment[],
  progress: EscalationProgress,
  settings: EscalationSettings,
): DueEscalation[] {
  if (progress.mergedInto) return [];
  const withHq = progress.passedToHeadOfSalesAt !== undefined || progress.owner !== undefined;
  const done = new Map<string, Date>();
  for (const e of progress.escalations ?? []) done.set(`${e.dueKey}|${e.step}`, new Date(e.at));
  const steps: DueEscalation[] = [];
  for (const m of moments) {
    // Only a started, open deadline can be missed: done, projected and closed moments never escalate.
    if (m.done || m.projected) continue;
    const dueKey = dueKeyOf(m, progress.reopenCount);
    const base = { dueKey, dueKind: m.kind, dueAt: m.dueAt };
    const managerAt = done.get(`${dueKey}|branch_manager`);
    if (!withHq && !managerAt)
      steps.push({
        ...base,
        step: 'branch_manager',
        dueFrom: new Date(m.dueAt.getTime() + 1 + settings.branchManagerAfterMinutes * 60_000),
      });
    if (done.has(`${dueKey}|head_of_sales`)) continue;
    if (withHq) steps.push({ ...base, step: 'head_of_sales', dueFrom: new Date(m.dueAt.getTime() + 1) });
    else if (managerAt)
      steps.push({
        ...base,
        step: 'head_of_sales',
        dueFrom: new Date(managerAt.getTime() + settings.headOfSalesAfterHours * HOUR),
      });
  }
  return steps.sort((a, b) => a.dueFrom.getTime() - b.dueFrom.getTime());
}

/**
 * R11: the escalation steps due at `now` (a deadline is missed from the millisecond after it). The head of
 * sales step of a moment follows the branch manager step only after that step was taken (its `escalated`
 * event), so a worker that is down catches up one step per run, never both at once.
 */
export function dueEscalations(
  moments: readonly DueMoment[],
  progress: EscalationProgress,
  settings: EscalationSettings = DEFAULT_ESCALATION,
  now: Date,
): DueEscalation[] {
  return plannedSteps(moments, progress, settings).filter((s) => s.dueFrom.getTime() <= now.getTime());
}

/** When the next step becomes due (after `now`), for the worker's timer; undefined when none is planned. */
export function nextEscalationAt(
  moments: readonly DueMoment[],
  progress: EscalationProgress,
  settings: EscalationSettings = DEFAULT_ESCALATION,
  now: Date,
): Date | undefined {
  return plannedSteps(moments, progress, settings).find((s) => s.dueFrom.getTime() > now.getTime())?.dueFrom;
}

/** The part of the escalation mail's Message-ID that makes a retry of one step never a second mail. */
export function escalationMessageKey(complaintId: string, step: EscalationStep, dueKey: string): string {
  return `escalation.${complaintId}.${step}.${dueKey.replace(/[^A-Za-z0-9_.-]/g, '-')}`;
}

export interface EscalatedData extends Record<string, unknown> {
  step: EscalationStep;
  dueKey: string;
  dueKind: string;
  /** ISO instant of the missed deadline. */
  dueAt: string;
  toName: string;
  toEmail: string;
  /** The mail's Message-ID, once queued. */
  messageId?: string;
}

/** The `escalated` event's data for a step HQ takes now. */
export function escalatedData(
  due: DueEscalation,
  to: { name: string; email: string },
  messageId?: string,
): EscalatedData {
  return {
    step: due.step,
    dueKey: due.dueKey,
    dueKind: due.dueKind,
    dueAt: due.dueAt.toISOString(),
    toName: to.name.trim() || to.email.trim(),
    toEmail: to.email.trim(),
    ...(messageId ? { messageId } : {}),
  };
}

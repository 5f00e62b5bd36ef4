import type { Complaint, Milestones } from '../complaints/model';
import { complaintDueMoments, type BranchCalendar, type ConsiderationPolicy } from '../deadlines';
import { urgencyWindow } from '../deadlines/urgency';
import { timelineOf } from '../lifecycle/milestones';
import { consoleSearchWords } from './search';

/**
 * What HQ keeps beside each complaint's record so the console can filter, sort and search a million of them
 * through indexes (issue 14): the assessment (R13), the owner and escalation (R14), the next due moment and
 * from when it is due soon (R11, shared/deadlines — both independent of `now`, so "overdue" is
 * `next_due_at < now()` at query time) and the search words. Recomputed whenever an event changes the
 * complaint, and for every complaint of a branch whose calendar or policy changes.
 */
export interface ComplaintRow {
  category: string;
  severity: string;
  healthAndSafety: boolean;
  ownerId: string | null;
  ownerName: string | null;
  escalated: boolean;
  /** The earliest open deadline; null when none is open (closed, or every promise kept). */
  nextDueAt: string | null;
  nextDueKind: string | null;
  /** From this instant the complaint is due soon; null with nextDueAt. */
  dueSoonAt: string | null;
  /**
   * R16 (issue 15): since when the compensation in force waits for approval (its decision's instant); null
   * when none waits. The console's "awaiting approval" queue and register filter read it.
   */
  approvalPendingSince: string | null;
  searchWords: string[];
}

type RowSource = Pick<
  Complaint,
  | 'number'
  | 'channel'
  | 'status'
  | 'receivedAt'
  | 'registeredAt'
  | 'progress'
  | 'category'
  | 'severity'
  | 'healthAndSafety'
  | 'customer'
  | 'description'
  | 'remedy'
  | 'concerns'
>;

export function complaintRow(
  c: RowSource,
  calendar: BranchCalendar,
  policy: ConsiderationPolicy,
): ComplaintRow {
  let nextDueAt: string | null = null;
  let nextDueKind: string | null = null;
  let dueSoonAt: string | null = null;
  try {
    // `now` only decides states, which the window ignores: any instant gives the same window.
    const moments = complaintDueMoments(timelineOf(c), calendar, policy, new Date(c.registeredAt));
    const window = urgencyWindow(moments);
    if (window) {
      nextDueAt = window.dueAt.toISOString();
      dueSoonAt = window.dueSoonFrom.toISOString();
      const first = moments.find(
        (m) => !m.done && !m.projected && m.dueAt.getTime() === window.dueAt.getTime(),
      );
      nextDueKind = first?.kind ?? null;
    }
  } catch {
    // A record whose dates the engine cannot read has no due moment at HQ (the branch shows its own).
  }
  const owner = c.progress.owner;
  return {
    category: c.category,
    severity: c.severity,
    healthAndSafety: c.healthAndSafety,
    ownerId: owner?.id ?? null,
    ownerName: owner?.name ?? null,
    // Taken to HQ (R14), or escalated by HQ for a missed deadline (R11, issue 15).
    escalated: c.progress.escalatedAt !== undefined || (c.progress.escalations?.length ?? 0) > 0,
    nextDueAt,
    nextDueKind,
    dueSoonAt,
    approvalPendingSince: approvalPendingSince(c.progress),
    searchWords: consoleSearchWords(c),
  };
}

/** R16: the compensation in force waits for approval since it was decided; otherwise null. */
export function approvalPendingSince(progress: Pick<Milestones, 'compensation'>): string | null {
  const c = progress.compensation;
  return c?.approval === 'pending' ? c.decidedAt : null;
}

/** R11: where the complaint stands at `now`, from its two stored instants (the list's due state). */
export function consoleDueState(
  row: { nextDueAt: string | null; dueSoonAt: string | null },
  now: Date,
): 'overdue' | 'soon' | 'ok' | 'none' {
  if (row.nextDueAt === null) return 'none';
  const t = now.getTime();
  if (t > new Date(row.nextDueAt).getTime()) return 'overdue';
  if (row.dueSoonAt !== null && t >= new Date(row.dueSoonAt).getTime()) return 'soon';
  return 'ok';
}

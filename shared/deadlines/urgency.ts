/**
 * R11 at scale: a complaint's urgency as two instants that do not depend on `now`, so a branch's years of
 * complaints can be counted and filtered by an index instead of running the deadline engine per row.
 *
 * A due moment's deadline and due-soon instant follow from the complaint's own milestones, the branch
 * calendar and the policy; only its state is a comparison with `now`. So the complaint is overdue from the
 * earliest open deadline on, and due soon from the earliest open due-soon instant on. Those two instants
 * change when an event changes the milestones or when the calendar or policy changes, never with time.
 */
import type { DueMoment, DueState } from './due';

export interface UrgencyWindow {
  /** From this instant on the complaint is due soon (unless already overdue). Never after `dueAt`. */
  dueSoonFrom: Date;
  /** The earliest deadline still open: after this instant the complaint is overdue. */
  dueAt: Date;
}

/**
 * The window of the moments that count for urgency: neither done nor projected (a term that has not
 * started yet is "pending" and never urgent). Undefined when none is left: closed, or all kept.
 */
export function urgencyWindow(moments: readonly DueMoment[]): UrgencyWindow | undefined {
  let dueAt: number | undefined;
  let soon: number | undefined;
  for (const m of moments) {
    if (m.done || m.projected) continue;
    dueAt = Math.min(dueAt ?? Infinity, m.dueAt.getTime());
    soon = Math.min(soon ?? Infinity, m.soonFrom.getTime());
  }
  if (dueAt === undefined || soon === undefined) return undefined;
  // Kept even for a policy whose due-soon lead exceeds its term: every overdue complaint is also "due soon
  // or worse", which is what lets the due-soon count be one index count minus another.
  return { dueSoonFrom: new Date(Math.min(soon, dueAt)), dueAt: new Date(dueAt) };
}

export type UrgencyState = Extract<DueState, 'overdue' | 'due_soon' | 'ok' | 'done'>;

/**
 * The complaint's urgency at `now`: the same answer as the most urgent state of its started moments
 * (shared/deadlines mostUrgentState), from the stored window alone.
 */
export function urgencyAt(window: UrgencyWindow | undefined, now: Date): UrgencyState {
  if (!window) return 'done';
  const t = now.getTime();
  if (t > window.dueAt.getTime()) return 'overdue';
  if (t >= window.dueSoonFrom.getTime()) return 'due_soon';
  return 'ok';
}

import type { ComplaintEvent } from '../../shared/complaints/model';
import { checkPushedEvent, isRecheckedEvent } from '../../shared/handling/pushed-events';
import type { RefusalReason } from '../../shared/lifecycle/reasons';
import type { BranchTx } from '../branches/versions';

/**
 * Issue 15 at HQ: a handling event a branch pushes (callback, later information, hand-off, compensation and
 * its approval, department task, recourse) is checked again by the branch's own rule against HQ's history of
 * the complaint (shared/handling/pushed-events). The caller holds the complaint's row lock (taken after the
 * branch's lock, as every push does), so the history read here is the one the event is appended to. The
 * approver's role is what HQ knows now of the actor among this branch's employees (hq/people/employees.ts;
 * active or not: one deactivated after approving offline still approved) — never another branch's person.
 */
export async function recheckPushedEvent(
  tx: BranchTx,
  event: ComplaintEvent,
): Promise<RefusalReason | undefined> {
  // Notes and the other rule-less events (most of a push) pass without reading the history.
  if (!isRecheckedEvent(event.type)) return undefined;
  const { rows } = await tx.client.query<{
    type: ComplaintEvent['type'];
    at: Date | string;
    actor: string;
    actor_id: string | null;
    data: Record<string, unknown>;
  }>(
    `SELECT type, at, actor, actor_id, data FROM complaint_events
     WHERE complaint_id = $1 AND branch_id = $2 ORDER BY hq_seq`,
    [event.complaintId, tx.branchId],
  );
  const history = rows.map((r) => ({
    type: r.type,
    at: r.at instanceof Date ? r.at.toISOString() : r.at,
    actor: r.actor,
    ...(r.actor_id ? { actorId: r.actor_id } : {}),
    data: r.data,
  }));
  let actorRole: string | undefined;
  if (event.type === 'compensation_approved' || event.type === 'compensation_refused') {
    const role = event.actorId
      ? await tx.client.query<{ role: string }>(
          'SELECT role FROM employees WHERE id = $1 AND branch_id = $2',
          [event.actorId, tx.branchId],
        )
      : undefined;
    actorRole = role?.rows[0]?.role;
  }
  return checkPushedEvent(history, event, actorRole === undefined ? {} : { actorRole })[0];
}

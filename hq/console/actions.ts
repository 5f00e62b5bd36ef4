import type { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { ComplaintEvent, ComplaintStatus, Milestones } from '../../shared/complaints/model';
import type { ConflictReason, ConsoleAction } from '../../shared/console/protocol';
import { checkApprovalAnswer } from '../../shared/handling/compensation';
import {
  lifecycleSubjectOf,
  takeOver,
  transition,
  type DecisionInput,
  type FollowUpInput,
  type RefusalReason,
} from '../../shared/lifecycle';
import { canTakeOver } from '../../shared/people/model';
import { recordAudit, type AuditContext } from '../audit/log';
import { branchTx, lockBranch } from '../branches/versions';
import { appendEvents } from '../complaints/history';
import { inTransaction } from '../db/database';
import { HqError } from '../errors';
import type { ConsolePrincipal } from '../people/sessions';
import { notFound } from './detail';
import { assertMayAct, scopeCondition } from './scope';

/**
 * Acting on a complaint at HQ (issue 14, R12, R14, R15, R17): a note, taking it over, a lifecycle step, and
 * (issue 15, R16) approving or refusing a compensation.
 * Each is a complaint event through the same shared rules as at the branch, appended with the branch's
 * next version so the branch receives it with its next pull; the complaint row is locked for the
 * transaction, so a branch's op arriving meanwhile is checked against the new state (a stale status change
 * is refused `stale_status`, shown at the branch). Audited with who, before and after.
 */

/** Lifecycle refusals that mean "the complaint moved meanwhile" (409) rather than "the form is incomplete". */
const CONFLICTS: ReadonlySet<RefusalReason> = new Set([
  'stale_status',
  'transition_not_allowed',
  'approval_not_pending',
]);

function refused(reasons: readonly string[], conflict: boolean): HqError {
  return new HqError(
    conflict ? 409 : 422,
    conflict ? 'conflict' : 'invalid_body',
    `Refused by the lifecycle rules: ${reasons.join(', ')}`,
    conflict
      ? { reasons: [...reasons], reason: 'complaint_changed' satisfies ConflictReason }
      : { reasons: [...reasons] },
  );
}

export async function actOnComplaint(
  pool: Pool,
  principal: ConsolePrincipal,
  complaintId: string,
  action: ConsoleAction,
  ip?: string,
  now = new Date(),
): Promise<void> {
  assertMayAct(principal);
  const { user } = principal;
  const ctx: AuditContext = {
    actor: { kind: 'hq_user', id: user.id, name: user.name },
    ...(ip ? { ip } : {}),
  };
  await inTransaction(pool, async (client) => {
    const params: unknown[] = [complaintId];
    const scope = scopeCondition(principal, params);
    const found = await client.query<{ branch_id: number }>(
      `SELECT c.branch_id FROM complaints c WHERE c.id = $1 AND ${scope}`,
      params,
    );
    if (!found.rows[0]) throw notFound();
    // The branch's lock before the complaint's row, as every writer of its data takes them (a push locks
    // the branch, then its complaints; so does the print route): the other order can deadlock against a
    // push on PostgreSQL. A complaint never moves to another branch, so the branch read above stays right;
    // its state is read under the lock.
    await lockBranch(client, found.rows[0].branch_id);
    const { rows } = await client.query<{
      branch_id: number;
      number: string;
      status: ComplaintStatus;
      progress: Milestones;
    }>(
      `SELECT c.branch_id, c.number, c.status, c.record->'progress' AS progress FROM complaints c
        WHERE c.id = $1 FOR UPDATE`,
      [complaintId],
    );
    const c = rows[0];
    if (!c) throw notFound();
    const owner = c.progress.owner;
    let event: Omit<ComplaintEvent, 'id' | 'complaintId'>;
    let audit: { action: string; before?: unknown; after?: unknown };
    if (action.type === 'note') {
      event = {
        type: 'note_added',
        at: now.toISOString(),
        actor: user.name,
        actorId: user.id,
        data: { text: action.text },
      };
      audit = { action: 'complaint.note' };
    } else if (action.type === 'take_over') {
      if (!canTakeOver(user.role))
        throw new HqError(
          403,
          'forbidden',
          'Only the head of sales and customer service takes complaints over (R14).',
        );
      const step = takeOver(
        { status: c.status, ...(owner ? { owner } : {}) },
        { id: user.id, name: user.name },
        now,
      );
      if (!step.ok) throw refused([step.reason], true);
      event = step.event;
      audit = {
        action: 'complaint.take_over',
        before: { owner: owner ?? null },
        after: { owner: step.event.data.owner },
      };
    } else if (action.type === 'compensation') {
      // R16 (issue 15): the compensation the user saw, still awaiting approval; the shared rule decides.
      const answer = checkApprovalAnswer(
        c.progress,
        { approve: action.approve, ...(action.reason !== undefined ? { reason: action.reason } : {}) },
        { role: user.role, id: user.id },
      );
      if (!answer.ok)
        throw refused(
          answer.reasons,
          answer.reasons.some((r) => CONFLICTS.has(r)),
        );
      if (answer.data.compensationId !== action.compensationId) throw refused(['approval_not_pending'], true);
      event = {
        type: action.approve ? 'compensation_approved' : 'compensation_refused',
        at: now.toISOString(),
        actor: user.name,
        actorId: user.id,
        data: answer.data,
      };
      audit = {
        action: action.approve ? 'complaint.compensation_approve' : 'complaint.compensation_refuse',
        before: { compensationId: action.compensationId, approval: 'pending' },
        after: { approval: action.approve ? 'approved' : 'refused' },
      };
    } else {
      // The same guards as at the branch: merged, approval pending or refused, open tasks (issue 15).
      const step = transition(lifecycleSubjectOf({ status: c.status, progress: c.progress }), {
        to: action.to,
        actor: user.name,
        now,
        expectedFrom: action.from,
        ...(action.decision ? { decision: action.decision as DecisionInput } : {}),
        ...(action.followUp ? { followUp: action.followUp as FollowUpInput } : {}),
        ...(action.reason !== undefined ? { reason: action.reason } : {}),
        ...(action.note !== undefined ? { note: action.note } : {}),
      });
      if (!step.ok)
        throw refused(
          step.reasons,
          step.reasons.some((r) => CONFLICTS.has(r)),
        );
      event = { ...step.event, actorId: user.id };
      audit = {
        action: 'complaint.transition',
        before: { status: c.status },
        after: { status: step.status },
      };
    }
    const id = uuidv7();
    await appendEvents(branchTx(client, c.branch_id, 1), null, complaintId, [{ id, complaintId, ...event }]);
    await recordAudit(client, ctx, audit.action, `complaint:${c.number}`, {
      ...(audit.before !== undefined ? { before: audit.before } : {}),
      after: { ...(audit.after as object | undefined), eventId: id, type: event.type },
    });
  });
}

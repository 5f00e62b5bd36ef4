import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { ComplaintStatus, Milestones } from '../../shared/complaints/model';
import { recordChangeKind } from '../../shared/handling/corrections';
import { lifecycleSubjectOf, transition } from '../../shared/lifecycle';
import type { OperationPayload } from '../../shared/sync/operations';
import {
  APPLIED,
  checkStatusChange,
  rejected,
  type HqComplaintState,
  type OpOutcome,
} from '../../shared/sync/rules';
import { recordAudit, SYSTEM, type AuditContext } from '../audit/log';
import { branchTx, lockBranch, type BranchTx } from '../branches/versions';
import { inTransaction } from '../db/database';
import { applyAttachmentAdded, applyAttachmentRemoved } from './attachments';
import { hqApprovalEvent } from './approvals';
import { applyRecordChange } from './corrections';
import { recheckPushedEvent } from './rechecks';
import { appendEvents } from './history';

/**
 * Changes to a registered complaint (R5, R12, R14): later information and status changes, from a branch's
 * push or from HQ itself, checked by the same shared lifecycle rules against HQ's own state and appended to
 * the complaint's history.
 */

interface LockedComplaint extends HqComplaintState {
  id: string;
  branchId: number;
}

/**
 * The complaint, locked until the transaction ends: by id within a branch (a branch's op may only touch
 * its own), or by number (an action at HQ).
 */
async function lockComplaint(
  client: PoolClient,
  by: { id: string; branchId: number } | { number: string },
): Promise<LockedComplaint | undefined> {
  const { rows } = await client.query<{
    id: string;
    branch_id: number;
    status: ComplaintStatus;
    progress: Partial<Milestones> | null;
  }>(
    `SELECT id, branch_id, status, record->'progress' AS progress FROM complaints
     WHERE ${'number' in by ? 'number = $1' : 'id = $1 AND branch_id = $2'} FOR UPDATE`,
    'number' in by ? [by.number] : [by.id, by.branchId],
  );
  const row = rows[0];
  // Issue 15: the same guards as at the branch — merged, compensation awaiting approval or refused, open
  // department tasks — read from HQ's replayed progress.
  return row
    ? {
        id: row.id,
        branchId: row.branch_id,
        ...lifecycleSubjectOf({ status: row.status, progress: row.progress ?? {} }),
      }
    : undefined;
}

/** R5, R10: an event other than a status change (later information, a preliminary answer…). */
export async function appendComplaintEvent(
  tx: BranchTx,
  opId: string,
  { event }: OperationPayload<'complaint.event'>,
): Promise<OpOutcome> {
  if (!(await lockComplaint(tx.client, { id: event.complaintId, branchId: tx.branchId })))
    return rejected('unknown_complaint');
  // R3/R13: a correction or re-assessment also changes HQ's stored record (hq/complaints/corrections.ts).
  if (recordChangeKind(event.type)) return applyRecordChange(tx, opId, event);
  // R3, R5: a file attached is recorded for the console beside its event (hq/complaints/attachments.ts).
  if (event.type === 'attachment_added') return applyAttachmentAdded(tx, opId, event);
  if (event.type === 'attachment_removed') return applyAttachmentRemoved(tx, opId, event);
  // Issue 15: every other handling event by the rule the branch ran, against HQ's history (rechecks.ts).
  const refusal = await recheckPushedEvent(tx, event);
  if (refusal) return rejected(refusal);
  await appendEvents(tx, opId, event.complaintId, [event]);
  // R16: a compensation HQ's threshold wants approved waits for approval (approvals.ts); HQ's own line.
  const approval = await hqApprovalEvent(tx, event);
  if (approval) await appendEvents(tx, null, event.complaintId, [approval]);
  return APPLIED;
}

/** R12: a branch's status change, applied only when HQ's status is still the one the branch saw. */
export async function applyTransition(
  tx: BranchTx,
  opId: string,
  p: OperationPayload<'complaint.transition'>,
): Promise<OpOutcome> {
  if (p.event.complaintId !== p.complaintId) return rejected('invalid_payload', 'event.complaintId');
  const complaint = await lockComplaint(tx.client, { id: p.complaintId, branchId: tx.branchId });
  if (!complaint) return rejected('unknown_complaint');
  const checked = checkStatusChange(complaint, p);
  if (!checked.ok) return rejected(checked.reason);
  await appendEvents(tx, opId, p.complaintId, [p.event]);
  return APPLIED;
}

/**
 * A status change made at HQ by the admin `transition` command. The same lifecycle rules as at the branch;
 * the branch sees it on its next pull. Audited (issue 13 item 6). The console's steps: hq/console/actions.ts.
 */
export async function transitionAtHq(
  pool: Pool,
  number: string,
  request: { to: ComplaintStatus; actor: string; reason?: string; note?: string },
  now = new Date(),
  ctx: AuditContext = SYSTEM,
): Promise<{ from: ComplaintStatus; to: ComplaintStatus }> {
  return inTransaction(pool, async (client) => {
    // The branch's lock first, as every writer of its data (a push takes it before the complaint's row).
    const branch = await client.query<{ branch_id: number }>(
      'SELECT branch_id FROM complaints WHERE number = $1',
      [number],
    );
    if (!branch.rows[0]) throw new Error(`No complaint ${number} at HQ`);
    await lockBranch(client, branch.rows[0].branch_id);
    const c = await lockComplaint(client, { number });
    if (!c) throw new Error(`No complaint ${number} at HQ`);
    const step = transition(c, { ...request, now });
    if (!step.ok) throw new Error(`Refused by the lifecycle rules: ${step.reasons.join(', ')}`);
    const eventId = randomUUID();
    await appendEvents(branchTx(client, c.branchId, 1), null, c.id, [
      { id: eventId, complaintId: c.id, ...step.event },
    ]);
    await recordAudit(client, ctx, 'complaint.transition', `complaint:${number}`, {
      before: { status: c.status },
      after: { status: step.status, eventId },
    });
    return { from: c.status, to: step.status };
  });
}

import { milestonesFromEvents } from '../../shared/lifecycle';
import type { OperationPayload } from '../../shared/sync/operations';
import { APPLIED, rejected, type OpOutcome } from '../../shared/sync/rules';
import { nextVersion, type BranchTx } from '../branches/versions';
import { refreshComplaintRow } from '../db/complaint-rows';
import { insertEvents } from './history';

/**
 * R1: a complaint registered at the branch enters the central register with its first history events. Its
 * number is unique across all branches and names the device's branch (checked before, shared/sync/rules).
 */
export async function registerComplaint(
  tx: BranchTx,
  opId: string,
  p: OperationPayload<'complaint.register'>,
): Promise<OpOutcome> {
  const c = p.complaint;
  if (p.events.some((e) => e.complaintId !== c.id))
    return rejected('invalid_payload', 'events[].complaintId');
  // A new complaint's history is exactly these events: its state follows from them, in this order.
  const progress = milestonesFromEvents(p.events);
  const record = { ...c, status: progress.status, progress };
  const insert = async () =>
    (
      await tx.client.query(
        `INSERT INTO complaints (id, branch_id, number, status, channel, confidential, received_at, registered_at,
           updated_at, record, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
        [
          c.id,
          tx.branchId,
          c.number,
          progress.status,
          c.channel,
          c.confidential,
          c.receivedAt,
          c.registeredAt,
          c.updatedAt,
          JSON.stringify(record),
          await tx.versions.take(),
        ],
      )
    ).rowCount;
  if ((await insert()) === 0) {
    const { rows } = await tx.client.query<{ id: string; branch_id: number }>(
      'SELECT id, branch_id FROM complaints WHERE id = $1 OR number = $2 FOR UPDATE',
      [c.id, c.number],
    );
    const sameId = rows.find((r) => r.id === c.id);
    // Issue 13: another branch's id is a conflict like any id used twice, which says nothing of whose it is.
    if (sameId) return rejected(sameId.branch_id === tx.branchId ? 'already_registered' : 'conflict');
    const holder = rows[0];
    if (!holder || holder.branch_id === tx.branchId) return rejected('number_taken');
    await reclaimNumber(tx, holder, c.number);
    if ((await insert()) === 0) return rejected('number_taken');
  }
  await insertEvents(tx, opId, c.id, p.events);
  await refreshComplaintRow(tx.client, c.id); // the console's columns (issue 14)
  return APPLIED;
}

/**
 * Before issue 13 HQ let a branch register a number of another branch, and that branch's real complaint
 * with the number was then refused for ever (R1). When the real one arrives, the number goes back to the
 * branch it names: the other branch's complaint keeps all its data under `~<its id>` (no branch's number),
 * that branch hears of it with its next pull, and HQ records an incident for someone to look at.
 */
async function reclaimNumber(tx: BranchTx, holder: { id: string; branch_id: number }, number: string) {
  const placeholder = `~${holder.id}`;
  await tx.client.query(
    `UPDATE complaints SET number = $2, record = jsonb_set(record, '{number}', to_jsonb($2::text)), version = $3
      WHERE id = $1`,
    [holder.id, placeholder, await nextVersion(tx.client, holder.branch_id)],
  );
  await refreshComplaintRow(tx.client, holder.id); // the console's columns (issue 14)
  await tx.client.query(
    `INSERT INTO incidents (branch_id, kind, detail) VALUES ($1, 'number_reclaimed', $2)`,
    [
      holder.branch_id,
      JSON.stringify({
        number,
        complaintId: holder.id,
        renamedTo: placeholder,
        claimedByBranchId: tx.branchId,
      }),
    ],
  );
}

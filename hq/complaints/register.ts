import { milestonesFromEvents } from '../../shared/lifecycle';
import type { OperationPayload } from '../../shared/sync/operations';
import { APPLIED, rejected, type OpOutcome } from '../../shared/sync/rules';
import type { BranchTx } from '../branches/versions';
import { refreshComplaintRow } from '../db/complaint-rows';
import { insertEvents } from './history';

/**
 * R1: a complaint registered at the branch enters the central register with its first history events. Its
 * number is unique across all branches (the branch part keeps two branches apart).
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
  const inserted = await tx.client.query(
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
  );
  if (inserted.rowCount === 0) {
    const { rows } = await tx.client.query<{ id: string }>('SELECT id FROM complaints WHERE id = $1', [c.id]);
    return rejected(rows[0] ? 'already_registered' : 'number_taken');
  }
  await insertEvents(tx, opId, c.id, p.events);
  await refreshComplaintRow(tx.client, c.id); // the console's columns (issue 14)
  return APPLIED;
}

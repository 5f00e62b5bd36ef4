import type { PoolClient } from 'pg';
import type { DeliveryRecord } from '../../shared/book/model';
import type { BranchTx } from '../branches/versions';

/**
 * Feedback-book entries at HQ (R6–R8): an entry is created by its first page, becomes `submitted` with its
 * final page list, and later carries what the mail worker recorded about it (delivery, escalation). Every
 * change gives it a new branch version, so the branch's next pull carries it.
 */

type EntryLock = { state: 'capturing' | 'submitted' } | 'other_branch' | undefined;

/** The entry's state, locked until the transaction ends; another branch's entry is only said to be so. */
export async function lockEntry(tx: BranchTx, id: string): Promise<EntryLock> {
  const { rows } = await tx.client.query<{ state: 'capturing' | 'submitted'; branch_id: number }>(
    'SELECT state, branch_id FROM book_entries WHERE id = $1 FOR UPDATE',
    [id],
  );
  const row = rows[0];
  if (!row) return undefined;
  return row.branch_id === tx.branchId ? { state: row.state } : 'other_branch';
}

/** The entry changed in a way the branch must hear of: a new version for its next pull. */
export async function touchEntry(client: PoolClient, id: string, version: number): Promise<void> {
  await client.query('UPDATE book_entries SET version = $2, updated_at = now() WHERE id = $1', [id, version]);
}

/** R8: the entry's e-mail is out; the proof goes down to the branch. */
export async function recordDelivery(
  client: PoolClient,
  id: string,
  delivery: DeliveryRecord,
  version: number,
): Promise<void> {
  await client.query(
    'UPDATE book_entries SET delivery = $2, version = $3, updated_at = now() WHERE id = $1',
    [id, JSON.stringify(delivery), version],
  );
}

/** R11: the head of sales was told the entry missed its deadline; the branch shows when and to whom. */
export async function recordEscalation(
  client: PoolClient,
  id: string,
  escalation: { at: Date; to: string | null },
  version: number,
): Promise<void> {
  await client.query(
    `UPDATE book_entries SET escalated_at = $2, escalated_to = $3, version = $4, updated_at = now()
      WHERE id = $1`,
    [id, escalation.at.toISOString(), escalation.to, version],
  );
}

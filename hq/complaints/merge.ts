import type { Complaint } from '../../shared/complaints/model';
import { searchWordsOf } from '../../shared/complaints/search';
import { checkMerge } from '../../shared/handling/merge';
import type { OperationPayload } from '../../shared/sync/operations';
import { APPLIED, rejected, type OpOutcome } from '../../shared/sync/rules';
import type { BranchTx } from '../branches/versions';
import { appendEvents } from './history';

/**
 * R5: two complaints of the device's branch merged, applied whole in the push op's transaction (savepoint):
 * both rows locked (in id order, so two opposite merges of the pair wait for each other instead of
 * deadlocking), checked by shared/handling/merge `checkMerge` against HQ's own state — a merge made on
 * another PC meanwhile is `merge_already_merged` — then `merged_into` appended to the merged one and
 * `merged_from` to the survivor. Each gets a new version, so every PC of the branch pulls both; the
 * survivor's search words (console column and the record the branches pull) hold the merged one's number
 * (shared/complaints/search).
 */
export async function applyMerge(
  tx: BranchTx,
  opId: string,
  p: OperationPayload<'complaint.merge'>,
): Promise<OpOutcome> {
  // Scope in SQL: a complaint of another branch is not found, as if it did not exist.
  const { rows } = await tx.client.query<{ id: string; record: Complaint }>(
    `SELECT id, record FROM complaints WHERE id = ANY($1::uuid[]) AND branch_id = $2 ORDER BY id FOR UPDATE`,
    [[p.survivorId, p.mergedId], tx.branchId],
  );
  const survivor = rows.find((r) => r.id === p.survivorId)?.record;
  const merged = rows.find((r) => r.id === p.mergedId)?.record;
  if (!survivor || !merged) return rejected('unknown_complaint');
  // The numbers the events show must be HQ's (a renamed number would otherwise be shown for ever).
  if (p.into.data.survivorNumber !== survivor.number)
    return rejected('invalid_payload', 'into.data.survivorNumber');
  if (p.from.data.mergedNumber !== merged.number)
    return rejected('invalid_payload', 'from.data.mergedNumber');
  const refusal = checkMerge(survivor, merged)[0];
  if (refusal) return rejected(refusal);
  await appendEvents(tx, opId, merged.id, [p.into]);
  await appendEvents(tx, opId, survivor.id, [p.from]);
  // The survivor's record keeps its search words with the merged number in them (as the merging PC's copy
  // has them), so every other PC of the branch, which takes HQ's record with pull, finds it by that number.
  await tx.client.query(
    `UPDATE complaints SET record = jsonb_set(record, '{searchWords}', $2::jsonb) WHERE id = $1`,
    [survivor.id, JSON.stringify(searchWordsOf(await recordOf(tx, survivor.id)))],
  );
  return APPLIED;
}

/** The complaint's record as it stands in this transaction (after a replay). */
async function recordOf(tx: BranchTx, id: string): Promise<Complaint> {
  const { rows } = await tx.client.query<{ record: Complaint }>(
    'SELECT record FROM complaints WHERE id = $1',
    [id],
  );
  return rows[0]!.record;
}

import type { OperationPayload } from '../../shared/sync/operations';
import { APPLIED, rejected, type OpOutcome } from '../../shared/sync/rules';
import type { BranchTx } from '../branches/versions';
import { lockEntry, touchEntry } from './entries';

/** R7 fallback: the branch produced the entry's e-mail itself (an `.eml` file); HQ keeps the record. */
export async function recordFallback(
  tx: BranchTx,
  opId: string,
  p: OperationPayload<'book.entry.fallback'>,
): Promise<OpOutcome> {
  const entry = await lockEntry(tx, p.entryId);
  if (!entry || entry === 'other_branch') return rejected('unknown_entry');
  await tx.client.query(
    'INSERT INTO book_fallbacks (op_id, entry_id, branch_id, at, by_employee, pages) VALUES ($1, $2, $3, $4, $5, $6)',
    [opId, p.entryId, tx.branchId, p.at, p.by, JSON.stringify(p.pages)],
  );
  await touchEntry(tx.client, p.entryId, await tx.versions.take());
  return APPLIED;
}

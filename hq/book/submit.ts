import type { OperationPayload } from '../../shared/sync/operations';
import { APPLIED, rejected, type OpOutcome } from '../../shared/sync/rules';
import type { BranchTx } from '../branches/versions';
import { lockEntry } from './entries';
import { placeSubmittedPages } from './pages';

/**
 * R7: the entry is complete: its complaint and its final page list are recorded. The caller writes the
 * entry's mail job in the same transaction (hq/sync/dispatch), so a received entry is never left unmailed.
 */
export async function submitEntry(
  tx: BranchTx,
  { entry }: OperationPayload<'book.entry.submit'>,
): Promise<OpOutcome> {
  const existing = await lockEntry(tx, entry.id);
  if (existing === 'other_branch') return rejected('wrong_branch');
  if (existing?.state === 'submitted') return rejected('entry_submitted');
  await tx.client.query(
    `INSERT INTO book_entries (id, branch_id, state, captured_at, captured_by, deadline, complaint_id,
       complaint_number, submitted_at, version)
     VALUES ($1, $2, 'submitted', $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (id) DO UPDATE SET state = 'submitted', complaint_id = EXCLUDED.complaint_id,
       complaint_number = EXCLUDED.complaint_number, submitted_at = EXCLUDED.submitted_at,
       version = EXCLUDED.version, updated_at = now()`,
    [
      entry.id,
      tx.branchId,
      entry.capturedAt,
      entry.capturedBy,
      entry.deadline,
      entry.complaintId,
      entry.complaintNumber,
      entry.submittedAt,
      await tx.versions.take(),
    ],
  );
  await placeSubmittedPages(tx.client, entry.id, entry.pageHashes);
  return APPLIED;
}

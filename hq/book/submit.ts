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
  // Issue 13: another branch's entry id is a conflict like any id used twice, which says nothing of whose.
  if (existing === 'other_branch') return rejected('conflict');
  if (existing?.state === 'submitted') return rejected('entry_submitted');
  // Issue 13: the entry is linked only to a complaint of its branch that HQ has (the branch registered it
  // before it submitted the entry); another branch's complaint is treated as one HQ does not have — no
  // link, and the entry is still received and mailed (R7), without that complaint's text. Its photos are
  // checked when it is mailed: only ones this branch uploaded count (book_entry_photos_missing, 007).
  const own = await tx.client.query('SELECT 1 FROM complaints WHERE id = $1 AND branch_id = $2', [
    entry.complaintId,
    tx.branchId,
  ]);
  const complaintId = (own.rowCount ?? 0) > 0 ? entry.complaintId : null;
  // The entry may have been created meanwhile (no row to lock above): by another branch, whose entry the
  // condition leaves alone, or submitted by this one.
  const upserted = await tx.client.query(
    `INSERT INTO book_entries (id, branch_id, state, captured_at, captured_by, deadline, complaint_id,
       complaint_number, submitted_at, version)
     VALUES ($1, $2, 'submitted', $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (id) DO UPDATE SET state = 'submitted', complaint_id = EXCLUDED.complaint_id,
       complaint_number = EXCLUDED.complaint_number, submitted_at = EXCLUDED.submitted_at,
       version = EXCLUDED.version, updated_at = now()
     WHERE book_entries.branch_id = EXCLUDED.branch_id AND book_entries.state = 'capturing'`,
    [
      entry.id,
      tx.branchId,
      entry.capturedAt,
      entry.capturedBy,
      entry.deadline,
      complaintId,
      entry.complaintNumber,
      entry.submittedAt,
      await tx.versions.take(),
    ],
  );
  if (upserted.rowCount === 0)
    return rejected((await lockEntry(tx, entry.id)) === 'other_branch' ? 'conflict' : 'entry_submitted');
  await placeSubmittedPages(tx.client, entry.id, entry.pageHashes);
  return APPLIED;
}

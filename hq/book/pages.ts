import type { Pool, PoolClient } from 'pg';
import type { OperationPayload } from '../../shared/sync/operations';
import { APPLIED, rejected, type OpOutcome } from '../../shared/sync/rules';
import type { BranchTx } from '../branches/versions';
import { lockEntry, touchEntry } from './entries';

/**
 * The pages of feedback-book entries (R6, R7): the one place HQ keeps an entry's pages. A page arrives with
 * its `book.page.add` while the entry is captured (and may be removed again); the submit gives the entry's
 * final page order, recorded on the pages themselves as `final_page_no`. The photos' bytes are in the blob
 * store, content-addressed (photos.ts).
 */

/** R6: a photographed page; the first page of an entry creates the entry, and R7's clock runs from it. */
export async function addPage(tx: BranchTx, p: OperationPayload<'book.page.add'>): Promise<OpOutcome> {
  const { entry, page } = p;
  if (page.entryId !== entry.id) return rejected('invalid_payload', 'page.entryId');
  const existing = await lockEntry(tx, entry.id);
  // Issue 13: another branch's entry id is a conflict like any id used twice, which says nothing of whose.
  if (existing === 'other_branch') return rejected('conflict');
  if (existing?.state === 'submitted') return rejected('entry_submitted');
  // The entry may have been created meanwhile (no row to lock above): by this branch, or by another — which
  // the condition leaves alone (the fuzz suite found another branch's page in an entry this way).
  const upserted = await tx.client.query(
    `INSERT INTO book_entries (id, branch_id, captured_at, captured_by, deadline, version)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, updated_at = now()
     WHERE book_entries.branch_id = EXCLUDED.branch_id AND book_entries.state = 'capturing'`,
    [entry.id, tx.branchId, entry.capturedAt, entry.capturedBy, entry.deadline, await tx.versions.take()],
  );
  if (upserted.rowCount === 0)
    return rejected((await lockEntry(tx, entry.id)) === 'other_branch' ? 'conflict' : 'entry_submitted');
  await tx.client.query(
    `INSERT INTO book_pages (id, entry_id, branch_id, page_no, sha256, source_sha256, mime, size, width, height,
       source, original_name, captured_at, captured_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      page.id,
      entry.id,
      tx.branchId,
      page.pageNo,
      page.sha256,
      page.sourceSha256,
      page.mime,
      page.size,
      page.width,
      page.height,
      page.source,
      page.originalName ?? null,
      page.capturedAt,
      page.capturedBy,
    ],
  );
  return APPLIED;
}

/** A page deleted or replaced (retake, rotation) while the entry is still being captured. */
export async function removePage(tx: BranchTx, p: OperationPayload<'book.page.remove'>): Promise<OpOutcome> {
  const entry = await lockEntry(tx, p.entryId);
  if (!entry || entry === 'other_branch') return rejected('unknown_entry');
  if (entry.state === 'submitted') return rejected('entry_submitted');
  const removed = await tx.client.query(
    `UPDATE book_pages SET removed_at = $3, removed_by = $4
     WHERE id = $1 AND entry_id = $2 AND removed_at IS NULL`,
    [p.pageId, p.entryId, p.at, p.by],
  );
  if (removed.rowCount === 0) return rejected('unknown_entry', 'page');
  await touchEntry(tx.client, p.entryId, await tx.versions.take());
  return APPLIED;
}

/**
 * At submit: the n-th hash of the entry's final list becomes the `final_page_no` n of one of its pages with
 * that photo (live pages first; the k-th repeat of a hash takes the k-th such page). A hash none of its
 * pages has (its `book.page.add` never arrived or was refused) becomes a page known by its photo only, so
 * the entry still waits for that photo and mails it. Migration 004 placed existing entries the same way.
 */
export async function placeSubmittedPages(
  client: PoolClient,
  entryId: string,
  pageHashes: readonly string[],
): Promise<void> {
  await client.query(
    `WITH submitted AS (
       SELECT h.sha, h.n::int AS n, row_number() OVER (PARTITION BY h.sha ORDER BY h.n) AS k
         FROM unnest($2::text[]) WITH ORDINALITY AS h(sha, n)
     ), known AS (
       SELECT p.id, p.sha256,
              row_number() OVER (PARTITION BY p.sha256 ORDER BY p.removed_at IS NOT NULL, p.page_no, p.id) AS k
         FROM book_pages p WHERE p.entry_id = $1
     ), placed AS (
       UPDATE book_pages bp SET final_page_no = s.n
         FROM submitted s JOIN known k ON k.sha256 = s.sha AND k.k = s.k
        WHERE bp.id = k.id
       RETURNING bp.final_page_no
     )
     INSERT INTO book_pages (id, entry_id, branch_id, page_no, sha256, mime, captured_at, captured_by,
       final_page_no)
     SELECT gen_random_uuid(), e.id, e.branch_id, s.n, s.sha,
            (SELECT q.mime FROM book_pages q WHERE q.entry_id = e.id AND q.sha256 = s.sha LIMIT 1),
            e.captured_at, e.captured_by, s.n
       FROM submitted s JOIN book_entries e ON e.id = $1
      WHERE s.n NOT IN (SELECT final_page_no FROM placed)`,
    [entryId, pageHashes],
  );
}

/** The pages of a submitted entry in their final order, with the photo's type when HQ knows it. */
export async function submittedPages(
  pool: Pool,
  entryId: string,
): Promise<Array<{ sha256: string; mime: string | null }>> {
  const { rows } = await pool.query<{ sha256: string; mime: string | null }>(
    `SELECT sha256, mime FROM book_pages WHERE entry_id = $1 AND final_page_no IS NOT NULL
      ORDER BY final_page_no`,
    [entryId],
  );
  return rows;
}

import type { Pool } from 'pg';

/**
 * Feedback-book photos at HQ (R6, R7, R23): the bytes live in the blob store once per content (`photos`);
 * a branch "has" a photo once it uploaded it itself (`branch_photos`). Which photos a submitted entry still
 * waits for is one view, `book_entry_photos_missing` (migration 004): one row per page of a submitted entry
 * whose photo HQ does not have. The mail queue (ready to send?), pull and `mail-status` (how many missing?)
 * and the escalation e-mail (how many arrived?) all ask it.
 */

export async function branchHasPhoto(pool: Pool, branchId: number, sha256: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM branch_photos WHERE branch_id = $1 AND sha256 = $2', [
    branchId,
    sha256,
  ]);
  return (rowCount ?? 0) > 0;
}

/**
 * The bytes are in the blob store: record them (once) and that this branch has delivered them. Answers
 * whether this may have made a mail job ready (R7): only a photo new to this branch can complete one of its
 * entries (another branch's copy does not count, migration 007), and only one that a pending entry mail of
 * the branch waits for — so a burst of uploads does not wake the mail worker for each photo (R23). A push
 * committed while this statement runs is not seen here; that push wakes the worker itself, and should its
 * round also miss this photo (not yet committed), the worker's poll finds it.
 */
export async function recordPhoto(
  pool: Pool,
  branchId: number,
  sha256: string,
  size: number,
): Promise<{ newForBranch: boolean; wake: boolean }> {
  // One statement: the foreign key is checked at its end, when the CTE's row is there.
  const { rows } = await pool.query<{ new_for_branch: boolean; wake: boolean }>(
    `WITH p AS (INSERT INTO photos (sha256, size) VALUES ($2, $3) ON CONFLICT (sha256) DO NOTHING),
          b AS (INSERT INTO branch_photos (branch_id, sha256) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM b) AS new_for_branch,
            EXISTS (SELECT 1 FROM b) AND EXISTS (
              SELECT 1 FROM book_pages bp JOIN mail_outbox j ON j.entry_id = bp.entry_id
               WHERE bp.sha256 = $2 AND bp.branch_id = $1 AND bp.final_page_no IS NOT NULL
                 AND j.status = 'pending' AND j.kind = 'book_entry') AS wake`,
    [branchId, sha256, size],
  );
  return { newForBranch: rows[0]?.new_for_branch === true, wake: rows[0]?.wake === true };
}

/** How many photos of the submitted entry HQ does not have yet. */
export async function missingPhotoCount(pool: Pool, entryId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM book_entry_photos_missing WHERE entry_id = $1',
    [entryId],
  );
  return rows[0]!.n;
}

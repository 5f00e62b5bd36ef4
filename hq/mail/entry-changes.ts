import type { Pool } from 'pg';
import type { DeliveryRecord } from '../../shared/book/model';
import type { MailErrorKind, MailJobStatus } from '../../shared/mail/policy';
import { branchMailStatus } from '../../shared/mail/state';
import type { Change } from '../../shared/sync/protocol';

/**
 * The branch's feedback-book entries changed after `cursor` (at most `limit`), as the branch is told of them
 * on pull (R7, R8, R11): delivered to whom and when, escalated to whom, and where the e-mail stands. The mail
 * state is read as it is now; every change the branch must hear of gives the entry a new version.
 */
export async function bookEntryChanges(
  pool: Pool,
  branchId: number,
  cursor: number,
  limit: number,
): Promise<Change[]> {
  const { rows } = await pool.query<EntryStateRow & { version: number }>(
    `SELECT e.version, e.id, e.delivery, e.escalated_at, e.escalated_to, j.status AS mail_status, j.attempts,
            j.last_error, j.last_error_kind,
            (SELECT count(*)::int FROM book_entry_photos_missing m WHERE m.entry_id = e.id) AS missing
       FROM book_entries e LEFT JOIN mail_outbox j ON j.entry_id = e.id AND j.kind = 'book_entry'
      WHERE e.branch_id = $1 AND e.version > $2 ORDER BY e.version LIMIT $3`,
    [branchId, cursor, limit],
  );
  return rows.map((r): Change => ({
    version: r.version,
    kind: 'book_entry',
    entry: entryStateOf(r),
  }));
}

/** The columns an entry's state is read from: the entry, its mail job, and how many photos HQ still lacks. */
export interface EntryStateRow {
  id: string;
  delivery: DeliveryRecord | null;
  escalated_at: string | null;
  escalated_to: string | null;
  mail_status: MailJobStatus | null;
  attempts: number | null;
  last_error: string | null;
  last_error_kind: MailErrorKind | null;
  missing: number;
}

/** An entry's state as the branch (pull) and the console (complaint page) both show it. */
export function entryStateOf(r: EntryStateRow) {
  return {
    id: r.id,
    ...(r.delivery ? { delivery: r.delivery } : {}),
    ...(r.escalated_at ? { escalatedAt: r.escalated_at } : {}),
    ...(r.escalated_to ? { escalatedTo: r.escalated_to } : {}),
    ...(r.mail_status
      ? {
          mail: branchMailStatus({
            status: r.mail_status,
            attempts: r.attempts ?? 0,
            lastErrorKind: r.last_error_kind,
            missingPhotos: r.missing,
            lastError: r.last_error,
          }),
        }
      : {}),
  };
}

import type { Pool } from 'pg';
import {
  branchSafeError,
  mailStateOf,
  type MailErrorKind,
  type MailJobStatus,
} from '../../shared/book/outbox';
import type { BookEntryState, Change, PullResponse } from '../../shared/sync/protocol';
import type { DevicePrincipal } from '../auth';
import { directoryOf } from '../branches';

/**
 * Changes for the device's branch after `cursor`, in HQ's order. Every row carries the branch version it
 * last changed at, and versions are unique within a branch, so a page never splits or skips one.
 */
export async function pullChanges(
  pool: Pool,
  device: DevicePrincipal,
  cursor: number,
  limit: number,
): Promise<PullResponse> {
  const args = [device.branchId, cursor, limit + 1];
  const [complaints, events, entries, branch] = await Promise.all([
    pool.query<{
      version: number;
      record: Change & { kind: 'complaint' } extends { complaint: infer C } ? C : never;
    }>(
      `SELECT version, record FROM complaints WHERE branch_id = $1 AND version > $2 ORDER BY version LIMIT $3`,
      args,
    ),
    pool.query<{
      version: number;
      id: string;
      complaint_id: string;
      type: string;
      at: string;
      actor: string;
      data: Record<string, unknown>;
    }>(
      `SELECT version, id, complaint_id, type, at, actor, data FROM complaint_events
       WHERE branch_id = $1 AND version > $2 ORDER BY version LIMIT $3`,
      args,
    ),
    pool.query<{
      version: number;
      id: string;
      delivery: NonNullable<BookEntryState['delivery']> | null;
      escalated_at: string | null;
      escalated_to: string | null;
      mail_status: MailJobStatus | null;
      attempts: number | null;
      last_error: string | null;
      last_error_kind: MailErrorKind | null;
      missing: number;
    }>(
      // The mail state is read as it is now; every change the branch must hear of bumps the entry's version.
      `SELECT e.version, e.id, e.delivery, e.escalated_at, e.escalated_to, j.status AS mail_status, j.attempts,
              j.last_error, j.last_error_kind,
              (SELECT count(*)::int FROM jsonb_array_elements_text(COALESCE(e.page_hashes, '[]'::jsonb)) AS h(sha)
                WHERE NOT EXISTS (SELECT 1 FROM photos p WHERE p.sha256 = h.sha)) AS missing
         FROM book_entries e LEFT JOIN mail_outbox j ON j.entry_id = e.id AND j.kind = 'book_entry'
        WHERE e.branch_id = $1 AND e.version > $2 ORDER BY e.version LIMIT $3`,
      args,
    ),
    pool.query(`SELECT * FROM branches WHERE id = $1 AND changed_version > $2`, [device.branchId, cursor]),
  ]);
  const all: Change[] = [
    ...complaints.rows.map((r): Change => ({ version: r.version, kind: 'complaint', complaint: r.record })),
    ...events.rows.map((r): Change => ({
      version: r.version,
      kind: 'event',
      event: {
        id: r.id,
        complaintId: r.complaint_id,
        type: r.type as never,
        at: r.at,
        actor: r.actor,
        data: r.data,
      },
    })),
    ...entries.rows.map((r): Change => ({
      version: r.version,
      kind: 'book_entry',
      entry: {
        id: r.id,
        ...(r.delivery ? { delivery: r.delivery } : {}),
        ...(r.escalated_at ? { escalatedAt: r.escalated_at } : {}),
        ...(r.escalated_to ? { escalatedTo: r.escalated_to } : {}),
        ...(r.mail_status ? { mail: mailStatusOf(r) } : {}),
      },
    })),
    ...branch.rows.map((r): Change => ({
      version: r.changed_version,
      kind: 'branch',
      branch: directoryOf(r),
    })),
  ].sort((a, b) => a.version - b.version);
  const page = all.slice(0, limit);
  const more = all.length > limit;
  return { changes: page, cursor: page.at(-1)?.version ?? cursor, more };
}

function mailStatusOf(r: {
  mail_status: MailJobStatus | null;
  attempts: number | null;
  last_error: string | null;
  last_error_kind: MailErrorKind | null;
  missing: number;
}): NonNullable<BookEntryState['mail']> {
  const state = mailStateOf({
    status: r.mail_status ?? 'pending',
    attempts: r.attempts ?? 0,
    lastErrorKind: r.last_error_kind,
    missingPhotos: r.missing,
  });
  return {
    state,
    attempts: r.attempts ?? 0,
    ...(r.last_error && state !== 'sent' ? { lastError: branchSafeError(r.last_error) } : {}),
    ...(r.missing > 0 ? { missingPhotos: r.missing } : {}),
  };
}

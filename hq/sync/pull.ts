import type { Pool } from 'pg';
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
    }>(
      `SELECT version, id, delivery, escalated_at FROM book_entries
       WHERE branch_id = $1 AND version > $2 ORDER BY version LIMIT $3`,
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

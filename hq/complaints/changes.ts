import type { Pool } from 'pg';
import type { Change } from '../../shared/sync/protocol';

type ComplaintRecord = Extract<Change, { kind: 'complaint' }>['complaint'];
type EventRecord = Extract<Change, { kind: 'event' }>['event'];

/**
 * The branch's complaints and history events changed after `cursor`, in HQ's order, at most `limit` of
 * each (the caller merges them with the other kinds and cuts the page).
 */
export async function complaintChanges(
  pool: Pool,
  branchId: number,
  cursor: number,
  limit: number,
): Promise<Change[]> {
  const args = [branchId, cursor, limit];
  const [complaints, events] = await Promise.all([
    pool.query<{ version: number; record: ComplaintRecord }>(
      `SELECT version, record FROM complaints WHERE branch_id = $1 AND version > $2 ORDER BY version LIMIT $3`,
      args,
    ),
    pool.query<{
      version: number;
      id: string;
      complaint_id: string;
      type: EventRecord['type'];
      at: string;
      actor: string;
      actor_id: string | null;
      data: Record<string, unknown>;
    }>(
      `SELECT version, id, complaint_id, type, at, actor, actor_id, data FROM complaint_events
       WHERE branch_id = $1 AND version > $2 ORDER BY version LIMIT $3`,
      args,
    ),
  ]);
  return [
    ...complaints.rows.map((r): Change => ({ version: r.version, kind: 'complaint', complaint: r.record })),
    ...events.rows.map((r): Change => ({
      version: r.version,
      kind: 'event',
      event: {
        id: r.id,
        complaintId: r.complaint_id,
        type: r.type,
        at: r.at,
        actor: r.actor,
        ...(r.actor_id ? { actorId: r.actor_id } : {}),
        data: r.data,
      },
    })),
  ];
}

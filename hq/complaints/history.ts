import type { PoolClient } from 'pg';
import type { ComplaintEvent } from '../../shared/complaints/model';
import { milestonesFromEvents } from '../../shared/lifecycle';
import type { BranchTx } from '../branches/versions';
import { refreshComplaintRow } from '../db/complaint-rows';

/**
 * A complaint's history at HQ: append-only events in HQ's order (`hq_seq`), each with the branch version it
 * arrived at. The complaint's status and progress are always the replay of its history (shared/lifecycle),
 * whoever appended: a branch's push or an action at HQ.
 */

/** Inserts events in the given order; `opId` is the push op that carried them (none for HQ's own). */
export async function insertEvents(
  tx: BranchTx,
  opId: string | null,
  complaintId: string,
  events: readonly ComplaintEvent[],
): Promise<void> {
  const rows = [];
  for (const e of events)
    rows.push({
      id: e.id,
      type: e.type,
      at: e.at,
      actor: e.actor,
      actor_id: e.actorId ?? null,
      data: e.data,
      version: await tx.versions.take(),
    });
  await tx.client.query(
    `INSERT INTO complaint_events (id, complaint_id, branch_id, type, at, actor, actor_id, data, op_id, version)
     SELECT (e->>'id')::uuid, $1, $2, e->>'type', (e->>'at')::timestamptz, e->>'actor', (e->>'actor_id')::uuid,
       e->'data', $3, (e->>'version')::bigint
     FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS t(e, n)
     ORDER BY n`,
    [complaintId, tx.branchId, opId, JSON.stringify(rows)],
  );
}

/** Appends history and replays it, in HQ's order, into the complaint's status and progress. */
export async function appendEvents(
  tx: BranchTx,
  opId: string | null,
  complaintId: string,
  events: readonly ComplaintEvent[],
): Promise<void> {
  await insertEvents(tx, opId, complaintId, events);
  await replayHistory(tx.client, complaintId, events, await tx.versions.take());
}

async function replayHistory(
  client: PoolClient,
  complaintId: string,
  appended: readonly ComplaintEvent[],
  version: number,
): Promise<void> {
  const history = await client.query<{
    type: ComplaintEvent['type'];
    at: string;
    data: Record<string, unknown>;
  }>('SELECT type, at, data FROM complaint_events WHERE complaint_id = $1 ORDER BY hq_seq', [complaintId]);
  const progress = milestonesFromEvents(history.rows);
  const updatedAt = appended.reduce((max, e) => (e.at > max ? e.at : max), '');
  await client.query(
    // escalation_check_at: the due moments may have changed, so the escalation watch looks again (issue 15).
    `UPDATE complaints SET status = $2, version = $4, escalation_check_at = NULL,
       updated_at = GREATEST(updated_at, $3::timestamptz),
       record = record || jsonb_build_object('status', $2::text, 'progress', $5::jsonb,
         'updatedAt', to_char(GREATEST(updated_at, $3::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
     WHERE id = $1`,
    [complaintId, progress.status, updatedAt, version, JSON.stringify(progress)],
  );
  // The console's columns follow the new state: due moments, owner, escalation (issue 14).
  await refreshComplaintRow(client, complaintId);
}

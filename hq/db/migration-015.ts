import type { PoolClient } from 'pg';
import { refreshComplaintRow } from './complaint-rows';

/**
 * Migration 015 (issue 15, R16): the console's "awaiting approval" queue and register filter.
 *
 * `complaints.approval_pending_since`: since when the complaint's compensation in force waits for approval
 * by the branch manager or the head of sales (NULL: none waits) — one more console column beside the record,
 * computed by shared/console/complaint-row like the others (refreshComplaintRow). A partial index in the
 * queue's order (health and safety first, then the longest waiting), small because few complaints wait.
 * Backfill: only complaints whose record has a compensation can wait, so only those are recomputed.
 */
export const MIGRATION_015_SQL = `
ALTER TABLE complaints ADD COLUMN approval_pending_since timestamptz;
CREATE INDEX complaints_approval_pending ON complaints (health_safety DESC, approval_pending_since, id)
  INCLUDE (branch_id) WHERE approval_pending_since IS NOT NULL;
`;

export async function backfill015(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM complaints WHERE record->'progress' ? 'compensation' ORDER BY id`,
  );
  for (const r of rows) await refreshComplaintRow(client, r.id);
}

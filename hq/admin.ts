import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { ComplaintStatus } from '../shared/complaints/model';
import { transition, type FollowUpOutcome } from '../shared/lifecycle';
import { BranchVersions } from './branches';
import { inTransaction } from './db/database';
import { appendEvents } from './sync/push';

/**
 * A status change made at HQ (R14: the head of sales takes over a complaint). The same lifecycle rules as
 * at the branch; the branch sees it on its next pull.
 */
export async function transitionAtHq(
  pool: Pool,
  number: string,
  request: { to: ComplaintStatus; actor: string; reason?: string; note?: string },
  now = new Date(),
): Promise<{ from: ComplaintStatus; to: ComplaintStatus }> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{
      id: string;
      branch_id: number;
      status: ComplaintStatus;
      follow_up: FollowUpOutcome | null;
    }>(
      `SELECT id, branch_id, status, record->'progress'->>'followUpOutcome' AS follow_up
       FROM complaints WHERE number = $1 FOR UPDATE`,
      [number],
    );
    const c = rows[0];
    if (!c) throw new Error(`No complaint ${number} at HQ`);
    const step = transition(
      { status: c.status, ...(c.follow_up ? { followUpOutcome: c.follow_up } : {}) },
      { ...request, now },
    );
    if (!step.ok) throw new Error(`Refused by the lifecycle rules: ${step.reasons.join(', ')}`);
    await appendEvents(client, new BranchVersions(client, c.branch_id, 1), null, c.id, [
      { id: randomUUID(), complaintId: c.id, ...step.event },
    ]);
    return { from: c.status, to: step.status };
  });
}

import type { PoolClient } from 'pg';
import { MAX_REGISTRATION_EVENTS } from '../../shared/sync/operations';
import type { PushOperation } from '../../shared/sync/protocol';
import { COMPANY_POLICY_LOCK } from '../branches/policy';
import { branchTx, type BranchTx } from '../branches/versions';
import { BRANCH_DEADLINE_COLUMNS, type BranchDeadlineColumns } from '../db/complaint-rows';
import { runPrepared } from '../db/prepared';

/**
 * What a push learns while it takes its locks, in two statements (issue 17: each round trip to the database
 * costs as much as a small statement's work, and a push is a handful of them).
 */
export interface PushStart {
  /** The device's last sequence number HQ recorded. */
  lastSeq: number;
  /** The branch's deadline inputs. */
  branch: BranchDeadlineColumns;
  /** The ops of this push HQ already has (retries), by op id. */
  known: Map<string, KnownOp>;
  /** The branch's transaction, with versions already reserved for the push's writes. */
  tx: BranchTx;
}

export interface KnownOp {
  op_id: string;
  outcome: 'applied' | 'rejected';
  reason: string | null;
  device_id: string;
  branch_id: number;
}

/** Versions a push reserves for what its ops may write beyond registrations (a transition: two rows). */
const VERSIONS_PER_OTHER_OP = 4;

/**
 * The locks every push takes, always in one order, so two pushes wait for each other and never deadlock:
 *  1. advisory locks on the device and on each op id, all in one ascending order: one push per device at
 *     a time (a client retrying after a timeout while the first try still runs), and one push per op id (the
 *     same op from two devices at once — this PC before and after it enrolled again, or a hostile replay —
 *     would otherwise be applied by both, and the second `ops` row refused by its primary key: a 500 the fuzz
 *     suite found, issue 13);
 *     Then, last, the company policy's lock, shared (COMPANY_POLICY_LOCK): a save of the company's policy
 *     holds it alone, so a push waits for one being saved rather than compute its due moments with the
 *     layer the save replaces (R10), and a save waits for the pushes under way;
 *  2. the branch's row (its version counter), before any row an op touches: two devices of a branch acting
 *     on one complaint or entry wait for each other instead of deadlocking (issue 13's fuzz finding).
 * The second statement also reserves the push's versions and reads the device's sequence, the ops HQ
 * already has and the branch's deadline inputs. Its snapshot is taken after the advisory locks are held, so
 * it sees whatever an earlier push of this device or of these op ids, or a save of the company's policy,
 * committed. (The branch's own columns it reads from the row it updates, which is the newest even when the
 * update had to wait for it; the company's layer, another table, it reads in that snapshot.)
 */
export async function startPush(
  client: PoolClient,
  device: { deviceId: string; branchId: number },
  ordered: readonly PushOperation[],
): Promise<PushStart> {
  const opIds = ordered.map((o) => o.opId);
  // The company policy's share after the others: PostgreSQL runs a UNION ALL's parts one after the other
  // (never in parallel here: the advisory-lock functions are parallel-restricted).
  await runPrepared(
    client,
    'push.locks',
    `SELECT pg_advisory_xact_lock(k) FROM (
       SELECT DISTINCT hashtextextended(x, 0) AS k FROM unnest($1::text[]) AS x ORDER BY k) AS ids
     UNION ALL SELECT pg_advisory_xact_lock_shared(hashtextextended($2, 0))`,
    [[`device:${device.deviceId}`, ...opIds], COMPANY_POLICY_LOCK],
  );
  const reserve = ordered.reduce((n, op) => n + versionsFor(op), 0);
  const { rows } = await runPrepared<
    BranchDeadlineColumns & { version: number; last_seq: number | null; known: KnownOp[] }
  >(
    client,
    'push.branch',
    `WITH b AS (UPDATE branches SET version = version + $2 WHERE id = $1 RETURNING *)
     SELECT b.version, ${BRANCH_DEADLINE_COLUMNS},
       (SELECT last_seq FROM devices WHERE id = $3) AS last_seq,
       (SELECT coalesce(json_agg(json_build_object('op_id', op_id, 'outcome', outcome, 'reason', reason,
          'device_id', device_id, 'branch_id', branch_id)), '[]'::json)
        FROM ops WHERE op_id = ANY($4::uuid[])) AS known
     FROM b`,
    [device.branchId, reserve, device.deviceId, opIds],
  );
  const row = rows[0]!;
  const tx = branchTx(client, device.branchId);
  tx.versions.adopt(row.version, reserve);
  return {
    lastSeq: row.last_seq ?? 0,
    branch: row,
    known: new Map(row.known.map((k) => [k.op_id, k])),
    tx,
  };
}

/** What an op may write: a registration its complaint and each event; any other op a few rows. */
function versionsFor(op: PushOperation): number {
  if (op.type !== 'complaint.register') return VERSIONS_PER_OTHER_OP;
  const events = (op.payload as { events?: unknown } | null)?.events;
  return 1 + (Array.isArray(events) ? Math.min(events.length, MAX_REGISTRATION_EVENTS) : 0);
}

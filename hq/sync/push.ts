import type { Pool } from 'pg';
import type { OperationPayload, OperationType } from '../../shared/sync/operations';
import { unstorableAt, type OpResult, type PushOperation } from '../../shared/sync/protocol';
import {
  belongsToBranch,
  checkEnvelope,
  checkSequence,
  rejected,
  type OpOutcome,
} from '../../shared/sync/rules';
import type { DevicePrincipal } from '../auth';
import type { BranchTx } from '../branches/versions';
import { deadlineInputsOf } from '../db/complaint-rows';
import { inTransaction } from '../db/database';
import { runPrepared } from '../db/prepared';
import type { FaultPoints } from '../faults';
import { appliesAsSet, registerAsSet, type BranchDeadlines, type SetOp } from './batch';
import { applyOperation } from './dispatch';
import { startPush } from './push-locks';

/**
 * The push envelope (R23): a batch of a device's ops applied in one transaction, each exactly once by its
 * `opId`, in `deviceSeq` order, with gaps in the sequence recorded as incidents. Each op is checked here
 * (envelope, branch) and then applied by its domain (dispatch.ts).
 */

/**
 * Postgres errors that a client's data caused (a reused id, a bad value, a value too large for an index
 * or for text): its mistake, not a server fault.
 */
const CLIENT_DATA_ERRORS = new Set([
  '23505',
  '23503',
  '22P02',
  '22007',
  '22008',
  '22003',
  '22001',
  '22P05',
  '22021',
  '54000',
]);

/**
 * Applies a batch in one transaction, each op exactly once (`ops.op_id` is the primary key; a retry of an
 * op HQ already has gets the outcome recorded the first time; one query finds them for the whole batch). Runs
 * of registrations are applied as a set (batch.ts, issue 17); every other op runs alone in a savepoint: one
 * whose data still breaks a constraint (a reused id, a value too large) is rolled back alone and rejected as
 * a conflict, and the batch goes on. A rejected op is recorded and acknowledged with its reason, so it never
 * blocks the branch's queue.
 */
export async function applyPush(
  pool: Pool,
  device: DevicePrincipal,
  ops: PushOperation[],
  faults?: FaultPoints,
): Promise<OpResult[]> {
  try {
    return await applyBatch(pool, device, ops, true, faults);
  } catch (error) {
    // The database refused a set's statements for a client's data (a value it cannot hold, an id used
    // twice): the whole push again, every op alone — each is then applied or refused by itself.
    if (error instanceof SetRefused) return applyBatch(pool, device, ops, false, faults);
    throw error;
  }
}

/** Thrown out of the push's transaction when a set's statements broke a constraint. */
class SetRefused extends Error {}

async function applyBatch(
  pool: Pool,
  device: DevicePrincipal,
  ops: PushOperation[],
  asSet: boolean,
  faults?: FaultPoints,
): Promise<OpResult[]> {
  const ordered = [...ops].sort((a, b) => a.deviceSeq - b.deviceSeq);
  const results = await inTransaction(pool, async (client) => {
    // The device, the op ids and the branch, always in one order (push-locks.ts); the push's versions are
    // reserved and the ops HQ already has (one query for the whole batch) read on the way.
    const start = await startPush(client, device, ordered);
    let lastSeq = start.lastSeq;
    const deadlines = deadlineInputsOf(start.branch);
    const tx = start.tx;
    const before = start.known;
    const results = new Map<string, OpResult>();
    // `storable`: its payload passed the envelope check, which asks unstorableAt of it (not asked again).
    const fresh: { op: PushOperation; outcome?: OpOutcome; storable: boolean }[] = [];
    const incidents: unknown[] = [];
    // Consecutive ops applied as a set (batch.ts); any other op first applies them, so order is kept.
    let run: { entry: (typeof fresh)[number]; opId: string; payload: SetOp['payload'] }[] = [];
    const flush = async () => {
      if (run.length === 0) return;
      const ops = run;
      run = [];
      const outcomes = await applyAsSet(tx, ops, deadlines);
      for (const [i, o] of ops.entries())
        o.entry.outcome = outcomes?.[i] ?? (await applyAlone(tx, o.opId, 'complaint.register', o.payload));
    };
    for (const op of ordered) {
      if (results.has(op.opId)) continue; // the same op twice in one batch
      const r = before.get(op.opId);
      // Every op sent under this device's id, one HQ has already too (checkSequence says why).
      if (op.deviceId === device.deviceId) {
        const seq = checkSequence(lastSeq, op.deviceSeq, r !== undefined);
        if (seq.gap) incidents.push({ kind: 'device_seq_gap', detail: { ...seq.gap, opId: op.opId } });
        else if (seq.late)
          incidents.push({
            kind: 'device_seq_late',
            detail: { deviceSeq: op.deviceSeq, lastSeq, opId: op.opId },
          });
        lastSeq = seq.lastSeq;
      }
      if (r) {
        // Another branch's op id: nothing of it is told, and nothing is stored. One of this branch's other
        // devices is this PC before it enrolled again (issue 13): its op was received then, and is a retry.
        if (r.device_id !== device.deviceId && r.branch_id !== device.branchId)
          results.set(op.opId, { opId: op.opId, outcome: 'rejected', reason: 'conflict', duplicate: false });
        else
          results.set(op.opId, {
            opId: op.opId,
            outcome: r.outcome,
            ...(r.reason ? { reason: r.reason } : {}),
            duplicate: true,
          });
        continue;
      }
      const checked = checkEnvelope(op, device.deviceId);
      const entry: (typeof fresh)[number] = { op, storable: checked.ok };
      fresh.push(entry);
      // Filled in when its outcome is known (a set's op: when the run is applied).
      results.set(op.opId, { opId: op.opId, outcome: 'applied', duplicate: false });
      if (!checked.ok) entry.outcome = rejected(checked.reason, checked.detail);
      else if (!belongsToBranch(checked.type, checked.payload, device.branchCode))
        entry.outcome = rejected('wrong_branch');
      else if (asSet && appliesAsSet(checked.type))
        run.push({
          entry,
          opId: op.opId,
          payload: checked.payload as OperationPayload<'complaint.register'>,
        });
      else {
        await flush();
        entry.outcome = await applyAlone(tx, op.opId, checked.type, checked.payload);
      }
    }
    await flush();
    const recorded = fresh.map(({ op, outcome, storable }) => {
      results.set(op.opId, {
        opId: op.opId,
        outcome: outcome!.outcome,
        ...(outcome!.outcome === 'rejected' ? { reason: outcome!.reason } : {}),
        duplicate: false,
      });
      return {
        op_id: op.opId,
        device_id: device.deviceId,
        branch_id: device.branchId,
        device_seq: op.deviceSeq,
        schema_version: op.schemaVersion,
        type: op.type.slice(0, 64),
        // A payload that is missing or that the database cannot store is recorded as {} (the reason says why).
        payload:
          storable ||
          (op.payload !== undefined && op.payload !== null && unstorableAt(op.payload) === undefined)
            ? op.payload
            : {},
        client_created_at: op.createdAt ?? null,
        outcome: outcome!.outcome,
        reason: outcome!.outcome === 'rejected' ? outcome!.reason : null,
        detail: outcome!.outcome === 'rejected' ? (outcome!.detail ?? null) : null,
      };
    });
    // The ops, the incidents and the device's sequence in one statement.
    await runPrepared(
      client,
      'push.record',
      `WITH recorded AS (
         INSERT INTO ops (op_id, device_id, branch_id, device_seq, schema_version, type, payload, client_created_at,
           outcome, reason, detail)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(op_id uuid, device_id uuid, branch_id bigint,
           device_seq bigint, schema_version int, type text, payload jsonb, client_created_at text, outcome text,
           reason text, detail text)),
       noted AS (
         INSERT INTO incidents (branch_id, device_id, kind, detail)
         SELECT $2, $3, kind, detail FROM jsonb_to_recordset($4::jsonb) AS x(kind text, detail jsonb))
       UPDATE devices SET last_seq = GREATEST(last_seq, $5), last_seen_at = now() WHERE id = $3`,
      [JSON.stringify(recorded), device.branchId, device.deviceId, JSON.stringify(incidents), lastSeq],
    );
    await faults?.reach('push.beforeCommit');
    return results;
  });
  await faults?.reach('push.afterCommit');
  return ops.map((op) => results.get(op.opId)!);
}

/** Runs a database step in a savepoint: rolled back alone (with the versions it reserved) if it throws. */
async function inSavepoint<T>(
  tx: BranchTx,
  step: () => Promise<T>,
  keep: (result: T) => boolean,
): Promise<T> {
  await tx.client.query('SAVEPOINT op');
  try {
    const result = await step();
    if (keep(result)) await tx.client.query('RELEASE SAVEPOINT op');
    else {
      await tx.client.query('ROLLBACK TO SAVEPOINT op');
      tx.versions.dropReservation();
    }
    return result;
  } catch (error) {
    await tx.client.query('ROLLBACK TO SAVEPOINT op');
    tx.versions.dropReservation();
    throw error;
  }
}

const clientDataError = (error: unknown) => {
  const code = (error as { code?: string }).code;
  return code !== undefined && CLIENT_DATA_ERRORS.has(code);
};

/**
 * One op through its domain, in a savepoint: one whose data still breaks a constraint (a reused id, a
 * value too large) is rolled back alone and rejected as a conflict, and the batch goes on.
 */
async function applyAlone(
  tx: BranchTx,
  opId: string,
  type: OperationType,
  payload: OperationPayload<OperationType>,
): Promise<OpOutcome> {
  try {
    return await inSavepoint(
      tx,
      () => applyOperation(tx, opId, type, payload),
      (outcome) => outcome.outcome === 'applied',
    );
  } catch (error) {
    if (clientDataError(error)) return rejected('conflict', (error as Error).message);
    throw error;
  }
}

/**
 * A run of ops applied as a set (batch.ts). No savepoint (two round trips a run): should the database
 * refuse its statements for a client's data, the transaction is lost and the push starts over op by op.
 */
async function applyAsSet(
  tx: BranchTx,
  ops: readonly SetOp[],
  deadlines: BranchDeadlines,
): Promise<(OpOutcome | undefined)[] | undefined> {
  try {
    return await registerAsSet(tx, ops, deadlines);
  } catch (error) {
    if (clientDataError(error)) throw new SetRefused((error as Error).message);
    throw error;
  }
}

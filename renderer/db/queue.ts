import type { Table } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import {
  SYNC_SCHEMA_VERSION,
  operationPayloads,
  type OperationPayload,
  type OperationType,
  type OutboxOperation,
} from '../../shared/sync/operations';

/**
 * The outbox and the device counters on tables handed over by the caller, who holds the transaction: the
 * database's own (outbox.ts, device.ts), or a schema upgrade's, whose transaction is not the database
 * object's. Imports nothing of database.ts, so the schema's upgrades can use it without an import cycle.
 */
export type MetaTable = Table<{ key: string; value: unknown }, string>;
export type OutboxTable = Table<OutboxOperation, number>;

export async function bumpCounter(meta: MetaTable, key: string): Promise<number> {
  const row = await meta.get(key);
  const next = (typeof row?.value === 'number' ? row.value : 0) + 1;
  await meta.put({ key, value: next });
  return next;
}

export async function deviceIdIn(meta: MetaTable): Promise<string> {
  const row = await meta.get('deviceId');
  if (typeof row?.value === 'string') return row.value;
  const id = uuidv7();
  await meta.put({ key: 'deviceId', value: id });
  return id;
}

/** Checks the payload and appends the operation with this device's next sequence number. */
export async function queueOperation<T extends OperationType>(
  meta: MetaTable,
  outbox: OutboxTable,
  type: T,
  payload: OperationPayload<T>,
  now: Date,
): Promise<OutboxOperation<T>> {
  operationPayloads[type].parse(payload);
  const op: OutboxOperation<T> = {
    deviceSeq: await bumpCounter(meta, 'deviceSeq'),
    opId: uuidv7(),
    deviceId: await deviceIdIn(meta),
    schemaVersion: SYNC_SCHEMA_VERSION,
    type,
    payload,
    createdAt: now.toISOString(),
  };
  await outbox.add(op as OutboxOperation);
  return op;
}

type BatchOp = Pick<OutboxOperation, 'deviceSeq' | 'opId' | 'deviceId'>;

/** What the outbox holds now at a pushed batch's numbers, from its first to its last. */
export interface BatchNumbers {
  /** The device the outbox's ops belong to now (`meta` deviceId). */
  deviceId: unknown;
  /** Rows from the batch's first number to its last. */
  count: number;
  /** The op ids of the rows at the first and at the last number, if there are rows. */
  firstOpId?: string;
  lastOpId?: string;
}

/**
 * Whether the rows at a pushed batch's numbers are still exactly that batch (issue 17, R23), so that one
 * range delete removes it and nothing else. The batch was read as the outbox's head in number order, and new
 * ops only ever take higher numbers; an enrollment renumbers the queue from 1 (becomeEnrolledDevice), under
 * a new device id from HQ (and the drain renumbers once more when a batch sent before the enrollment is
 * acknowledged after it, in the transaction that removes that batch: renumberQueue). So: every op
 * acknowledged, the same device, as many rows as the batch, and its first and last op still at its first and
 * last number (an HQ that kept the device's id would renumber under the same one; renumbering keeps the
 * order, so the ops between those two are the batch's).
 */
export function batchStillAtItsNumbers(
  batch: readonly BatchOp[],
  acknowledged: ReadonlySet<string>,
  now: BatchNumbers,
): boolean {
  const first = batch[0];
  const last = batch.at(-1);
  return (
    first !== undefined &&
    last !== undefined &&
    batch.every((o) => acknowledged.has(o.opId) && o.deviceId === first.deviceId) &&
    now.deviceId === first.deviceId &&
    now.count === batch.length &&
    now.firstOpId === first.opId &&
    now.lastOpId === last.opId
  );
}

/**
 * Removes a pushed batch's acknowledged ops from the outbox (R23): in one range delete when the rows at its
 * numbers are still the batch (batchStillAtItsNumbers) — one request to the browser's storage instead of
 * one per row, which cost 0.7 ms each (issue 17, bench:sync) — otherwise by op id.
 */
export async function removeAcknowledged(
  meta: MetaTable,
  outbox: OutboxTable,
  batch: readonly BatchOp[],
  acknowledged: ReadonlySet<string>,
): Promise<void> {
  const done = batch.filter((o) => acknowledged.has(o.opId));
  if (done.length === 0) return;
  if (done.length === batch.length) {
    const range = outbox.where(':id').between(batch[0]!.deviceSeq, batch.at(-1)!.deviceSeq, true, true);
    const [device, count, [firstRow, lastRow]] = await Promise.all([
      meta.get('deviceId'),
      range.count(),
      outbox.bulkGet([batch[0]!.deviceSeq, batch.at(-1)!.deviceSeq]),
    ]);
    const now = { deviceId: device?.value, count, firstOpId: firstRow?.opId, lastOpId: lastRow?.opId };
    if (batchStillAtItsNumbers(batch, acknowledged, now)) {
      await range.delete();
      return;
    }
  }
  await outbox
    .where('opId')
    .anyOf(done.map((o) => o.opId))
    .delete();
}

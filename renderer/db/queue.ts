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

/**
 * Removes a pushed batch's acknowledged ops from the outbox (R23). The batch was read as the outbox's head
 * in sequence order, and new ops only ever take higher numbers: while the device is the same (an enrollment
 * renumbers the queue under a new device id) and the rows from the batch's first to its last number are
 * still exactly as many, they are the batch. They then go in one range delete — one request to the
 * browser's storage instead of one per row, which cost 0.7 ms each (issue 17, bench:sync). Otherwise, and
 * when only some were acknowledged, by op id.
 */
export async function removeAcknowledged(
  meta: MetaTable,
  outbox: OutboxTable,
  batch: readonly Pick<OutboxOperation, 'deviceSeq' | 'opId' | 'deviceId'>[],
  acknowledged: ReadonlySet<string>,
): Promise<void> {
  const done = batch.filter((o) => acknowledged.has(o.opId));
  if (done.length === 0) return;
  const device = batch[0]!.deviceId;
  if (
    done.length === batch.length &&
    batch.every((o) => o.deviceId === device) &&
    (await meta.get('deviceId'))?.value === device
  ) {
    const range = outbox.where(':id').between(batch[0]!.deviceSeq, batch.at(-1)!.deviceSeq, true, true);
    if ((await range.count()) === batch.length) {
      await range.delete();
      return;
    }
  }
  await outbox
    .where('opId')
    .anyOf(done.map((o) => o.opId))
    .delete();
}

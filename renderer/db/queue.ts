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

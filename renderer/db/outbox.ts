import { Dexie } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import {
  SYNC_SCHEMA_VERSION,
  operationPayloads,
  type OperationPayload,
  type OperationType,
  type OutboxOperation,
} from '../../shared/sync/operations';
import type { OtklikDatabase } from './database';
import { deviceId, incrementCounter } from './device';

/**
 * Tables every user action writes: its data, its history, its outbox row and the device counters; and the
 * settings it reads (the calendar and policy a complaint's urgency keys are computed under).
 */
export function actionTables(db: OtklikDatabase) {
  return [db.complaints, db.events, db.outbox, db.meta, db.drafts, db.settings];
}

/**
 * Queues an operation for HQ. Must run inside the transaction that writes the data it describes
 * (transactional outbox): either both are saved or neither is.
 */
export async function enqueue<T extends OperationType>(
  db: OtklikDatabase,
  type: T,
  payload: OperationPayload<T>,
  now: Date,
): Promise<OutboxOperation<T>> {
  const tx = Dexie.currentTransaction;
  if (!tx || tx.db !== db || !tx.storeNames.includes('outbox')) {
    throw new Error(`"${type}" must be queued in the same transaction as the data it describes`);
  }
  operationPayloads[type].parse(payload);
  const op: OutboxOperation<T> = {
    deviceSeq: await incrementCounter(db, 'deviceSeq'),
    opId: uuidv7(),
    deviceId: await deviceId(db),
    schemaVersion: SYNC_SCHEMA_VERSION,
    type,
    payload,
    createdAt: now.toISOString(),
  };
  await db.outbox.add(op as OutboxOperation);
  return op;
}

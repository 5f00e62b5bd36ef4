import { Dexie } from 'dexie';
import type { OperationPayload, OperationType, OutboxOperation } from '../../shared/sync/operations';
import type { OtklikDatabase } from './database';
import { queueOperation } from './queue';

/** Tables every user action writes: its data, its history, its outbox row and the device counters. */
export function actionTables(db: OtklikDatabase) {
  return [db.complaints, db.events, db.outbox, db.meta, db.drafts];
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
  // The device counters change only inside a read-write transaction that holds them (device.ts).
  if (!tx.storeNames.includes('meta') || tx.mode !== 'readwrite')
    throw new Error('Device counters may only change inside a read-write transaction on "meta"');
  return queueOperation(db.meta, db.outbox, type, payload, now);
}

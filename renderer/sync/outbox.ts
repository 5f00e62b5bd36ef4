import type { OpResult, PushOperation } from '../../shared/sync/protocol';
import type { OtklikDatabase } from '../db/database';
import { removeAcknowledged } from '../db/queue';
import { HqRequestError, syncProblemOf, type HqClient, type HqConnection } from './client';
import { META, MAX_REJECTIONS_KEPT, readMeta, type OutboxRow, type Rejection } from './state';

/** What a queued op sends to HQ. */
const pushOperationOf = (o: OutboxRow): PushOperation => ({
  opId: o.opId,
  deviceId: o.deviceId,
  deviceSeq: o.deviceSeq,
  schemaVersion: o.schemaVersion,
  type: o.type,
  payload: o.payload,
  createdAt: o.createdAt,
});

/**
 * Pushes the outbox head first, batch by batch; an acknowledged op leaves the outbox in one transaction.
 * The next batch is read while this one is on the wire, and this one's acknowledgement is stored while the
 * next one is: a batch goes only after HQ has answered the one before it, so HQ still applies them in
 * order, and an op whose acknowledgement was not stored (a failure, a reload) is sent again and answered
 * as a duplicate (HQ knows every op by its id).
 */
export async function drainOutbox(
  db: OtklikDatabase,
  client: HqClient,
  conn: HqConnection,
  batchSize: number,
): Promise<void> {
  let batch = await outboxAfter(db, undefined, batchSize);
  let stored: Promise<void> = Promise.resolve();
  try {
    while (batch.length > 0) {
      const next = outboxAfter(db, batch.at(-1)!.deviceSeq, batchSize);
      let results;
      try {
        results = (await client.push(conn, batch.map(pushOperationOf))).results;
      } catch (error) {
        next.catch(() => undefined);
        // The push's error is the one to tell; the batch before it goes again if its answers were not stored.
        await stored.catch(() => undefined);
        stored = Promise.resolve();
        await noteFailure(db, batch, error);
        throw error;
      }
      // The batch before this one's acknowledgement, before this one's.
      await stored;
      const acked = new Map(results.map((r) => [r.opId, r]));
      stored = storeAcknowledgements(db, batch, acked);
      if (!batch.every((o) => acked.has(o.opId))) {
        next.catch(() => undefined);
        throw new HqRequestError('server', 'HQ did not acknowledge every operation', undefined, undefined, {
          kind: 'unacknowledged',
        });
      }
      batch = await next;
    }
  } finally {
    await stored;
  }
}

/** The outbox's first `limit` ops after number `after` (from its head without it), in their order. */
async function outboxAfter(
  db: OtklikDatabase,
  after: number | undefined,
  limit: number,
): Promise<OutboxRow[]> {
  const rows =
    after === undefined ? db.outbox.orderBy('deviceSeq') : db.outbox.where('deviceSeq').above(after);
  return (await rows.limit(limit).toArray()) as OutboxRow[];
}

/** A pushed batch's answers: acknowledged ops leave the outbox, refused ones are kept to be shown. */
async function storeAcknowledgements(
  db: OtklikDatabase,
  batch: OutboxRow[],
  acked: Map<string, OpResult>,
): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction('rw', db.outbox, db.meta, async () => {
    const rejected: Rejection[] = [];
    for (const op of batch) {
      const r = acked.get(op.opId);
      if (!r) continue;
      if (r.outcome === 'rejected')
        rejected.push({
          opId: op.opId,
          deviceSeq: op.deviceSeq,
          type: op.type,
          reason: r.reason ?? 'unknown',
          at: now,
        });
    }
    // An enrollment meanwhile may have renumbered the queue (becomeEnrolledDevice): queue.ts checks.
    await removeAcknowledged(db.meta, db.outbox, batch, new Set(acked.keys()));
    if (rejected.length > 0) {
      const kept = (await readMeta<Rejection[]>(db, META.rejections)) ?? [];
      await db.meta.put({
        key: META.rejections,
        value: [...rejected, ...kept].slice(0, MAX_REJECTIONS_KEPT),
      });
    }
  });
}

/** A batch that did not go: each of its ops still queued records the attempt and what went wrong. */
async function noteFailure(db: OtklikDatabase, batch: OutboxRow[], error: unknown): Promise<void> {
  const problem = syncProblemOf(error);
  const at = new Date().toISOString();
  await db.transaction('rw', db.outbox, async () => {
    for (const op of batch) {
      // Only rows still queued: a reload may have let another syncer push them meanwhile.
      await db.outbox
        .where('opId')
        .equals(op.opId)
        .modify((row: OutboxRow) => {
          row.attempts = (row.attempts ?? 0) + 1;
          row.lastError = problem;
          row.lastAttemptAt = at;
        });
    }
  });
}

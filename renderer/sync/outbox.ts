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
 * next one is; a batch goes only after HQ has answered the one before it. An op whose acknowledgement was
 * not stored (a failure, a reload) is sent again and answered as a duplicate (HQ knows every op by its
 * id). An enrollment meanwhile renumbers the queue (becomeEnrolledDevice): a batch read ahead is used only
 * if the batch before it was still at its numbers when it was read; otherwise the head is read again. And
 * it ends the drain: the ops left go in the next cycle, with the new enrollment's token (sent with this
 * cycle's, HQ would refuse them for good as another device's: wrong_device).
 */
export async function drainOutbox(
  db: OtklikDatabase,
  client: HqClient,
  conn: HqConnection,
  batchSize: number,
): Promise<void> {
  const device = await queueDevice(db);
  let batch = await outboxHead(db, device, batchSize);
  // The previous batch's acknowledgement being stored; marked handled here, its error told when awaited.
  let stored: Promise<void> = Promise.resolve();
  try {
    while (batch.length > 0) {
      const next = outboxAfter(db, device, batch, batchSize);
      next.catch(() => undefined);
      let results;
      try {
        results = (await client.push(conn, batch.map(pushOperationOf))).results;
      } catch (error) {
        // A failure to store the batch before (a full disk) is the one to tell; the push's otherwise.
        const previous = stored;
        stored = Promise.resolve();
        await previous;
        await noteFailure(db, batch, error);
        throw error;
      }
      // The batch before this one's acknowledgement, before this one's.
      const previous = stored;
      stored = Promise.resolve();
      await previous;
      const acked = new Map(results.map((r) => [r.opId, r]));
      stored = storeAcknowledgements(db, batch, acked);
      stored.catch(() => undefined);
      if (!batch.every((o) => acked.has(o.opId)))
        throw new HqRequestError('server', 'HQ did not acknowledge every operation', undefined, undefined, {
          kind: 'unacknowledged',
        });
      const ahead = await next;
      if (ahead) batch = ahead;
      else {
        await stored;
        batch = await outboxHead(db, device, batchSize);
      }
    }
  } finally {
    // A failure to store the last acknowledgement is told rather than lost (it replaces an error above).
    await stored;
  }
}

/** The device the queue is numbered for (meta `deviceId`: an enrollment changes it). */
const queueDevice = async (db: OtklikDatabase): Promise<unknown> => (await db.meta.get('deviceId'))?.value;

/** The outbox's first `limit` ops, in their order; none once the queue is another device's. */
async function outboxHead(db: OtklikDatabase, device: unknown, limit: number): Promise<OutboxRow[]> {
  return db.transaction('r', db.outbox, db.meta, async () =>
    (await queueDevice(db)) !== device
      ? []
      : ((await db.outbox.orderBy('deviceSeq').limit(limit).toArray()) as OutboxRow[]),
  );
}

/**
 * The `limit` ops after `batch`, in their order, read in one transaction with its first and last rows: null
 * when those are no longer the batch's ops of the same device at the same numbers (the queue was
 * renumbered), so that no op is skipped or sent under numbers it no longer has; none once the queue is
 * another device's.
 */
async function outboxAfter(
  db: OtklikDatabase,
  device: unknown,
  batch: readonly OutboxRow[],
  limit: number,
): Promise<OutboxRow[] | null> {
  const first = batch[0]!;
  const last = batch.at(-1)!;
  return db.transaction('r', db.outbox, db.meta, async () => {
    if ((await queueDevice(db)) !== device) return [];
    const held = await db.outbox.bulkGet([first.deviceSeq, last.deviceSeq]);
    const same = (row: OutboxRow | undefined, op: OutboxRow) =>
      row?.opId === op.opId && row.deviceId === op.deviceId;
    if (!same(held[0] as OutboxRow | undefined, first) || !same(held[1] as OutboxRow | undefined, last))
      return null;
    return (await db.outbox.where('deviceSeq').above(last.deviceSeq).limit(limit).toArray()) as OutboxRow[];
  });
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

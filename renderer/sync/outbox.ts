import {
  LEGACY_PUSH_BATCH,
  MAX_PUSH_CHARS,
  type OpResult,
  type PushOperation,
} from '../../shared/sync/protocol';
import { pushBatchSize, pushBody } from '../../shared/sync/push-body';
import type { OtklikDatabase } from '../db/database';
import { enrolledLink, isEnrolledWith, rememberPushBatch, renumberQueue } from '../db/device';
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
 * A batch holds as many ops as HQ takes (`batchSize`, or what HQ last said: pushBatchSize), and no
 * more than fit a body of `maxChars` (pushBody). A batch larger than every HQ takes, refused as too large
 * (an HQ rolled back to a version from before `maxPushBatch`), goes again at once as LEGACY_PUSH_BATCH.
 * While HQ applies a batch, the previous batch's answers are stored and the ops after it read (issue 17):
 * when they make a whole batch, it goes right after HQ answers; at the queue's tail, the head is read
 * again once the answers are stored (ops queued meanwhile go in this drain). An enrollment (a new device
 * with a new token; the queue renumbered under it: becomeEnrolledDevice) ends the drain at the next read,
 * or at the check of the link before a batch read ahead goes: the ops left go with the new token (the
 * engine starts its cycle again). Sent with this cycle's, HQ would refuse them for good as another
 * device's (wrong_device). A batch read before the enrollment and sent after it goes as the old
 * device: once it is acknowledged, what is left is numbered from 1 again (storeAcknowledgements).
 */
export async function drainOutbox(
  db: OtklikDatabase,
  client: HqClient,
  conn: HqConnection,
  batchSize?: number,
  maxChars = MAX_PUSH_CHARS,
): Promise<void> {
  // The last acknowledged batch's answers, stored while the next batch is on the wire; and the ops after
  // the batch on the wire, read meanwhile. Both settled before the drain returns or throws.
  let storing: Promise<void> = Promise.resolve();
  let next: Promise<OutboxHead> | undefined;
  try {
    let head = (await outboxHead(db, conn, batchSize)).rows;
    while (head.length > 0) {
      const ops = head.map(pushOperationOf);
      const { count, body } = pushBody(ops, maxChars);
      const batch = head.slice(0, count);
      // The rows after this batch: storing the previous batch's answers leaves them as they are, unless an
      // enrollment renumbered the queue, which the link's check below finds before they go.
      next = outboxHead(db, conn, batchSize, batch.at(-1)!.deviceSeq);
      void next.catch(() => undefined); // its failure is thrown where it is awaited
      let results;
      try {
        results = (await client.push(conn, ops.slice(0, count), body)).results;
      } catch (error) {
        // Should storing the answers before have failed too (a full disk), that failure is thrown, and no
        // attempt is counted: the storage that refused the answers would refuse the count.
        await storing;
        // The cycle pulls only after the drain, so the figure would never be corrected otherwise: it is
        // forgotten, and the head is read again. Nothing is counted against the ops.
        if (batchSize === undefined && batch.length > LEGACY_PUSH_BATCH && refusedWhole(error)) {
          await next.catch(() => undefined);
          await rememberPushBatch(db, conn.token, undefined);
          head = (await outboxHead(db, conn, batchSize)).rows;
          continue;
        }
        await noteFailure(db, batch, error);
        throw error;
      }
      const acked = new Map(results.map((r) => [r.opId, r]));
      await storing;
      // A whole batch read meanwhile goes next, as long as the link is still this cycle's. Should the read or
      // the check fail, the answers are stored first all the same, and the head read again (below).
      const read = await next.catch(() => undefined);
      const ours = read?.full === true && (await isEnrolledWith(db, conn.token).catch(() => false));
      const ahead = ours ? read.rows : undefined;
      storing = storeAcknowledgements(db, conn, batch, acked);
      void storing.catch(() => undefined); // its failure is thrown where it is awaited
      if (!batch.every((o) => acked.has(o.opId)))
        throw new HqRequestError('server', 'HQ did not acknowledge every operation', undefined, undefined, {
          kind: 'unacknowledged',
        });
      if (ahead) head = ahead;
      else {
        // The queue's tail (ops may have been queued since), an enrollment, or a read ahead or check that
        // failed: read once the answers are stored, as the first batch was.
        await storing;
        head = (await outboxHead(db, conn, batchSize)).rows;
      }
    }
  } finally {
    await next?.catch(() => undefined);
    // Thrown from here when storing failed: that failure is what the caller hears.
    await storing;
  }
}

/**
 * HQ's answer to a push it refuses as a whole: its schema's 400 (too many ops for it, or another fault of
 * the request: then the push of 200 fails the same way, and is counted), or 413 for its body (HQ, or a proxy
 * in front of it).
 */
const refusedWhole = (error: unknown) =>
  error instanceof HqRequestError && (error.status === 400 || error.status === 413);

/** The outbox's first ops in their order, and whether they are as many as a push holds. */
interface OutboxHead {
  rows: OutboxRow[];
  full: boolean;
}

/**
 * The outbox's first ops (after number `after`, if given), in their order: `limit`, or as many as HQ
 * takes; none once the queue is another enrollment's.
 */
async function outboxHead(
  db: OtklikDatabase,
  conn: HqConnection,
  limit: number | undefined,
  after?: number,
): Promise<OutboxHead> {
  return db.transaction('r', db.outbox, db.meta, async () => {
    // An enrollment stores the new link and renumbers the queue in one transaction (storeEnrollment).
    const link = await enrolledLink(db, conn.token);
    if (!link) return { rows: [], full: false };
    const size = limit ?? pushBatchSize(link.maxPushBatch);
    const from =
      after === undefined ? db.outbox.orderBy('deviceSeq') : db.outbox.where('deviceSeq').above(after);
    const rows = (await from.limit(size).toArray()) as OutboxRow[];
    return { rows, full: rows.length === size };
  });
}

/** A pushed batch's answers: acknowledged ops leave the outbox, refused ones are kept to be shown. */
async function storeAcknowledgements(
  db: OtklikDatabase,
  conn: HqConnection,
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
    // Then this batch went as the old device, and the new one's first ops have left the queue: numbered
    // from 1 again, the rest is no gap at HQ (a device_seq_gap incident when no data was lost). The new
    // device has sent nothing yet: one cycle runs at a time (the sync lock, sync.worker.ts), and its first
    // comes after this one.
    if (!(await isEnrolledWith(db, conn.token))) await renumberQueue(db);
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

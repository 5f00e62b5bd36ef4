import { Dexie } from 'dexie';
import type { BranchDirectory } from '../../shared/sync/protocol';
import type { OtklikDatabase } from './database';
import { bumpCounter, deviceIdIn } from './queue';

/**
 * Counters and identity of this device. Each is read and bumped inside the caller's transaction, so a
 * value is never handed out twice and never "used" by a write that was rolled back.
 */
function assertInTransaction(db: OtklikDatabase): void {
  const tx = Dexie.currentTransaction;
  if (!tx || tx.db !== db || !tx.storeNames.includes('meta') || tx.mode !== 'readwrite') {
    throw new Error('Device counters may only change inside a read-write transaction on "meta"');
  }
}

export async function incrementCounter(db: OtklikDatabase, key: string): Promise<number> {
  assertInTransaction(db);
  return bumpCounter(db.meta, key);
}

export async function deviceId(db: OtklikDatabase): Promise<string> {
  assertInTransaction(db);
  return deviceIdIn(db.meta);
}

/**
 * Issue 13: every enrollment makes this PC a new device at HQ, with the id HQ confirms or gives and a
 * sequence that HQ starts at 1. What is still queued becomes that device's: each op carries the id and the
 * ops are numbered 1, 2, … in their order, and the counter goes on from there — a gap in the sequence tells
 * HQ that data was lost here, so none may appear. Inside the caller's read-write transaction on `meta` and
 * `outbox`, together with storing the new link.
 */
export async function becomeEnrolledDevice(db: OtklikDatabase, id: string): Promise<void> {
  assertQueueTransaction(db);
  await db.meta.put({ key: 'deviceId', value: id });
  await renumberQueue(db);
}

function assertQueueTransaction(db: OtklikDatabase): void {
  assertInTransaction(db);
  if (!Dexie.currentTransaction!.storeNames.includes('outbox'))
    throw new Error('The outbox must be renumbered in the transaction that changes the device');
}

/**
 * What is queued numbered 1, 2, … in its order as this device's, the counter going on from there: what an
 * enrollment does (becomeEnrolledDevice), and what the drain does again when a batch it sent before the
 * enrollment is acknowledged after it (renderer/sync/outbox.ts). Inside the caller's read-write
 * transaction on `meta` and `outbox`.
 */
export async function renumberQueue(db: OtklikDatabase): Promise<void> {
  assertQueueTransaction(db);
  const id = await deviceIdIn(db.meta);
  const queued = await db.outbox.orderBy('deviceSeq').toArray();
  await db.outbox.clear();
  await db.outbox.bulkAdd(queued.map((op, i) => ({ ...op, deviceId: id, deviceSeq: i + 1 })));
  await db.meta.put({ key: 'deviceSeq', value: queued.length });
}

/** This device's enrollment at HQ: the token is what HQ knows it by (HQ keeps only its hash). */
export interface HqLink {
  hqUrl: string;
  token: string;
  deviceId: string;
  /** The branch as HQ's directory has it, refreshed by every pull. */
  branch: BranchDirectory;
  enrolledAt: string;
  /**
   * Issue 17: how many operations this HQ takes in a push, as its enrollment answer (renderer/sync/enroll.ts)
   * or its last pull (rememberPushBatch) said; absent from an HQ that does not say, or on a link stored
   * before HQ said it (shared/sync/push-body pushBatchSize).
   */
  maxPushBatch?: number;
}

/** Where the link is kept in `meta`. */
export const HQ_LINK_KEY = 'sync.link';

/**
 * Issue 16 item 4: the public status page's address as HQ's last pull gave it (absent: HQ does not run it),
 * so the receipt's QR code opens it on a phone.
 */
export const STATUS_PAGE_KEY = 'documents.statusPageUrl';

export async function statusPageUrl(db: OtklikDatabase): Promise<string | undefined> {
  const value = (await db.meta.get(STATUS_PAGE_KEY))?.value;
  return typeof value === 'string' && value ? value : undefined;
}

/** Remembers what HQ said (written only when it changed: a pull runs every few seconds). */
export async function rememberStatusPageUrl(db: OtklikDatabase, url: string | undefined): Promise<void> {
  if ((await statusPageUrl(db)) === url) return;
  if (url) await db.meta.put({ key: STATUS_PAGE_KEY, value: url });
  else await db.meta.delete(STATUS_PAGE_KEY);
}

/**
 * Issue 17: what HQ's pull said it takes in a push, kept on the link of the enrollment it was said to (an
 * enrollment meanwhile keeps its own link); written only when it changed.
 */
export async function rememberPushBatch(
  db: OtklikDatabase,
  token: string,
  maxPushBatch: number | undefined,
): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const link = await enrolledLink(db, token);
    if (!link || link.maxPushBatch === maxPushBatch) return;
    const next: HqLink = { ...link, maxPushBatch };
    if (maxPushBatch === undefined) delete next.maxPushBatch;
    await db.meta.put({ key: HQ_LINK_KEY, value: next });
  });
}

export async function hqLink(db: OtklikDatabase): Promise<HqLink | undefined> {
  return (await db.meta.get(HQ_LINK_KEY))?.value as HqLink | undefined;
}

/**
 * Issue 13: an enrollment's answer stored, in one transaction: HQ's device from now on (its id, and what is
 * queued renumbered from 1: becomeEnrolledDevice) and the new link with its token.
 */
export async function storeEnrollment(db: OtklikDatabase, link: HqLink): Promise<void> {
  await db.transaction('rw', db.meta, db.outbox, async () => {
    await becomeEnrolledDevice(db, link.deviceId);
    await db.meta.put({ key: HQ_LINK_KEY, value: link });
  });
}

/** Whether the stored link is still the enrollment whose token this is: storeEnrollment replaces it. */
export async function isEnrolledWith(db: OtklikDatabase, token: string): Promise<boolean> {
  return (await enrolledLink(db, token)) !== undefined;
}

/** The stored link, when it is still the enrollment whose token this is; undefined otherwise. */
export async function enrolledLink(db: OtklikDatabase, token: string): Promise<HqLink | undefined> {
  const link = await hqLink(db);
  return link?.token === token ? link : undefined;
}

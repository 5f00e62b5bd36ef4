import { Dexie } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import type { BranchDirectory } from '../../shared/sync/protocol';
import type { OtklikDatabase } from './database';

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
  const row = await db.meta.get(key);
  const next = (typeof row?.value === 'number' ? row.value : 0) + 1;
  await db.meta.put({ key, value: next });
  return next;
}

export async function deviceId(db: OtklikDatabase): Promise<string> {
  assertInTransaction(db);
  const row = await db.meta.get('deviceId');
  if (typeof row?.value === 'string') return row.value;
  const id = uuidv7();
  await db.meta.put({ key: 'deviceId', value: id });
  return id;
}

/** This device's enrollment at HQ: the token is what HQ knows it by (HQ keeps only its hash). */
export interface HqLink {
  hqUrl: string;
  token: string;
  deviceId: string;
  /** The branch as HQ's directory has it, refreshed by every pull. */
  branch: BranchDirectory;
  enrolledAt: string;
}

/** Where the link is kept in `meta`. */
export const HQ_LINK_KEY = 'sync.link';

export async function hqLink(db: OtklikDatabase): Promise<HqLink | undefined> {
  return (await db.meta.get(HQ_LINK_KEY))?.value as HqLink | undefined;
}

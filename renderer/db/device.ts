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

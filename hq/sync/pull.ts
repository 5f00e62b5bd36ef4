import type { Pool } from 'pg';
import { MAX_PUSH_BATCH, type Change, type PullResponse } from '../../shared/sync/protocol';
import type { DevicePrincipal } from '../auth';
import { directoryChanges } from '../branches/directory';
import { complaintChanges } from '../complaints/changes';
import { bookEntryChanges } from '../mail/entry-changes';
import { employeeChanges } from '../people/employees';

/**
 * Changes for the device's branch after `cursor`, in HQ's order. Every row carries the branch version it
 * last changed at, and versions are unique within a branch, so a page never splits or skips one. Each
 * domain gives at most `limit + 1` of its own; the merge is cut to `limit`.
 */
export async function pullChanges(
  pool: Pool,
  device: DevicePrincipal,
  cursor: number,
  limit: number,
  statusPageUrl?: string,
): Promise<PullResponse> {
  const { branchId } = device;
  const parts = await Promise.all([
    complaintChanges(pool, branchId, cursor, limit + 1),
    bookEntryChanges(pool, branchId, cursor, limit + 1),
    directoryChanges(pool, branchId, cursor),
    employeeChanges(pool, branchId, cursor, limit + 1),
  ]);
  const all: Change[] = parts.flat().sort((a, b) => a.version - b.version);
  const page = all.slice(0, limit);
  const more = all.length > limit;
  return {
    changes: page,
    cursor: page.at(-1)?.version ?? cursor,
    more,
    serverTime: new Date().toISOString(),
    // Issue 16 item 4: with every pull, so turning the page on or off reaches every branch at once.
    ...(statusPageUrl ? { statusPageUrl } : {}),
    // Issue 17: what a push may hold; a workstation that has not yet heard it sends LEGACY_PUSH_BATCH.
    maxPushBatch: MAX_PUSH_BATCH,
  };
}

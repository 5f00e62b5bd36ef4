/// <reference lib="webworker" />
import { liveQuery } from 'dexie';
import { OtklikDatabase } from '../db/database';
import { SYNC_CHANNEL, SYNC_LOCK, type SyncMessage } from './channel';
import { createHqClient } from './client';
import { SyncEngine } from './engine';
import { SyncScheduler } from './scheduler';
import { pendingCounts, updateStatus } from './state';

/**
 * The sync engine runs here, off the page's thread. Each window starts one of these workers; the Web Lock
 * lets exactly one of them sync at a time, and the next takes over when its window closes.
 */
const db = new OtklikDatabase();
const engine = new SyncEngine(db, createHqClient());
const scheduler = new SyncScheduler({
  runCycle: () => engine.runCycle(),
  oldestPendingAt: async () => (await pendingCounts(db)).oldestAt,
  onScheduled: (at, failures) =>
    void updateStatus(db, { nextAttemptAt: new Date(at).toISOString(), failures }).catch(() => undefined),
});

const channel = new BroadcastChannel(SYNC_CHANNEL);
channel.onmessage = (event: MessageEvent<SyncMessage>) => scheduler.trigger(event.data.trigger);

void navigator.locks.request(SYNC_LOCK, async () => {
  // A new write (any window) is a trigger: the outbox or the pending photos grew.
  let last = { records: -1, photos: -1 };
  liveQuery(() => pendingCounts(db)).subscribe({
    next: (c) => {
      if (last.records >= 0 && (c.records > last.records || c.photos > last.photos))
        scheduler.trigger('write');
      last = c;
    },
  });
  scheduler.start();
  // Hold the lock for the life of this worker.
  await new Promise<never>(() => undefined);
});

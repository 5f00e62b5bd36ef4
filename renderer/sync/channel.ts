import type { SyncTrigger } from './scheduler';

/** Every window and every sync worker of this origin listen here; only the lock holder acts. */
export const SYNC_CHANNEL = 'otklik-sync';
export const SYNC_LOCK = 'otklik-sync';

export interface SyncMessage {
  trigger: SyncTrigger;
}

export function requestSync(trigger: SyncTrigger): void {
  const channel = new BroadcastChannel(SYNC_CHANNEL);
  channel.postMessage({ trigger } satisfies SyncMessage);
  channel.close();
}

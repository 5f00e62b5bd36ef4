import type { FaultPoints } from '../faults';
import type { BlobStore } from './store';

/**
 * The photo store as a full disk leaves it while HQ_FAULT_DISK_FULL's file exists (hq/faults.ts; issue 20's
 * chaos runs): every write fails with ENOSPC — which HQ answers with a 507, the branch keeping the photo —
 * and reads go on. Without faults the store is returned as it is.
 */
export function withDiskFullFault(store: BlobStore, faults: FaultPoints | undefined): BlobStore {
  if (!faults) return store;
  return {
    has: (sha256) => store.has(sha256),
    read: (sha256) => store.read(sha256),
    put: (sha256, body, limits) => {
      if (!faults.diskFull()) return store.put(sha256, body, limits);
      body.pause();
      const error = Object.assign(new Error('ENOSPC: no space left on device (HQ_FAULT_DISK_FULL)'), {
        code: 'ENOSPC',
      });
      return Promise.reject(error);
    },
  };
}

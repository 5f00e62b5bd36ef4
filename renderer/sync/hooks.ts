import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../db/context';
import { hqLink } from '../db/device';
import { resolvedPolicyOf } from '../../shared/settings/directory';
import type { ResolvedPolicy } from '../../shared/settings/policy-layers';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import {
  pendingCounts,
  readMeta,
  refusedAttachments,
  refusedPhotos,
  syncStatus,
  META,
  type ClockReading,
  type Rejection,
} from './state';

/**
 * R10 (issue 15 item 7): the policies in force here — HQ's company and branch layers over this PC's
 * settings (shared/settings/policy-layers) — and the company's name HQ set (item 3; empty until then).
 */
export function useHqPolicy(settings: WorkstationSettings): ResolvedPolicy & { companyName: string } {
  const link = useHqLink();
  return { ...resolvedPolicyOf(settings, link?.branch), companyName: link?.branch.companyName ?? '' };
}

export function useSyncStatus() {
  const db = useDb();
  return useLiveQuery(() => syncStatus(db), [db]);
}

export function useHqLink() {
  const db = useDb();
  return useLiveQuery(async () => (await hqLink(db)) ?? null, [db]);
}

export function usePending() {
  const db = useDb();
  return useLiveQuery(() => pendingCounts(db), [db]);
}

export function useRejections() {
  const db = useDb();
  return useLiveQuery(async () => (await readMeta<Rejection[]>(db, META.rejections)) ?? [], [db]);
}

/** Photos HQ refused for good that a page still uses: the Sync screen explains them, the badge counts them. */
export function useRefusedPhotos() {
  const db = useDb();
  return useLiveQuery(() => refusedPhotos(db), [db]);
}

/** Issue 15 (R3): attached files HQ refused or holds back, still on a complaint here (the Sync screen). */
export function useRefusedAttachments() {
  const db = useDb();
  return useLiveQuery(() => refusedAttachments(db), [db]);
}

/** Issue 13: how far this workstation's clock was from HQ's at the last pull (undefined: not known yet). */
export function useClockReading() {
  const db = useDb();
  return useLiveQuery(async () => (await readMeta<ClockReading>(db, META.clock)) ?? null, [db]);
}

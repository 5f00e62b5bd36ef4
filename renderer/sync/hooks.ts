import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../db/context';
import { hqLink, pendingCounts, readMeta, syncStatus, META, type Rejection } from './state';

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

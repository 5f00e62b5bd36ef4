import { createContext, useContext, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import type { OtklikDatabase } from './database';
import { loadWorkstationSettings } from './settings';

const DbContext = createContext<OtklikDatabase | null>(null);

export function DbProvider({ db, children }: { db: OtklikDatabase; children: ReactNode }) {
  return <DbContext.Provider value={db}>{children}</DbContext.Provider>;
}

export function useDb(): OtklikDatabase {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb outside DbProvider');
  return db;
}

/** undefined while loading, null when this workstation has not been set up yet. */
export function useWorkstationSettings(): WorkstationSettings | null | undefined {
  const db = useDb();
  return useLiveQuery(() => loadWorkstationSettings(db), [db]);
}

export function usePendingCount(): number | undefined {
  const db = useDb();
  return useLiveQuery(() => db.outbox.count(), [db]);
}

import { createContext, useContext, type ReactNode } from 'react';
import type { ConsoleUser } from '../../shared/console/protocol';
import type { ConsoleApi } from './api/client';

export interface ConsoleSession {
  api: ConsoleApi;
  user: ConsoleUser;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<ConsoleSession | null>(null);

export function SessionProvider({ value, children }: { value: ConsoleSession; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The signed-in user and the API client; only screens behind sign-in use it. */
export function useSession(): ConsoleSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}

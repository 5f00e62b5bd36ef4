import { createContext, useContext } from 'react';
import type { Employee } from '../../shared/people/model';

/** The workstation's people as the screens see them (issue 14, R24). */
export interface Counter {
  /** This branch's employees, active or not, by name. */
  employees: Employee[];
  /** Signed in now; null while the workstation is locked. */
  signedIn: Employee | null;
  /**
   * Whose work the screens hold: the last employee signed in at this window. A lock hides the screens but
   * keeps them as they are (what was typed stays), and whoever signs in next carries on from there.
   */
  shown: Employee | null;
  signIn(employee: Employee): void;
  lock(): void;
}

export const CounterContext = createContext<Counter | null>(null);

/** null outside a set-up workstation (the first run). */
export function useCounter(): Counter | null {
  return useContext(CounterContext);
}

/**
 * The employee every action is attributed to (`actor`/`actorId`, `receivedBy`, `capturedBy`…). Only the
 * screens behind the sign-in ask for it, so there always is one.
 */
export function useSignedInEmployee(): Employee {
  const employee = useCounter()?.shown;
  if (!employee) throw new Error('useSignedInEmployee outside the signed-in screens');
  return employee;
}

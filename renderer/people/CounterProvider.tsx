import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Employee } from '../../shared/people/model';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { branchEmployees } from '../db/employees';
import { CounterContext, type Counter } from './context';
import { CounterSession, SESSION_KEY } from './session';

/** Input that counts as someone at the counter. */
const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
const IDLE_CHECK_MS = 1_000;

/** Ctrl+L (the key, whatever the keyboard layout) locks the workstation: the first of two keystrokes. */
export const isLockKey = (e: KeyboardEvent) =>
  e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey && e.code === 'KeyL';

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Who is at the counter, for every screen of a set-up workstation: the session (shared by the app's
 * windows), this branch's employees, the lock key and the auto-lock after `autoLockSeconds` of no input.
 */
export function CounterProvider({
  settings,
  children,
}: {
  settings: WorkstationSettings;
  children: ReactNode;
}) {
  const db = useDb();
  const [session] = useState(() => new CounterSession(browserStorage(), SESSION_KEY));
  const state = useSyncExternalStore(session.subscribe, () => session.snapshot);
  const employees = useLiveQuery(() => branchEmployees(db, settings.branchCode), [db, settings.branchCode]);
  const signedIn = employees?.find((e) => e.id === state.employeeId && e.active) ?? null;
  const [shownId, setShownId] = useState<string | null>(null);
  if (signedIn && signedIn.id !== shownId) setShownId(signedIn.id);
  const shown = employees?.find((e) => e.id === shownId) ?? null;

  // An employee deactivated (here or at HQ) or gone is signed out at once.
  const stale = employees !== undefined && state.employeeId !== null && signedIn === null;
  useEffect(() => {
    if (stale) session.lock();
  }, [stale, session]);

  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === SESSION_KEY) session.reload();
    };
    const onKey = (e: KeyboardEvent) => {
      if (!isLockKey(e)) return;
      e.preventDefault();
      session.lock();
    };
    window.addEventListener('storage', onStorage);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('storage', onStorage);
      window.removeEventListener('keydown', onKey);
    };
  }, [session]);

  const active = signedIn !== null;
  const { autoLockSeconds } = settings;
  useEffect(() => {
    if (!active) return;
    const touch = () => session.touch();
    for (const type of ACTIVITY) window.addEventListener(type, touch, { capture: true, passive: true });
    const check = () => void session.lockIfIdle(autoLockSeconds);
    check();
    const timer = window.setInterval(check, IDLE_CHECK_MS);
    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, touch, { capture: true });
      window.clearInterval(timer);
    };
  }, [active, autoLockSeconds, session]);

  const value = useMemo<Counter | null>(
    () =>
      employees === undefined
        ? null
        : {
            employees,
            signedIn,
            shown,
            signIn: (employee: Employee) => session.signIn(employee.id),
            lock: () => session.lock(),
          },
    [employees, signedIn, shown, session],
  );
  // The first read of the employees takes a moment: nothing is shown unlocked before it.
  if (value === null) return null;
  return <CounterContext.Provider value={value}>{children}</CounterContext.Provider>;
}

import { idleLockDue } from '../../shared/people/sign-in';

/**
 * Who is signed in at this workstation (issue 14, R24). One person works at a counter PC at a time, so the
 * session belongs to the workstation, not to a window: it is kept in localStorage, every window of the app
 * follows it (a `storage` event), a lock in one locks all, and a reload or a restart within the idle time
 * finds it again. Activity in any window keeps it open; with none for the idle time it locks.
 */
export interface SessionState {
  /** The signed-in employee; null while the workstation is locked. */
  employeeId: string | null;
  /** Last input (ms since the epoch) in any window of the app. */
  lastActivityAt: number;
}

export const SESSION_KEY = 'otklik.session';
/** Input is noted in memory at once and in storage at most this often (typing is many events). */
export const ACTIVITY_WRITE_MS = 5_000;

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export class CounterSession {
  private state: SessionState;
  private writtenAt = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: KeyValueStore | null,
    private readonly key = SESSION_KEY,
    // Read at each call, not captured: a clock set after the window loaded (a test's, or a page polyfill)
    // is the one every window and the rest of the app read (chaos seed 130171: one window noted its sign-in
    // on the old clock, another found it four hours old and locked both).
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.state = this.stored() ?? { employeeId: null, lastActivityAt: 0 };
  }

  /** The same object until the state changes (React's useSyncExternalStore compares it). */
  get snapshot(): SessionState {
    return this.state;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  signIn(employeeId: string): void {
    this.set({ employeeId, lastActivityAt: this.clock() }, true);
  }

  lock(): void {
    if (this.state.employeeId !== null) this.set({ ...this.state, employeeId: null }, true);
  }

  /** Input in this window. */
  touch(): void {
    if (this.state.employeeId === null) return;
    const now = this.clock();
    this.state = { ...this.state, lastActivityAt: now };
    if (now - this.writtenAt >= ACTIVITY_WRITE_MS) this.write();
  }

  /** Locks when no window has seen input for `autoLockSeconds`; true when it did. */
  lockIfIdle(autoLockSeconds: number): boolean {
    if (this.state.employeeId === null) return false;
    // Another window may have seen input since: its note counts as well.
    const stored = this.stored();
    const last = Math.max(this.state.lastActivityAt, stored?.lastActivityAt ?? 0);
    if (!idleLockDue(last, this.clock(), autoLockSeconds)) return false;
    this.lock();
    return true;
  }

  /** Another window changed the session (its `storage` event). */
  reload(): void {
    const stored = this.stored();
    if (!stored) return;
    if (stored.employeeId === this.state.employeeId) {
      this.state = {
        ...this.state,
        lastActivityAt: Math.max(this.state.lastActivityAt, stored.lastActivityAt),
      };
      return;
    }
    this.state = stored;
    this.emit();
  }

  private set(next: SessionState, emit: boolean): void {
    this.state = next;
    this.write();
    if (emit) this.emit();
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }

  private write(): void {
    this.writtenAt = this.clock();
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.state));
    } catch {
      // Storage blocked or full: the session still works in this window.
    }
  }

  private stored(): SessionState | undefined {
    try {
      const raw = this.storage?.getItem(this.key);
      if (!raw) return undefined;
      const v = JSON.parse(raw) as Partial<SessionState>;
      if (typeof v.lastActivityAt !== 'number') return undefined;
      return {
        employeeId: typeof v.employeeId === 'string' ? v.employeeId : null,
        lastActivityAt: v.lastActivityAt,
      };
    } catch {
      return undefined;
    }
  }
}

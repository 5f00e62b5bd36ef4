import { describe, expect, it, vi } from 'vitest';
import { ACTIVITY_WRITE_MS, CounterSession } from '../../../../renderer/people/session';

// Issue 14, R24: who is signed in belongs to the workstation: shared by its windows through storage, locked
// by Ctrl+L in any of them, and after the idle time with no input in any of them.
class Clock {
  t = Date.parse('2026-11-23T09:00:00Z');
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

function windows(count: number) {
  const clock = new Clock();
  const storage = new Map<string, string>();
  const shared = {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
  };
  const all = Array.from({ length: count }, () => new CounterSession(shared, 'test.session', clock.now));
  /** What the browser does: every other window hears of a change to the key. */
  const broadcast = () => all.forEach((s) => s.reload());
  return { clock, storage, all, broadcast };
}

describe('CounterSession', () => {
  it('starts locked; signs in, locks, and tells its listeners each time', () => {
    const { all } = windows(1);
    const s = all[0]!;
    const heard: Array<string | null> = [];
    s.subscribe(() => heard.push(s.snapshot.employeeId));
    expect(s.snapshot.employeeId).toBeNull();
    s.signIn('olga');
    s.lock();
    s.lock(); // already locked: nothing to tell
    expect(heard).toEqual(['olga', null]);
  });

  it('locks after the idle time with no input, not before', () => {
    const { clock, all } = windows(1);
    const s = all[0]!;
    s.signIn('olga');
    clock.advance(299_000);
    expect(s.lockIfIdle(300)).toBe(false);
    s.touch();
    clock.advance(299_000);
    expect(s.lockIfIdle(300)).toBe(false);
    clock.advance(1_000);
    expect(s.lockIfIdle(300)).toBe(true);
    expect(s.snapshot.employeeId).toBeNull();
  });

  it('input in one window keeps the others open; a lock in one locks all', () => {
    const { clock, all, broadcast } = windows(2);
    const [a, b] = all as [CounterSession, CounterSession];
    a.signIn('olga');
    broadcast();
    expect(b.snapshot.employeeId).toBe('olga');
    // Typing in A for ten minutes, a key every 20 s; B sees nothing but never locks.
    for (let i = 0; i < 30; i++) {
      clock.advance(20_000);
      a.touch();
      expect(b.lockIfIdle(60)).toBe(false);
    }
    a.lock();
    broadcast();
    expect(b.snapshot.employeeId).toBeNull();
  });

  it('writes input to storage at most every few seconds, and never lets that lock a busy window', () => {
    const { clock, storage, all } = windows(1);
    const s = all[0]!;
    s.signIn('olga');
    const written = () => JSON.parse(storage.get('test.session')!).lastActivityAt as number;
    const signedInAt = written();
    clock.advance(1_000);
    s.touch();
    expect(written()).toBe(signedInAt);
    clock.advance(ACTIVITY_WRITE_MS);
    s.touch();
    expect(written()).toBe(clock.t);
    clock.advance(29_000);
    expect(s.lockIfIdle(30)).toBe(false);
  });

  it('a reload (or a restart) within the idle time finds the employee; one after it is locked', () => {
    const { clock, storage } = windows(0);
    const shared = {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
    };
    new CounterSession(shared, 'test.session', clock.now).signIn('olga');
    clock.advance(10_000);
    const again = new CounterSession(shared, 'test.session', clock.now);
    expect(again.snapshot.employeeId).toBe('olga');
    expect(again.lockIfIdle(300)).toBe(false);
    clock.advance(300_000);
    const later = new CounterSession(shared, 'test.session', clock.now);
    expect(later.lockIfIdle(300)).toBe(true);
  });

  it('damaged or blocked storage: locked, and still works in the window', () => {
    const clock = new Clock();
    const damaged = new CounterSession(
      { getItem: () => '{not json', setItem: () => undefined },
      'k',
      clock.now,
    );
    expect(damaged.snapshot.employeeId).toBeNull();
    const blocked = new CounterSession(
      {
        getItem: () => {
          throw new DOMException('blocked', 'SecurityError');
        },
        setItem: () => {
          throw new DOMException('full', 'QuotaExceededError');
        },
      },
      'k',
      clock.now,
    );
    blocked.signIn('olga');
    expect(blocked.snapshot.employeeId).toBe('olga');
    clock.advance(31_000);
    expect(blocked.lockIfIdle(30)).toBe(true);
  });

  it('reads the clock at each call: a clock set after the session began is the one it notes (seed 130171)', () => {
    const storage = new Map<string, string>();
    const shared = {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
    };
    // Two windows of one workstation; the clock moves four hours on after both loaded (a test's clock, set
    // later, stands in for every window's clock).
    const first = new CounterSession(shared, 'k');
    const second = new CounterSession(shared, 'k');
    const later = Date.now() + 4 * 3_600_000;
    const spy = vi.spyOn(Date, 'now').mockReturnValue(later);
    try {
      first.signIn('olga');
      expect(JSON.parse(storage.get('k')!)).toEqual({ employeeId: 'olga', lastActivityAt: later });
      second.reload();
      // The other window does not find the sign-in hours old.
      expect(second.lockIfIdle(300)).toBe(false);
      expect(first.snapshot.employeeId).toBe('olga');
    } finally {
      spy.mockRestore();
    }
  });
});

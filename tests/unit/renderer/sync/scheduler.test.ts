import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncScheduler } from '../../../../renderer/sync/scheduler';
import type { CycleOutcome } from '../../../../renderer/sync/engine';
import { IDLE_POLL_MS, WATCHDOG_AGE_MS, WATCHDOG_INTERVAL_MS } from '../../../../shared/sync/backoff';

afterEach(() => {
  vi.useRealTimers();
});

function scheduler(outcomes: CycleOutcome[], oldest?: () => number | undefined, now?: () => number) {
  const runs: number[] = [];
  let release: (() => void) | undefined;
  const s = new SyncScheduler({
    runCycle: async () => {
      runs.push(Date.now());
      if (outcomes[0] === ('hold' as never)) {
        outcomes.shift();
        await new Promise<void>((r) => (release = r));
        return 'synced';
      }
      return outcomes.shift() ?? 'synced';
    },
    oldestPendingAt: async () => oldest?.(),
    random: () => 0.5,
    now,
  });
  return { s, runs, release: () => release?.() };
}

describe('sync scheduler', () => {
  it('backs off after failures (with jitter), then polls when all is well', async () => {
    vi.useFakeTimers({ now: 0 });
    const { s, runs } = scheduler(['failed', 'failed', 'failed', 'synced']);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(10_000);
    // 0; +750 (1 s ceiling, half random); +1 500 (2 s); +3 000 (4 s)
    expect(runs).toEqual([0, 750, 2250, 5250]);
    await vi.advanceTimersByTimeAsync(IDLE_POLL_MS);
    expect(runs.at(-1)).toBe(5250 + IDLE_POLL_MS);
    s.stop();
  });

  it('a trigger during a cycle runs one more cycle right after it', async () => {
    vi.useFakeTimers({ now: 0 });
    const { s, runs, release } = scheduler(['hold' as never, 'synced']);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.inFlight).toBe(true);
    s.trigger('write');
    s.trigger('write');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([0, 0]);
    s.stop();
  });

  it('the link coming back cuts a long backoff short', async () => {
    vi.useFakeTimers({ now: 0 });
    const { s, runs } = scheduler(Array(12).fill('failed'));
    s.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const before = runs.length;
    s.trigger('online');
    await vi.advanceTimersByTimeAsync(0);
    expect(runs.length).toBe(before + 1);
    s.stop();
  });

  it('the watchdog forces a cycle when items wait too long and nothing is in flight', async () => {
    // A suspended machine: its clock jumped past the watchdog age while no timer fired. The next watchdog
    // check (every WATCHDOG_INTERVAL_MS) must sync at once, long before the idle poll would.
    vi.useFakeTimers({ now: 0 });
    let slept = 0;
    const { s, runs } = scheduler(
      [],
      () => 0,
      () => Date.now() + slept,
    );
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([0]);
    await vi.advanceTimersByTimeAsync(WATCHDOG_INTERVAL_MS);
    expect(runs).toEqual([0]); // items waiting, but not too long yet
    slept = WATCHDOG_AGE_MS;
    await vi.advanceTimersByTimeAsync(WATCHDOG_INTERVAL_MS + 1); // + the cycle it scheduled
    expect(runs).toHaveLength(2);
    expect(runs[1]).toBeGreaterThanOrEqual(2 * WATCHDOG_INTERVAL_MS);
    expect(runs[1]).toBeLessThan(IDLE_POLL_MS);
    s.stop();
  });

  it('the watchdog leaves a workstation alone when nothing waits', async () => {
    vi.useFakeTimers({ now: 0 });
    const { s, runs } = scheduler(
      [],
      () => undefined,
      () => Date.now() + WATCHDOG_AGE_MS * 10,
    );
    s.start();
    await vi.advanceTimersByTimeAsync(IDLE_POLL_MS - 1);
    expect(runs).toEqual([0]);
    s.stop();
  });
});

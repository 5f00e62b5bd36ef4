import {
  BACKOFF_CAP_MS,
  IDLE_POLL_MS,
  WATCHDOG_INTERVAL_MS,
  backoffDelay,
  watchdogDue,
} from '../../shared/sync/backoff';
import type { CycleOutcome } from './engine';

export type SyncTrigger = 'start' | 'timer' | 'online' | 'focus' | 'manual' | 'write' | 'watchdog';

export interface SchedulerHooks {
  runCycle(): Promise<CycleOutcome>;
  /** Oldest item not yet at HQ (ms since epoch), for the watchdog. */
  oldestPendingAt(): Promise<number | undefined>;
  onScheduled?(at: number, failures: number): void;
  now?(): number;
  random?(): number;
}

/**
 * When to sync: at once on a trigger, then every IDLE_POLL_MS; after a failure, backoff with jitter. A
 * trigger during a cycle runs one more cycle after it. The watchdog forces a cycle if items have waited
 * too long with nothing in flight (a lost timer, a suspended machine).
 */
export class SyncScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private running = false;
  private again = false;
  private failures = 0;
  private lastAttemptAt: number | undefined;
  private stopped = true;

  constructor(private readonly hooks: SchedulerHooks) {}

  private now() {
    return this.hooks.now?.() ?? Date.now();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.watchdog = setInterval(() => void this.checkWatchdog(), WATCHDOG_INTERVAL_MS);
    this.trigger('start');
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.watchdog);
  }

  get inFlight(): boolean {
    return this.running;
  }

  trigger(reason: SyncTrigger): void {
    if (this.stopped) return;
    // The link is back or a person asked: do not sit out the rest of a long backoff.
    if (reason === 'online' || reason === 'manual') this.failures = Math.min(this.failures, 1);
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    const capped = Math.min(delay, BACKOFF_CAP_MS);
    this.hooks.onScheduled?.(this.now() + capped, this.failures);
    this.timer = setTimeout(() => void this.cycle(), capped);
  }

  private async cycle(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    this.again = false;
    this.lastAttemptAt = this.now();
    let outcome: CycleOutcome;
    try {
      outcome = await this.hooks.runCycle();
    } catch {
      outcome = 'failed';
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    if (outcome === 'failed') {
      this.failures++;
      this.schedule(backoffDelay(this.failures, this.hooks.random?.() ?? Math.random()));
    } else {
      this.failures = 0;
      this.schedule(this.again ? 0 : IDLE_POLL_MS);
    }
  }

  private async checkWatchdog(): Promise<void> {
    const oldest = await this.hooks.oldestPendingAt();
    if (
      watchdogDue({
        oldestPendingAt: oldest,
        inFlight: this.running,
        lastAttemptAt: this.lastAttemptAt,
        now: this.now(),
      })
    )
      this.trigger('watchdog');
  }
}

import { existsSync } from 'node:fs';

/**
 * Fault injection for the end-to-end tests (tests/e2e/sync-faults.spec.ts): named points where HQ can be
 * made to pause, so a test can kill it at exactly that moment, and a window during which it answers 500.
 * Off unless the HQ_FAULTS variable is set; documented in the README so nobody sets it by accident.
 *
 *   HQ_FAULTS="push.afterCommit=3000,photo.chunkDelay=200,fail500.ms=4000"
 *
 * HQ_FAULT_DISK_FULL=<file>: while that file exists, HQ's photo storage fails as a full disk does (ENOSPC),
 * so a test (the chaos runs, issue 20) can fill HQ's disk for a while and free it again without a restart.
 */
export const FAULT_POINTS = [
  'push.beforeCommit',
  'push.afterCommit',
  'photo.chunkDelay',
  'fail500.ms',
  // the mail worker (tests/integration/hq/mail/worker.processes.test.ts): SMTP accepted, not yet recorded / recorded
  'mail.afterSend',
  'mail.afterRecord',
] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

export class FaultPoints {
  private readonly startedAt = Date.now();

  constructor(
    private readonly delays: Partial<Record<FaultPoint, number>>,
    private readonly diskFullFile?: string,
  ) {}

  static fromEnv(value: string | undefined, diskFullFile?: string): FaultPoints | undefined {
    if (!value && !diskFullFile) return undefined;
    const delays: Partial<Record<FaultPoint, number>> = {};
    for (const part of value ? value.split(',') : []) {
      const [name, ms] = part.split('=');
      if (!(FAULT_POINTS as readonly string[]).includes(name ?? '') || !Number.isFinite(Number(ms)))
        throw new Error(`HQ_FAULTS: unknown "${part}"; known: ${FAULT_POINTS.join(', ')}`);
      delays[name as FaultPoint] = Number(ms);
    }
    return new FaultPoints(delays, diskFullFile || undefined);
  }

  /** HQ's disk is "full" now (HQ_FAULT_DISK_FULL names a file that exists). */
  diskFull(): boolean {
    return this.diskFullFile !== undefined && existsSync(this.diskFullFile);
  }

  delay(point: FaultPoint): number {
    return this.delays[point] ?? 0;
  }

  /** Logs that the point was reached (the test waits for this line), then pauses. */
  async reach(point: FaultPoint): Promise<void> {
    const ms = this.delay(point);
    if (ms <= 0) return;
    console.log(`[hq] fault point ${point}: pausing ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Within the first `fail500.ms` after start, sync requests get a 500. */
  failing(): boolean {
    const window = this.delay('fail500.ms');
    return window > 0 && Date.now() - this.startedAt < window;
  }
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import pg from 'pg';
import { test } from '@playwright/test';
import { HqProcess, hqPort } from '../hq';
import { E2E_PORT } from '../../../playwright.config';
import type { Rng } from '../../integration/hq/fuzz/random';
import { startPostgres } from '../../postgres.mjs';
import { FaultProxy } from './proxy';
import { ChaosSmtp } from './smtp';
import { Branch, CHAOS_BRANCHES } from './branch';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Ports of a chaos run: the branch talks to the proxy on its worker's HQ port (the one the page's CSP
 * allows, tests/e2e/hq.ts); HQ and SMTP sit behind it on two ports of the worker's own, past the HQ ports.
 */
const hqRealPort = () => E2E_PORT + 4 + 2 * test.info().parallelIndex;
const smtpPort = () => E2E_PORT + 5 + 2 * test.info().parallelIndex;

/**
 * Issue 20: one chaos run's world — HQ as a real process on PGlite (or PostgreSQL) behind the fault proxy,
 * a real SMTP server, and one or two branches, each a workstation of the branch app in Chromium
 * (tests/e2e/chaos/branch.ts).
 */
let cluster: ReturnType<typeof startPostgres> | undefined;
let databases = 0;

/** A database of its own for this run, on one private PostgreSQL cluster per test worker. */
async function postgresDatabase(): Promise<{ url: string; restart: () => void }> {
  cluster ??= startPostgres().then((c) => {
    process.once('exit', () => c.stop());
    return c;
  });
  const c = await cluster;
  const name = `chaos_${process.pid}_${++databases}`;
  const admin = new pg.Client({ connectionString: c.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(c.url);
  url.pathname = `/${name}`;
  return { url: url.toString(), restart: c.restart };
}

export class World {
  hq = new HqProcess(hqRealPort());
  /** The HQ address the branches are given: the fault proxy's. */
  readonly hqUrl = `http://127.0.0.1:${hqPort()}`;
  /** Set when HQ runs on PostgreSQL: crashes the cluster and starts it again. */
  restartPostgres: (() => void) | undefined;
  readonly smtp = new ChaosSmtp(smtpPort());
  readonly proxy: FaultProxy;
  readonly branches: Branch[] = [];
  readonly pageErrors: string[] = [];
  kills = 0;
  hq500Windows = 0;
  diskFullWindows = 0;
  /** While this file exists HQ's photo storage is "full" (HQ_FAULT_DISK_FULL, hq/faults.ts). */
  private readonly diskFullFile = join(mkdtempSync(join(tmpdir(), 'otklik-chaos-disk-')), 'full');
  /** HQ's kills and restarts run beside the actions, one after another. */
  private hqChain: Promise<void> = Promise.resolve();
  private hqFailure: unknown;
  private diskChain: Promise<void> = Promise.resolve();

  constructor(
    private readonly browser: Browser,
    context: BrowserContext,
    first: Page,
    rng: Rng,
    readonly log: (line: string) => void,
  ) {
    this.proxy = new FaultProxy(hqPort(), this.hq.port, rng);
    this.branches.push(new Branch(CHAOS_BRANCHES[0], context, first, this.pageErrors, log));
  }

  /**
   * A mail job a killed HQ had claimed waits out its lease before another round takes it up: 10 minutes in
   * production (the deadline is the next working day), 5 s here, so a run settles within its window; and
   * a failed attempt is tried again after 2 s instead of 30 s.
   */
  private get hqEnv(): Record<string, string> {
    return {
      SMTP_URL: this.smtp.url,
      MAIL_POLL_MS: '300',
      MAIL_LEASE_MS: '5000',
      MAIL_RETRY_FIRST_MS: '2000',
      HQ_FAULT_DISK_FULL: this.diskFullFile,
    };
  }

  /** HQ, the SMTP server and the proxy; then each branch set up and connected (`branches`: one or two). */
  async start(postgres = false, branches: 1 | 2 = 1): Promise<void> {
    if (postgres) {
      const db = await postgresDatabase();
      // The embedded HQ the world was made with never started; its folder goes with it.
      await this.hq.dispose();
      this.hq = new HqProcess(this.hq.port, { DATABASE_URL: db.url });
      this.restartPostgres = db.restart;
    }
    if (branches === 2) {
      const context = await this.browser.newContext({
        baseURL: test.info().project.use.baseURL,
        locale: 'en-US',
        timezoneId: 'UTC',
        viewport: { width: 1280, height: 900 },
      });
      // The browser's fake camera serves both workstations (e2eChromiumArgs in playwright.config.ts).
      const page = await context.newPage();
      this.branches.push(new Branch(CHAOS_BRANCHES[1], context, page, this.pageErrors, this.log));
    }
    // HQ starts while the workstations' first runs are done (CI time, issue 17).
    const [codes] = await Promise.all([
      (async () => {
        await Promise.all([this.smtp.start(), this.proxy.start(), this.hq.start('', this.hqEnv)]);
        return this.branches.map((b) =>
          this.hq.enroll(
            b.code,
            '--manager-name',
            b.spec.manager.name,
            '--manager-email',
            b.spec.manager.email,
            '--head-of-sales-email',
            b.spec.headOfSalesEmail,
          ),
        );
      })(),
      ...this.branches.map((b) => b.setUp()),
    ]);
    await Promise.all(this.branches.map((b, i) => b.connect(this.hqUrl, codes[i]!)));
  }

  private disposed: Promise<void> | undefined;

  /** Everything stopped and removed; again is a no-op (the spec calls it after a test that timed out). */
  dispose(): Promise<void> {
    this.disposed ??= this.disposeOnce();
    return this.disposed;
  }

  private async disposeOnce(): Promise<void> {
    await Promise.all([this.hqChain, this.diskChain].map((c) => c.catch(() => undefined)));
    await Promise.all([
      this.hq.dispose(),
      this.proxy.close(),
      this.smtp.close(),
      // The test's own context is Playwright's to close; the second branch's is ours.
      ...this.branches.slice(1).map((b) => b.context.close()),
    ]);
    rmSync(dirname(this.diskFullFile), { recursive: true, force: true });
  }

  /** SIGKILL HQ after `afterMs`, start it again `downMs` later (answering 500 for `fail500Ms` if set). */
  killHq(afterMs: number, downMs: number, fail500Ms: number): void {
    this.hqChain = this.hqChain.then(async () => {
      await sleep(afterMs);
      await this.hq.kill();
      this.kills++;
      this.log(`HQ killed (SIGKILL)`);
      await sleep(downMs);
      if (fail500Ms) this.hq500Windows++;
      await this.hq.start(fail500Ms ? `fail500.ms=${fail500Ms}` : '', this.hqEnv).catch((e: unknown) => {
        this.hqFailure = e;
      });
      this.log(`HQ restarted${fail500Ms ? `, answering 500 for ${fail500Ms} ms` : ''}`);
    });
  }

  /** HQ's disk is full for `ms` (beside the actions): photos sent meanwhile are refused with a 507. */
  diskFull(ms: number): void {
    this.diskChain = this.diskChain.then(async () => {
      writeFileSync(this.diskFullFile, '');
      this.diskFullWindows++;
      this.log(`HQ's disk full for ${ms} ms`);
      await sleep(ms);
      rmSync(this.diskFullFile, { force: true });
      this.log(`HQ's disk has room again`);
    });
  }

  /** HQ is up again after every kill, its disk has room; a restart that failed is a finding of its own. */
  async hqSettled(): Promise<void> {
    await this.diskChain;
    await this.hqChain;
    if (this.hqFailure) throw this.hqFailure;
  }
}

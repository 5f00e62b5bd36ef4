import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { test } from '@playwright/test';
import pg from 'pg';
import { E2E_PORT } from '../../playwright.config';
import { MSK01 } from '../fixtures';
import { HQ_NODE_FLAGS, PGLITE_NODE_FLAGS } from '../hq-node';

const root = join(import.meta.dirname, '../..');
const main = join(root, 'dist/hq/main.mjs');
/**
 * The workers read a stopped HQ's database with PGlite in their own process (HqProcess.query), with
 * PGlite's WebAssembly compiled as in HQ's test processes (PGLITE_NODE_FLAGS: the baseline compiler only).
 * With V8's defaults a first read took 0.90 CPU-s, the optimising compile of the hot functions included,
 * and 0.48 with these; three reads 1.53 against 0.95 (issue 17 item 5: CI time). Only PGlite's WebAssembly
 * is compiled in a worker (or in the runner, whose global set-up imports this file too, and starts HQ as a
 * process), and V8 reads these flags when it compiles a module.
 */
for (const flag of PGLITE_NODE_FLAGS) setFlagsFromString(flag);
/**
 * The HQ port of the running test's worker: every Playwright worker has its own (E2E_PORT + 1 + its
 * parallel index, allowed by the page's CSP: playwright.config.ts), so the specs that start an HQ run side
 * by side instead of one after another (issue 17: CI time). A worker runs one test at a time, so one port
 * each is enough.
 */
export function hqPort(): number {
  return E2E_PORT + 1 + test.info().parallelIndex;
}

let template: string | undefined = process.env.OTKLIK_E2E_HQ_TEMPLATE || undefined;

/**
 * Where the HQs of the specs keep their data: OTKLIK_E2E_HQ_TMPDIR when set (`npm test` sets a folder in
 * memory where the machine allows: scripts/memory-tmpdir.mjs), the system's temporary folder otherwise. Each
 * HQ starts on a copy of the migrated PGlite database, 1 100 small files, and PGlite writes and syncs its
 * files as it works: the `hq` project, alone on the two-core machine, took 221 and 228 CPU-s with them on
 * disk, 194 and 211 in memory (issue 17: CI time). Only HQ's data: the browsers' profiles stay where they
 * were (a whole run in memory gained nothing).
 */
const hqTmpdir = (): string => process.env.OTKLIK_E2E_HQ_TMPDIR || tmpdir();

/** HQ processes still running when the test worker exits (a test that timed out) go with it. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * An embedded database with every migration applied and nothing else, made by the production build's
 * `migrate` into a new temporary folder; returns the database folder. tests/e2e/global-setup.ts makes one
 * for the whole run (OTKLIK_E2E_HQ_TEMPLATE): each HQ of a test starts on a copy of it instead of creating
 * its database, which costs PGlite several seconds of CPU (issue 17: CI time).
 */
export function makeMigratedDatabase(): string {
  const dir = mkdtempSync(join(hqTmpdir(), 'otklik-e2e-hq-template-'));
  const r = spawnSync(process.execPath, [...HQ_NODE_FLAGS, main, 'migrate'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dir },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`hq migrate failed:\n${r.stdout}\n${r.stderr}`);
  return join(dir, 'pglite');
}

/** The run's migrated database, or one of this worker's own when the run has none (no HQ build then). */
function migratedDatabase(): string {
  if (template) return template;
  template = makeMigratedDatabase();
  const made = dirname(template);
  process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  return template;
}

export const HQ_BUILD = main;

/**
 * A preload for HQ's process that moves its clock `offsetMs` on (every `new Date()` and `Date.now()`):
 * "HQ some days later" for the specs that need time to pass at HQ (escalation, R11), with no knob in HQ
 * itself. A data: URL, so no file of its own; a date made by Node's internals is still a Date.
 */
function shiftedClock(offsetMs: number): string {
  const source = `const Real = Date;
globalThis.Date = class extends Real {
  constructor(...a) { if (a.length === 0) super(Real.now() + ${offsetMs}); else super(...a); }
  static now() { return Real.now() + ${offsetMs}; }
  static [Symbol.hasInstance](x) { return x instanceof Real; }
};`;
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

/**
 * A real HQ process (the production build, dist/hq/main.mjs) on the embedded PGlite, for fault injection:
 * it can be killed with SIGKILL at a named point (HQ_FAULTS) and restarted on the same data directory.
 */
export class HqProcess {
  /** `env` is added to every start and admin command (the chaos runs' DATABASE_URL: HQ on PostgreSQL). */
  constructor(
    readonly port = hqPort(),
    private readonly env: Record<string, string> = {},
  ) {}
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  readonly dataDir = mkdtempSync(join(hqTmpdir(), 'otklik-e2e-hq-'));
  /** How far HQ's clock is ahead from its next start on (shiftedClock); the admin commands keep the real one. */
  clockOffsetMs = 0;
  private child: ChildProcess | undefined;
  private output = '';
  private waiters: Array<{ pattern: RegExp; from: number; resolve: () => void }> = [];

  async start(faults = '', env: Record<string, string> = {}): Promise<void> {
    const from = this.output.length;
    const database = join(this.dataDir, 'pglite');
    if (!this.env.DATABASE_URL && !existsSync(database))
      cpSync(migratedDatabase(), database, { recursive: true });
    const clock = this.clockOffsetMs ? ['--import', shiftedClock(this.clockOffsetMs)] : [];
    this.child = spawn(process.execPath, [...HQ_NODE_FLAGS, ...clock, main, 'serve'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(this.port),
        DATA_DIR: this.dataDir,
        HQ_FAULTS: faults,
        ...this.env,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onData = (chunk: Buffer) => {
      this.output += chunk.toString();
      for (const w of [...this.waiters]) {
        if (w.pattern.test(this.output.slice(w.from))) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    };
    const child = this.child;
    running.add(child);
    child.once('exit', () => running.delete(child));
    this.child.stdout!.on('data', onData);
    this.child.stderr!.on('data', onData);
    // PGlite starts in 2–4 s on an idle machine; far longer on a busy two-core one (over 60 s at a load
    // of 28 during a chaos campaign beside other suites: seeds 100003, 100010). A bound, not a duration.
    await this.waitFor(/listening on/, from, 180_000);
  }

  /** Resolves when HQ prints a line matching `pattern` (after `from`, default: from now on). */
  waitFor(pattern: RegExp, from = this.output.length, timeoutMs = 30_000): Promise<void> {
    if (pattern.test(this.output.slice(from))) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`HQ never printed ${pattern}; output:\n${this.output}`)),
        timeoutMs,
      );
      this.waiters.push({
        pattern,
        from,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  get mark(): number {
    return this.output.length;
  }

  /** Power cut: no chance to finish a request or close the database. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  /** The admin command, through the running server's database socket. */
  cli(...args: string[]): string {
    const r = spawnSync(process.execPath, [...HQ_NODE_FLAGS, main, ...args], {
      cwd: root,
      env: { ...process.env, PORT: String(this.port), DATA_DIR: this.dataDir, ...this.env },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`hq ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  }

  enroll(branch: string, ...directory: string[]): string {
    const out = this.cli('enroll', '--branch', branch, '--name', MSK01.name, ...directory);
    const code = /\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\b/.exec(out)?.[1];
    if (!code) throw new Error(`no code in:\n${out}`);
    return code;
  }

  /**
   * An HQ user for the console (issue 14), made the way an operator makes one: `user add` prints a one-time
   * link, and the password is set through it (POST /v1/console/password, what the set-password page does).
   */
  async addConsoleUser(
    role: 'admin' | 'head_of_sales' | 'manager' | 'auditor',
    name: string,
    branches: string[] = [],
  ): Promise<{ email: string; password: string; name: string }> {
    const email = `${role}.${randomBytes(3).toString('hex')}@example.com`;
    const out = this.cli(
      'user',
      'add',
      '--email',
      email,
      '--name',
      name,
      '--role',
      role,
      ...(branches.length ? ['--branches', branches.join(',')] : []),
    );
    const token = /\/console\/#\/set-password\/(\S+)/.exec(out)?.[1];
    if (!token) throw new Error(`no set-password link in:\n${out}`);
    const password = `pw-${randomBytes(9).toString('base64url')}`;
    const status = await postJson(`${this.url}/v1/console/password`, { token, password });
    if (status !== 204) throw new Error(`setting the password failed: HTTP ${status}`);
    return { email, password, name };
  }

  /** What HQ holds, read from its data directory after it stopped. */
  async query<T>(sql: string): Promise<T[]> {
    await this.stop();
    if (this.env.DATABASE_URL) {
      const client = new pg.Client({ connectionString: this.env.DATABASE_URL });
      await client.connect();
      try {
        return (await client.query(sql)).rows as T[];
      } finally {
        await client.end();
      }
    }
    // With the buffer cache HQ had (TEST_HQ_ENV, playwright.config.ts): PGlite clears all of it at a start.
    const buffers = process.env.HQ_EMBEDDED_SHARED_BUFFERS;
    const db = await PGlite.create({
      dataDir: join(this.dataDir, 'pglite'),
      ...(buffers ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${buffers}`] } : {}),
    });
    try {
      return (await db.query<T>(sql)).rows;
    } finally {
      await db.close();
    }
  }

  photoFiles(): string[] {
    const dir = join(this.dataDir, 'photos');
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
  }

  /** Sizes of the uploads HQ is receiving: its blob store's temporary files (DATA_DIR/photos/tmp). */
  partialUploads(): number[] {
    const dir = join(this.dataDir, 'photos', 'tmp');
    if (!existsSync(dir)) return [];
    return readdirSync(dir).map((name) => statSync(join(dir, name)).size);
  }

  /** The e-mails HQ wrote on its embedded default (no SMTP configured): DATA_DIR/mail/*.eml. */
  mailFiles(): string[] {
    const dir = join(this.dataDir, 'mail');
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.eml'))
      .map((e) => join(e.parentPath, e.name));
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * A JSON POST on a connection of its own: a pooled keep-alive socket that HQ closes while idle between two
 * admin commands fails the next request with "other side closed".
 */
function postJson(url: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: { 'Content-Type': 'application/json' },
    });
    req.once('response', (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end(JSON.stringify(body));
  });
}

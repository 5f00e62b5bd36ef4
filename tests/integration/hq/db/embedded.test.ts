import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { HQ_PATHS, type EnrollResponse, type PullResponse } from '../../../../shared/sync/protocol';
import { call, op, registration, type RunningHq, type TestDevice } from '../../harness';
import { DIRECTORY, pushEntry, uploadPages } from '../../mail-fixtures';
import { buildHq } from '../../hq-process';

/**
 * Issue 13, items 1, 3 and 5 with real processes: the production bundle of HQ on its embedded database.
 * Two `serve` (or `serve` + `mail-worker`) on one DATA_DIR used to both start and lose confirmed complaints;
 * the database was served on a loopback port to anyone, its address in a world-readable file; photos and
 * e-mails were 0644; a revoked token stayed trusted by the server's auth cache.
 */
const root = join(import.meta.dirname, '../../../..');
const outDir = join(root, 'dist/hq-embedded-test');
const main = join(outDir, 'main.mjs');

class HqServer {
  output = '';
  url = '';
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(dataDir: string, env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [main, 'serve'], {
      cwd: root,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, MAIL_POLL_MS: '200', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onData = (chunk: Buffer) => (this.output += chunk.toString());
    this.child.stdout!.on('data', onData);
    this.child.stderr!.on('data', onData);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  async waitFor(pattern: RegExp, ms = 90_000): Promise<RegExpExecArray> {
    const until = Date.now() + ms;
    for (;;) {
      const match = pattern.exec(this.output);
      if (match) return match;
      if (Date.now() > until || this.child.exitCode !== null)
        throw new Error(`HQ: no ${pattern} in:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async ready(): Promise<this> {
    this.url = (await this.waitFor(/listening on (http:\/\/\S+) /))[1]!;
    return this;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    await this.exited;
  }
}

/** An admin command. Asynchronous: a blocked event loop would keep fetch reusing connections HQ closed. */
function cli(
  dataDir: string,
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [main, ...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function enrollDevice(hq: HqServer, dataDir: string, branchCode: string): Promise<TestDevice> {
  const out = await cli(dataDir, 'enroll', '--branch', branchCode, ...directoryFlags());
  const code = /\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\b/.exec(out.stdout)?.[1];
  if (!code) throw new Error(`enroll: ${out.stdout}${out.stderr}`);
  const deviceId = uuidv7();
  const res = await fetch(hq.url + HQ_PATHS.enroll, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceId, branchCode }),
  });
  const body = (await res.json()) as EnrollResponse;
  // The id HQ gave (a new one for every enrollment: issue 13).
  return { deviceId: body.deviceId, token: body.deviceToken, branchCode, seq: 0 };
}

const directoryFlags = () => [
  '--manager-email',
  DIRECTORY.managerEmail,
  '--head-of-sales-email',
  DIRECTORY.headOfSalesEmail,
];

/** The harness's helpers only need an address. */
const at = (hq: HqServer) => ({ url: hq.url }) as RunningHq;

async function pushComplaints(hq: HqServer, device: TestDevice, count: number): Promise<number> {
  const ops = Array.from({ length: count }, () =>
    op(device, 'complaint.register', registration(device.branchCode)),
  );
  const res = await call(at(hq), device, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops }) });
  expect(res.status).toBe(200);
  const { results } = (await res.json()) as { results: Array<{ outcome: string }> };
  return results.filter((r) => r.outcome === 'applied').length;
}

async function complaintsAtHq(hq: HqServer, device: TestDevice): Promise<number> {
  let cursor = 0;
  let complaints = 0;
  for (;;) {
    const res = await call(at(hq), device, `${HQ_PATHS.pull}?cursor=${cursor}`);
    const page = (await res.json()) as PullResponse;
    complaints += page.changes.filter((c) => c.kind === 'complaint').length;
    cursor = page.cursor;
    if (!page.more) return complaints;
  }
}

const mode = (path: string) => statSync(path).mode & 0o777;

// Each test starts HQ processes on fresh embedded databases: slow on a busy two-core machine.
describe('HQ on its embedded database, as processes', { timeout: 240_000 }, () => {
  const dirs: string[] = [];
  const servers: HqServer[] = [];
  const dataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'otklik-emb-'));
    dirs.push(d);
    return d;
  };
  const start = (dir: string, env?: Record<string, string>) => {
    const s = new HqServer(dir, env);
    servers.push(s);
    return s;
  };

  beforeAll(() => {
    buildHq(outDir);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a second HQ or mail worker on the same directory is refused at once; the first serves on, nothing lost', async () => {
    const dir = dataDir();
    const first = await start(dir).ready();
    const device = await enrollDevice(first, dir, 'EMB-01');
    let confirmed = await pushComplaints(first, device, 40);

    const second = start(dir);
    const pushing = pushComplaints(first, device, 40); // while the second one tries
    expect(await second.exited).toBe(1);
    expect(second.output).toContain(`in use by process ${first.child.pid} (\`serve\``);
    expect(second.output).toMatch(/use PostgreSQL \(DATABASE_URL\)/);
    const worker = await cli(dir, 'mail-worker');
    expect(worker.status).toBe(1);
    expect(worker.stderr).toContain(`in use by process ${first.child.pid}`);
    confirmed += await pushing;
    confirmed += await pushComplaints(first, device, 40);
    expect(confirmed).toBe(120);
    expect(await complaintsAtHq(first, device)).toBe(120);

    // Killed without a chance to clean up: its lock must not keep the next start out.
    await first.kill('SIGKILL');
    const again = await start(dir).ready();
    expect(await complaintsAtHq(again, device)).toBe(120);
    await again.kill('SIGTERM');
    expect(existsSync(join(dir, 'hq-embedded.lock'))).toBe(false);
  });

  it('the database is reachable only by HQ’s user: a private socket, no address file; data 0700, files 0600', async () => {
    const dir = dataDir();
    const hq = await start(dir, { HQ_FAULTS: '' }).ready();
    const lock = JSON.parse(readFileSync(join(dir, 'hq-embedded.lock'), 'utf8')) as { socketDir: string };
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'hq-embedded.lock'))).toBe(0o600);
    expect(mode(lock.socketDir)).toBe(0o700);
    expect(mode(join(lock.socketDir, '.s.PGSQL.5432'))).toBe(0o600);
    expect(statSync(join(lock.socketDir, '.s.PGSQL.5432')).isSocket()).toBe(true);
    expect(readdirSync(dir)).not.toContain('hq-embedded-db.json');

    // A feedback-book entry: its photos and its e-mail (.eml, no SMTP configured) are private too.
    const device = await enrollDevice(hq, dir, 'EMB-02');
    const entry = await pushEntry(at(hq), device, { pages: 2 });
    await uploadPages(at(hq), device, entry.pages);
    await hq.waitFor(/mail: wrote (\S+\.eml)/, 30_000);
    const eml = /mail: wrote (\S+\.eml)/.exec(hq.output)![1]!;
    expect(mode(eml)).toBe(0o600);
    expect(mode(join(dir, 'mail'))).toBe(0o700);
    const photos = readdirSync(join(dir, 'photos'), { recursive: true, withFileTypes: true });
    const files = photos.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    expect(files).toHaveLength(2);
    for (const f of files) expect(mode(f)).toBe(0o600);
    for (const d of photos.filter((e) => e.isDirectory()))
      expect(mode(join(d.parentPath, d.name))).toBe(0o700);
  });

  it('devices lists the workstations; revoke refuses the token at once, though the server had it cached', async () => {
    const dir = dataDir();
    const hq = await start(dir, { HQ_AUTH_CACHE_MS: '600000' }).ready();
    const device = await enrollDevice(hq, dir, 'EMB-03');
    expect((await call(at(hq), device, `${HQ_PATHS.pull}?cursor=0`)).status).toBe(200);

    const listed = await cli(dir, 'devices', '--json');
    expect(listed.status).toBe(0);
    const devices = JSON.parse(listed.stdout) as Array<Record<string, string>>;
    expect(devices).toEqual([
      expect.objectContaining({
        id: device.deviceId,
        branch: 'EMB-03',
        state: 'active',
        lastSeenAt: expect.any(String),
      }),
    ]);

    const revoked = await cli(dir, 'revoke', '--device', device.deviceId);
    expect(revoked.status).toBe(0);
    const res = await call(at(hq), device, `${HQ_PATHS.pull}?cursor=0`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'device_revoked' });
    expect((await cli(dir, 'devices')).stdout).toMatch(new RegExp(`${device.deviceId}\\s+EMB-03\\s+revoked`));
  });
});

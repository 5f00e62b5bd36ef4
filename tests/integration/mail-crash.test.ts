import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookEntryMessageId } from '../../shared/mail/content';
import { enroll, startHq, type RunningHq } from './harness';
import { DIRECTORY, pushEntry, startSmtp, uploadPages } from './mail-fixtures';

/**
 * R7 delivery guarantee with real killed processes: `npm run hq -- mail-worker` (the production bundle) is
 * SIGKILLed at a named fault point, then started again on the same PostgreSQL database.
 */
const root = join(import.meta.dirname, '../..');
const outDir = join(root, 'dist/hq-mail-test');
const LEASE_MS = 1500;

class WorkerProcess {
  output = '';
  readonly child: ChildProcess;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [join(outDir, 'main.mjs'), 'mail-worker'], {
      cwd: root,
      env: { ...process.env, MAIL_POLL_MS: '100', MAIL_LEASE_MS: String(LEASE_MS), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onData = (chunk: Buffer) => (this.output += chunk.toString());
    this.child.stdout!.on('data', onData);
    this.child.stderr!.on('data', onData);
  }

  async waitFor(pattern: RegExp, ms = 15_000): Promise<void> {
    const until = Date.now() + ms;
    while (!pattern.test(this.output)) {
      if (Date.now() > until || this.child.exitCode !== null)
        throw new Error(`worker: no ${pattern} in:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGKILL');
    await exited;
  }
}

describe('mail worker processes on postgresql', () => {
  let hq: RunningHq;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const workers: WorkerProcess[] = [];
  let env: Record<string, string>;
  let n = 0;

  beforeAll(async () => {
    const built = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'vite.hq.config.ts',
        '--outDir',
        outDir,
        '--logLevel',
        'warn',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    if (built.status !== 0) throw new Error(`build: ${built.stderr}`);
    smtp = await startSmtp();
    hq = await startHq('postgresql');
    const url = (hq.db.pool.options as { connectionString: string }).connectionString;
    env = { DATABASE_URL: url, DATA_DIR: hq.dataDir, SMTP_URL: smtp.url, HQ_DB_POOL: '2' };
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await hq?.close();
    await smtp?.close();
  });

  const start = (faults = '') => {
    const w = new WorkerProcess({ ...env, HQ_FAULTS: faults });
    workers.push(w);
    return w;
  };

  async function readyEntry() {
    const d = await enroll(hq, `MC-${String(++n).padStart(2, '0')}`, DIRECTORY);
    const entry = await pushEntry(hq, d, { pages: 2 });
    await uploadPages(hq, d, entry.pages);
    return entry;
  }

  async function job(entryId: string) {
    const { rows } = await hq.db.pool.query<{ status: string; attempts: number }>(
      `SELECT status, attempts FROM mail_outbox WHERE id = $1`,
      [`book_entry:${entryId}`],
    );
    return rows[0]!;
  }

  const withId = (id: string) => smtp.received.filter((m) => m.messageId === id).length;

  it('killed after SMTP accepted, before the send was recorded: sent again after restart, same Message-ID', async () => {
    const entry = await readyEntry();
    const id = bookEntryMessageId(entry.entryId);
    const first = start('mail.afterSend=60000');
    await first.waitFor(/fault point mail\.afterSend/);
    await first.kill();
    expect(withId(id)).toBe(1);
    expect(await job(entry.entryId)).toEqual({ status: 'pending', attempts: 1 });

    const second = start();
    await second.waitFor(new RegExp(`sent <book-entry\\.${entry.entryId}`));
    await smtp.waitFor(smtp.received.length); // parsed
    expect(withId(id)).toBe(2);
    expect(await job(entry.entryId)).toEqual({ status: 'sent', attempts: 2 });
    await second.kill();
  });

  it('killed after the send was recorded: nothing is sent again', async () => {
    const entry = await readyEntry();
    const id = bookEntryMessageId(entry.entryId);
    const first = start('mail.afterRecord=60000');
    await first.waitFor(/fault point mail\.afterRecord/);
    await first.kill();
    const second = start();
    await second.waitFor(/mail worker:/);
    await new Promise((r) => setTimeout(r, LEASE_MS + 1000)); // past the lease, several polls
    expect(withId(id)).toBe(1);
    expect(await job(entry.entryId)).toEqual({ status: 'sent', attempts: 1 });
    await second.kill();
  });

  it('two worker processes at once: exactly one e-mail per entry', async () => {
    const entries = [];
    for (let i = 0; i < 6; i++) entries.push(await readyEntry());
    const before = smtp.received.length;
    const [a, b] = [start(), start()];
    await smtp.waitFor(before + 6);
    await new Promise((r) => setTimeout(r, 800));
    const ids = smtp.received.slice(before).map((m) => m.messageId);
    expect(ids.sort()).toEqual(entries.map((e) => bookEntryMessageId(e.entryId)).sort());
    const sentBy = [a, b].map((w) => (w.output.match(/ sent </g) ?? []).length);
    console.log(`[mail] two worker processes sent ${sentBy.join(' + ')} of 6`);
    await Promise.all([a.kill(), b.kill()]);
  });
});

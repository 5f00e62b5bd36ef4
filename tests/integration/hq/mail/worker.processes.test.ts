import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { bookEntryMessageId } from '../../../../shared/mail/content';
import { enroll, startHq, type RunningHq } from '../../harness';
import { DIRECTORY, pushEntry, startSmtp, uploadPages } from '../../mail-fixtures';
import { HQ_NODE_FLAGS } from '../../../hq-node';

/**
 * R7 delivery guarantee with real killed processes: `npm run hq -- mail-worker` (the production bundle) is
 * SIGKILLed at a named fault point, then started again on the same PostgreSQL database.
 */
const root = join(import.meta.dirname, '../../../..');
const LEASE_MS = 1500;

class WorkerProcess {
  output = '';
  readonly child: ChildProcess;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [...HQ_NODE_FLAGS, inject('hqMain'), 'mail-worker'], {
      cwd: root,
      env: { ...process.env, MAIL_POLL_MS: '100', MAIL_LEASE_MS: String(LEASE_MS), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onData = (chunk: Buffer) => (this.output += chunk.toString());
    this.child.stdout!.on('data', onData);
    this.child.stderr!.on('data', onData);
  }

  /** A process started on a loaded two-core machine can take tens of seconds to reach its first line. */
  async waitFor(pattern: RegExp, ms = 60_000): Promise<void> {
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

/** Polls `condition` until it holds; fails with `what` after `ms`. */
async function until(what: string, condition: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Each test starts worker processes and waits on them: far longer than a test's default on a busy two-core
// machine (a full CI run timed one out at 30 s).
describe('mail worker processes on postgresql', { timeout: 120_000 }, () => {
  let hq: RunningHq;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const workers: WorkerProcess[] = [];
  let env: Record<string, string>;
  let n = 0;

  beforeAll(async () => {
    smtp = await startSmtp();
    hq = await startHq('postgresql');
    const url = (hq.db.pool.options as { connectionString: string }).connectionString;
    env = { DATABASE_URL: url, DATA_DIR: hq.dataDir, SMTP_URL: smtp.url, HQ_DB_POOL: '2' };
  });
  // A test that failed half-way leaves its workers running; they would claim the next test's jobs.
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill()));
  });
  afterAll(async () => {
    await hq?.close();
    await smtp?.close();
  });

  const start = (faults = '', extra: Record<string, string> = {}) => {
    const w = new WorkerProcess({ ...env, HQ_FAULTS: faults, ...extra });
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
    // Were the send not on record, the job would be claimable again once the first worker's lease ran out:
    // wait for that moment on the database's clock, then for proof that the second worker claimed since —
    // a later entry, made ready only now, sent by it (claims take the earliest deadline first).
    await until('the first lease has run out', async () => {
      const { rows } = await hq.db.pool.query<{ over: boolean }>(
        `SELECT now() > last_attempt_at + $2 * interval '1 millisecond' AS over FROM mail_outbox WHERE id = $1`,
        [`book_entry:${entry.entryId}`, LEASE_MS],
      );
      return rows[0]!.over;
    });
    const later = await readyEntry();
    await second.waitFor(new RegExp(`sent <book-entry\\.${later.entryId}`));
    expect(withId(id)).toBe(1);
    expect(await job(entry.entryId)).toEqual({ status: 'sent', attempts: 1 });
    await second.kill();
  });

  it('two worker processes at once: both send, exactly one e-mail per entry', async () => {
    const entries = [];
    for (let i = 0; i < 6; i++) entries.push(await readyEntry());
    const before = smtp.received.length;
    // More entries than a worker claims in one go (5), and the SMTP server holds the first message until a
    // second is in delivery: both processes must hold a claimed job at the same moment. Their lease is long,
    // so a second process that starts late cannot take over a held job as an expired one.
    const concurrent = smtp.barrier(2, 60_000);
    const [a, b] = [start('', { MAIL_LEASE_MS: '120000' }), start('', { MAIL_LEASE_MS: '120000' })];
    expect(await concurrent).toBe(true);
    const sentBy = () => [a, b].map((w) => (w.output.match(/ sent </g) ?? []).length);
    await until('both workers logged all 6 sends', () => sentBy()[0]! + sentBy()[1]! >= 6);
    const [byA, byB] = sentBy();
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
    expect(byA! + byB!).toBe(6);
    // A worker logs a send after the server accepted it, which the server does once it parsed it.
    const ids = smtp.received.slice(before).map((m) => m.messageId);
    expect(ids.sort()).toEqual(entries.map((e) => bookEntryMessageId(e.entryId)).sort());
    // Every job claimed once and recorded as sent: no second claim exists that could send it later.
    for (const e of entries) expect(await job(e.entryId)).toEqual({ status: 'sent', attempts: 1 });
    await Promise.all([a.kill(), b.kill()]);
  });
});

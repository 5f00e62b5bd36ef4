import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../hq/db/migrations';
import { formatMailReport, unsentMailJobs } from '../../../../hq/mail/status';
import { emlFolderTransport } from '../../../../hq/mail/transport';
import { bookPhotoDeadline } from '../../../../shared/deadlines';
import { HQ_PATHS, pullResponseSchema, type BookEntryState } from '../../../../shared/sync/protocol';
import { call, DATABASE_KINDS, enroll, startHq, type RunningHq, type TestDevice } from '../../harness';
import { DIRECTORY, pushEntry, smtpTo, startSmtp, uploadPages, workerFor } from '../../mail-fixtures';

/**
 * Issue 6 review (R7, R8, R11): what the branch learns on pull about its entry's e-mail — delivered to whom
 * (the manager's name), waiting for photos, no manager address at HQ, retrying, refused for good, escalated
 * to whom — what HQ's admin sees (`mail-status`), and whose deadline HQ mails against.
 */
describe.each(DATABASE_KINDS)('mail state on %s', (kind) => {
  let hq: RunningHq;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let branchSeq = 0;
  const branch = () => `S${kind === 'pglite' ? 'L' : 'P'}-${String(++branchSeq).padStart(2, '0')}`;

  /** The entry's state as the branch receives it after `cursor`, and the cursor after the pull. */
  async function pulled(device: TestDevice, entryId: string, cursor = 0) {
    const res = await call(hq, device, `${HQ_PATHS.pull}?cursor=${cursor}`);
    const body = pullResponseSchema.parse(await res.json());
    const change = body.changes.findLast((c) => c.kind === 'book_entry' && c.entry.id === entryId);
    return {
      entry: change?.kind === 'book_entry' ? change.entry : undefined,
      cursor: body.cursor,
    } as { entry: BookEntryState | undefined; cursor: number };
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    hq = await startHq(kind);
  });
  afterAll(async () => {
    await hq?.close();
    await smtp?.close();
  });

  it('the delivery record names the manager from the directory; without a name, only the address', async () => {
    const d = await enroll(hq, branch(), DIRECTORY);
    const worker = workerFor(hq, smtpTo(smtp.url));
    const entry = await pushEntry(hq, d, { pages: 2 });
    await uploadPages(hq, d, [entry.pages[0]!]);
    expect((await pulled(d, entry.entryId)).entry?.mail).toEqual({
      state: 'waiting_photos',
      attempts: 0,
      missingPhotos: 1,
    });
    await uploadPages(hq, d, [entry.pages[1]!]);
    expect((await pulled(d, entry.entryId)).entry?.mail).toEqual({ state: 'sending', attempts: 0 });
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    const { entry: state } = await pulled(d, entry.entryId);
    expect(state?.delivery).toMatchObject({ toName: DIRECTORY.managerName, to: [DIRECTORY.managerEmail] });
    expect(state?.mail).toEqual({ state: 'sent', attempts: 1 });

    const unnamed = await enroll(hq, branch(), { ...DIRECTORY, managerName: '' });
    const other = await pushEntry(hq, unnamed, { pages: 1 });
    await uploadPages(hq, unnamed, other.pages);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    const delivery = (await pulled(unnamed, other.entryId)).entry?.delivery;
    expect(delivery?.to).toEqual([DIRECTORY.managerEmail]);
    expect(delivery).not.toHaveProperty('toName');
  });

  it('no manager address at HQ: the branch hears "no_manager" at once, and the delivery when it is added', async () => {
    const code = branch();
    const d = await enroll(hq, code, { ...DIRECTORY, managerEmail: '' });
    const worker = workerFor(hq, smtpTo(smtp.url));
    const entry = await pushEntry(hq, d, { pages: 1 });
    await uploadPages(hq, d, entry.pages);
    const before = await pulled(d, entry.entryId);
    expect(await worker.runOnce()).toMatchObject({ retrying: 1 });
    // The failure gave the entry a new version: a pull from the previous cursor carries it.
    const after = await pulled(d, entry.entryId, before.cursor);
    expect(after.entry?.mail).toMatchObject({ state: 'no_manager', attempts: 1 });
    expect(after.entry?.mail?.lastError).toMatch(/no manager e-mail/);

    const report = await unsentMailJobs(hq.db.pool);
    const job = report.find((j) => j.id === `book_entry:${entry.entryId}`);
    expect(job).toMatchObject({
      state: 'no_manager',
      branchCode: code,
      attempts: 1,
      lastErrorKind: 'directory',
    });
    expect(formatMailReport(report)).toContain(`book_entry:${entry.entryId}  [no_manager]`);

    await hq.db.pool.query('UPDATE branches SET manager_email = $2 WHERE code = $1', [
      code,
      DIRECTORY.managerEmail,
    ]);
    // Due a second ago: the worker's clock is a JavaScript Date, whole milliseconds, and PostgreSQL's now()
    // has microseconds, so "now()" itself could still be ahead of a worker that runs within the same
    // millisecond (a run of the whole suite failed so: nothing was claimed, and the next test found the entry due).
    await hq.db.pool.query(
      `UPDATE mail_outbox SET next_attempt_at = now() - interval '1 second' WHERE entry_id = $1`,
      [entry.entryId],
    );
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    const sent = await pulled(d, entry.entryId, after.cursor);
    expect(sent.entry?.delivery?.toName).toBe(DIRECTORY.managerName);
    expect(sent.entry?.mail).toEqual({ state: 'sent', attempts: 2 });
    expect((await unsentMailJobs(hq.db.pool)).some((j) => j.id === `book_entry:${entry.entryId}`)).toBe(
      false,
    );
  });

  it('SMTP down: "retrying" with the last error, once per distinct error, not per attempt', async () => {
    const d = await enroll(hq, branch(), DIRECTORY);
    let now = new Date(Date.now() + 1000);
    const worker = workerFor(hq, smtpTo(smtp.url), () => now);
    const entry = await pushEntry(hq, d, { pages: 1 });
    await uploadPages(hq, d, entry.pages);
    smtp.state.down = true;
    try {
      const start = await pulled(d, entry.entryId);
      expect(await worker.runOnce()).toMatchObject({ retrying: 1 });
      const first = await pulled(d, entry.entryId, start.cursor);
      expect(first.entry?.mail).toMatchObject({ state: 'retrying', attempts: 1 });
      expect(first.entry?.mail?.lastError).toMatch(/421|try later|Greeting never received/i);
      now = new Date(now.getTime() + 60_000);
      expect(await worker.runOnce()).toMatchObject({ retrying: 1 });
      // The same error again: nothing new for the branch.
      expect((await pulled(d, entry.entryId, first.cursor)).entry).toBeUndefined();
    } finally {
      smtp.state.down = false;
    }
  });

  it('the .eml folder cannot be written: the branch hears "retrying" without HQ\'s file paths; mail-status keeps them', async () => {
    const d = await enroll(hq, branch(), DIRECTORY);
    // A file where the mail folder should be: every write under it fails with the path in the message.
    const blocked = join(hq.dataDir, 'mail-blocked');
    writeFileSync(blocked, 'not a folder');
    const worker = workerFor(hq, emlFolderTransport(join(blocked, 'mail'), 'otklik@example.ru'));
    const entry = await pushEntry(hq, d, { pages: 1 });
    await uploadPages(hq, d, entry.pages);
    expect(await worker.runOnce()).toMatchObject({ retrying: 1 });
    const told = (await pulled(d, entry.entryId)).entry?.mail;
    expect(told).toMatchObject({ state: 'retrying', attempts: 1 });
    expect(told?.lastError).toMatch(/ENOTDIR|EEXIST|not a directory/i);
    expect(told?.lastError).not.toContain(hq.dataDir);
    expect(told?.lastError).not.toContain('mail-blocked');
    const job = (await unsentMailJobs(hq.db.pool)).find((j) => j.id === `book_entry:${entry.entryId}`);
    expect(job?.lastError).toContain('mail-blocked');
  });

  it('a refused manager address: "failed" with the reason at the branch and in mail-status; escalated to the head of sales by name', async () => {
    const bad = 'nobody-state@example.com';
    const d = await enroll(hq, branch(), { ...DIRECTORY, managerEmail: bad });
    const worker = workerFor(hq, smtpTo(smtp.url));
    smtp.state.rejectRecipients.add(bad);
    try {
      const entry = await pushEntry(hq, d, { pages: 1 });
      await uploadPages(hq, d, entry.pages);
      expect(await worker.runOnce()).toMatchObject({ failed: 1 });
      const failed = await pulled(d, entry.entryId);
      expect(failed.entry?.mail).toMatchObject({ state: 'failed', attempts: 1 });
      expect(failed.entry?.mail?.lastError).toMatch(/550|refused|No such user/);
      expect(failed.entry?.delivery).toBeUndefined();
      const job = (await unsentMailJobs(hq.db.pool)).find((j) => j.id === `book_entry:${entry.entryId}`);
      expect(job).toMatchObject({ state: 'failed', lastErrorKind: 'permanent' });
      expect(formatMailReport([job!])).toMatch(/\[failed\][\s\S]*last error: .*(550|refused)/);

      expect(await worker.runOnce()).toMatchObject({ escalated: 1, sent: 1 });
      const escalated = await pulled(d, entry.entryId, failed.cursor);
      expect(escalated.entry?.escalatedAt).toBeTruthy();
      expect(escalated.entry?.escalatedTo).toBe(DIRECTORY.headOfSalesName);
      expect(escalated.entry?.mail?.state).toBe('failed');
    } finally {
      smtp.state.rejectRecipients.delete(bad);
    }
  });

  it('mails against the branch’s deadline when plausible (its own calendar), else against HQ’s', async () => {
    const d = await enroll(hq, branch(), DIRECTORY);
    const capturedAt = new Date('2026-03-06T14:00:00Z'); // Friday afternoon in Prague
    const own = bookPhotoDeadline(capturedAt, { country: 'CZ', timeZone: 'Europe/Prague' });
    const deadlineOf = async (entryId: string) => {
      const { rows } = await hq.db.pool.query<{ deadline: string; deadline_source: string }>(
        `SELECT deadline, deadline_source FROM mail_outbox WHERE id = $1`,
        [`book_entry:${entryId}`],
      );
      return { deadline: new Date(rows[0]!.deadline).toISOString(), source: rows[0]!.deadline_source };
    };
    // The branch is closed on Monday 9 March (an extra day off HQ does not know): Tuesday 11:00.
    const closedMonday = await pushEntry(hq, d, {
      pages: 1,
      capturedAt,
      deadline: '2026-03-10T10:00:00.000Z',
    });
    expect(await deadlineOf(closedMonday.entryId)).toEqual({
      deadline: '2026-03-10T10:00:00.000Z',
      source: 'branch',
    });
    // A month away is no 11:00 rule: HQ keeps its own.
    const absurd = await pushEntry(hq, d, { pages: 1, capturedAt, deadline: '2026-04-10T09:00:00.000Z' });
    expect(await deadlineOf(absurd.entryId)).toEqual({ deadline: own.toISOString(), source: 'hq' });
  });

  it('migration 003 is idempotent: running it again changes nothing, in schema or data', async () => {
    const m = MIGRATIONS.find((x) => x.id === '003_mail_state')!;
    const tables = ['mail_outbox', 'book_entries'];
    /** Every column of the tables it touches (type, nullability, default) and every row, in a fixed order. */
    const snapshot = async () => {
      const columns = await hq.db.pool.query(
        `SELECT table_name, column_name, data_type, is_nullable, column_default
           FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ANY($1)
          ORDER BY table_name, column_name`,
        [tables],
      );
      const data: Record<string, unknown[]> = {};
      for (const t of tables) data[t] = (await hq.db.pool.query(`SELECT * FROM ${t} ORDER BY id`)).rows;
      return { columns: columns.rows, data };
    };
    // Rows with every column it adds filled in, so "data unchanged" is not about empty columns.
    const d = await enroll(hq, branch(), DIRECTORY);
    // The branch's own deadline (a closed Monday, as above): deadline_source 'branch', not the default.
    const entry = await pushEntry(hq, d, {
      pages: 1,
      capturedAt: new Date('2026-03-06T14:00:00Z'),
      deadline: '2026-03-10T10:00:00.000Z',
    });
    await hq.db.pool.query(`UPDATE mail_outbox SET last_error_kind = 'transient' WHERE entry_id = $1`, [
      entry.entryId,
    ]);
    await hq.db.pool.query(`UPDATE book_entries SET escalated_to = $2 WHERE id = $1`, [
      entry.entryId,
      DIRECTORY.headOfSalesName,
    ]);
    const before = await snapshot();
    const row = before.data.mail_outbox!.find((r) => (r as { entry_id: string }).entry_id === entry.entryId);
    expect(row).toMatchObject({ last_error_kind: 'transient', deadline_source: 'branch' });
    // Its columns are on the tables it adds them to.
    const has = (table: string, column: string) =>
      before.columns.some((c) => c.table_name === table && c.column_name === column);
    expect([
      has('mail_outbox', 'last_error_kind'),
      has('mail_outbox', 'deadline_source'),
      has('book_entries', 'escalated_to'),
    ]).toEqual([true, true, true]);
    await hq.db.pool.query(m.sql);
    await hq.db.pool.query(m.sql);
    expect(await snapshot()).toEqual(before);
  });
});

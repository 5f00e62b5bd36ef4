import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emlFolderTransport } from '../../../../hq/mail/transport';
import type { MailWorker } from '../../../../hq/mail/worker';
import { bookEntryMessageId, bookEscalationMessageId } from '../../../../shared/mail/content';
import { HQ_PATHS, pullResponseSchema } from '../../../../shared/sync/protocol';
import { call, count, DATABASE_KINDS, enroll, startHq, type RunningHq, type TestDevice } from '../../harness';
import {
  DIRECTORY,
  pageBytes,
  pushEntry,
  smtpTo,
  startSmtp,
  uploadPages,
  workerFor,
} from '../../mail-fixtures';

/** R7, R8, R11 (issue 6): HQ's mail outbox against a real SMTP server, on PGlite and on PostgreSQL. */
describe.each(DATABASE_KINDS)('mail outbox on %s', (kind) => {
  let hq: RunningHq;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let inProcess: MailWorker | undefined;
  let wakes = 0;
  let branchSeq = 0;
  const branch = () => `M${kind === 'pglite' ? 'L' : 'P'}-${String(++branchSeq).padStart(2, '0')}`;

  async function pull(device: TestDevice) {
    const res = await call(hq, device, `${HQ_PATHS.pull}?cursor=0`);
    return pullResponseSchema.parse(await res.json()).changes;
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    hq = await startHq(kind, {
      onMailWork: () => {
        wakes++;
        inProcess?.wake();
      },
    });
  });
  afterAll(async () => {
    await inProcess?.stop();
    await hq?.close();
    await smtp?.close();
  });

  it('mails an entry once all its photos are in: To/Cc, localized subject, pages byte-identical in order; the branch sees the delivery', async () => {
    const d = await enroll(hq, branch(), DIRECTORY);
    const worker = workerFor(hq, smtpTo(smtp.url));
    const entry = await pushEntry(hq, d, { pages: 3 });
    // Pages arrive out of order, the last one later: nothing is sent before every photo is there.
    await uploadPages(hq, d, [entry.pages[2]!, entry.pages[0]!]);
    expect((await worker.runOnce()).sent).toBe(0);
    await uploadPages(hq, d, [entry.pages[1]!]);
    const before = smtp.received.length;
    expect((await worker.runOnce()).sent).toBe(1);
    await smtp.waitFor(before + 1);
    const mail = smtp.received[before]!;
    expect(mail.messageId).toBe(bookEntryMessageId(entry.entryId));
    const to = Array.isArray(mail.to) ? mail.to : [mail.to!];
    const cc = Array.isArray(mail.cc) ? mail.cc : [mail.cc!];
    expect(to[0]!.value).toEqual([{ name: DIRECTORY.managerName, address: DIRECTORY.managerEmail }]);
    expect(cc[0]!.value).toEqual([{ name: DIRECTORY.headOfSalesName, address: DIRECTORY.headOfSalesEmail }]);
    expect(mail.subject).toContain('Kniha přání a stížností');
    expect(mail.subject).toContain(entry.complaintNumber);
    expect(mail.text).toContain('Zákazník čekal 40 minut');
    // Czech needs the vocative, which a name field cannot give: the greeting has no name (issue 19).
    expect(mail.text?.split('\n')[0]).toBe('Dobrý den,');
    expect(mail.attachments.map((a) => a.filename)).toEqual(['page-01.jpg', 'page-02.jpg', 'page-03.jpg']);
    mail.attachments.forEach((a, i) => expect(Buffer.compare(a.content, entry.pages[i]!)).toBe(0));

    const change = (await pull(d)).find((c) => c.kind === 'book_entry' && c.entry.id === entry.entryId);
    expect(change?.kind === 'book_entry' && change.entry.delivery).toMatchObject({
      to: [DIRECTORY.managerEmail],
      cc: [DIRECTORY.headOfSalesEmail],
      messageId: bookEntryMessageId(entry.entryId),
      onTime: true,
    });
    // Sent once: further rounds send nothing.
    expect((await worker.runOnce()).sent).toBe(0);
  });

  it('SMTP down for a while: retried with backoff, sent when it returns, before the deadline', async () => {
    const d = await enroll(hq, branch(), DIRECTORY);
    const capturedAt = new Date();
    let now = new Date(capturedAt.getTime() + 1000); // the simulated clock, just after HQ received the entry
    const worker = workerFor(hq, smtpTo(smtp.url), () => now);
    const entry = await pushEntry(hq, d, { pages: 1, capturedAt });
    await uploadPages(hq, d, entry.pages);
    smtp.state.down = true;
    try {
      expect(await worker.runOnce()).toMatchObject({ sent: 0, retrying: 1 });
      now = new Date(now.getTime() + 10_000); // backoff not over yet
      expect(await worker.runOnce()).toMatchObject({ sent: 0, retrying: 0 });
      now = new Date(now.getTime() + 25_000);
      expect(await worker.runOnce()).toMatchObject({ sent: 0, retrying: 1 });
    } finally {
      smtp.state.down = false;
    }
    now = new Date(now.getTime() + 61_000);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    const { rows } = await hq.db.pool.query('SELECT attempts, on_time FROM mail_outbox WHERE entry_id = $1', [
      entry.entryId,
    ]);
    expect(rows[0]).toEqual({ attempts: 3, on_time: true });
  });

  it('deadline passes with a photo missing: exactly one escalation to the head of sales; the branch sees it', async () => {
    const d = await enroll(hq, branch(), DIRECTORY);
    const capturedAt = new Date();
    let now = new Date(capturedAt.getTime() + 1000);
    const worker = workerFor(hq, smtpTo(smtp.url), () => now);
    const entry = await pushEntry(hq, d, { pages: 2, capturedAt });
    await uploadPages(hq, d, [entry.pages[0]!]);
    expect(await worker.runOnce()).toMatchObject({ sent: 0, escalated: 0 });
    now = new Date(now.getTime() + 5 * 86_400_000); // well past 11:00 of the next working day
    const before = smtp.received.length;
    expect(await worker.runOnce()).toMatchObject({ sent: 1, escalated: 1 });
    expect(await worker.runOnce()).toMatchObject({ sent: 0, escalated: 0 });
    await smtp.waitFor(before + 1);
    const mail = smtp.received[before]!;
    expect(mail.messageId).toBe(bookEscalationMessageId(entry.entryId));
    const to = Array.isArray(mail.to) ? mail.to : [mail.to!];
    expect(to[0]!.value[0]!.address).toBe(DIRECTORY.headOfSalesEmail);
    expect(mail.subject).toContain('Neodeslaný zápis z knihy přání a stížností');
    expect(mail.text).toContain('1 z 2');
    expect(
      await count(hq, `SELECT 1 FROM mail_outbox WHERE entry_id = $1 AND kind = 'escalation'`, [
        entry.entryId,
      ]),
    ).toBe(1);
    const change = (await pull(d)).find((c) => c.kind === 'book_entry' && c.entry.id === entry.entryId);
    expect(change?.kind === 'book_entry' && change.entry.escalatedAt).toBe(now.toISOString());
    // The late photo still goes out, marked late.
    await uploadPages(hq, d, [entry.pages[1]!]);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    const late = (await pull(d)).find((c) => c.kind === 'book_entry' && c.entry.id === entry.entryId);
    expect(late?.kind === 'book_entry' && late.entry.delivery?.onTime).toBe(false);
  });

  it('a refused manager address fails for good, is recorded as an incident and escalated at once', async () => {
    const bad = 'nobody@example.com';
    const d = await enroll(hq, branch(), { ...DIRECTORY, managerEmail: bad });
    const worker = workerFor(hq, smtpTo(smtp.url));
    smtp.state.rejectRecipients.add(bad);
    try {
      const entry = await pushEntry(hq, d, { pages: 1 });
      await uploadPages(hq, d, entry.pages);
      expect(await worker.runOnce()).toMatchObject({ failed: 1 });
      const { rows } = await hq.db.pool.query('SELECT status, last_error FROM mail_outbox WHERE id = $1', [
        `book_entry:${entry.entryId}`,
      ]);
      expect(rows[0].status).toBe('failed');
      expect(rows[0].last_error).toMatch(/550|refused|No such user/);
      expect(await count(hq, `SELECT 1 FROM incidents WHERE kind = 'mail_failed'`)).toBeGreaterThan(0);
      expect(await worker.runOnce()).toMatchObject({ escalated: 1, sent: 1 });
    } finally {
      smtp.state.rejectRecipients.delete(bad);
    }
  });

  it('two workers at once: both send, every entry exactly one e-mail', async () => {
    const d = await enroll(hq, branch(), DIRECTORY);
    // More entries than one worker claims in one go (its batch of 5): the other worker has some to claim.
    const entries = [];
    for (let i = 0; i < 6; i++) entries.push(await pushEntry(hq, d, { pages: 1 }));
    for (const e of entries) await uploadPages(hq, d, e.pages);
    const before = smtp.received.length;
    // The SMTP server holds the first message until a second is in delivery too: so both workers must hold
    // a claimed job at the same moment, and a claim of one that the other holds would send it twice.
    const concurrent = smtp.barrier(2);
    const [a, b] = [workerFor(hq, smtpTo(smtp.url)), workerFor(hq, smtpTo(smtp.url))];
    const rounds = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(await concurrent).toBe(true);
    expect(rounds[0]!.sent).toBeGreaterThan(0);
    expect(rounds[1]!.sent).toBeGreaterThan(0);
    expect(rounds[0]!.sent + rounds[1]!.sent).toBe(6);
    // A round ends after the server accepted its messages, and the server accepts a message only once it
    // is parsed: everything the workers sent is in \`received\` now.
    const ids = smtp.received.slice(before).map((m) => m.messageId);
    expect(ids.sort()).toEqual(entries.map((e) => bookEntryMessageId(e.entryId)).sort());
    // Each job was claimed once: no second claim is left to send anything later.
    const { rows } = await hq.db.pool.query<{ status: string; attempts: number }>(
      `SELECT status, attempts FROM mail_outbox WHERE kind = 'book_entry' AND entry_id = ANY($1::uuid[])`,
      [entries.map((e) => e.entryId)],
    );
    expect(rows).toEqual(entries.map(() => ({ status: 'sent', attempts: 1 })));
  });

  it('a photo upload wakes the mail worker only when it is new and a pending entry mail waits for it', async () => {
    const d = await enroll(hq, branch(), DIRECTORY);
    const other = await enroll(hq, branch(), DIRECTORY);
    const entry = await pushEntry(hq, d, { pages: 2 });
    let before = wakes;
    await uploadPages(hq, d, [pageBytes(12_345, 99)]); // no entry waits for it
    expect(wakes).toBe(before);
    await uploadPages(hq, d, [entry.pages[0]!]);
    expect(wakes).toBe(before + 1);
    before = wakes;
    await uploadPages(hq, d, [entry.pages[0]!]); // again: HQ has it
    await uploadPages(hq, other, [entry.pages[0]!]); // another branch: the bytes were there already
    expect(wakes).toBe(before);
    await uploadPages(hq, d, [entry.pages[1]!]);
    expect(wakes).toBe(before + 1);
  });

  it('embedded default: the upload that completes an entry wakes the worker, which writes its .eml', async () => {
    const dir = join(hq.dataDir, 'mail');
    // Never started: no poll timer, so only HQ's wake-up on the push and the upload can make it send.
    inProcess = workerFor(hq, emlFolderTransport(dir, 'Otklik <otklik@localhost>'));
    const d = await enroll(hq, branch(), DIRECTORY);
    const entry = await pushEntry(hq, d, { pages: 2 });
    await uploadPages(hq, d, entry.pages);
    const file = join(dir, `${bookEntryMessageId(entry.entryId).slice(1, -1).replace(/@.*$/, '')}.eml`);
    await expect.poll(() => existsSync(file), { timeout: 15_000, interval: 25 }).toBe(true);
    const mail = await simpleParser(readFileSync(file));
    expect(mail.messageId).toBe(bookEntryMessageId(entry.entryId));
    expect(mail.attachments.map((a) => a.content.equals(entry.pages[mail.attachments.indexOf(a)]!))).toEqual([
      true,
      true,
    ]);
  });
});

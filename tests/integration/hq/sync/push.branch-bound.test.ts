import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { MailWorker } from '../../../../hq/mail/worker';
import type { OperationPayload } from '../../../../shared/sync/operations';
import {
  HQ_PATHS,
  pullResponseSchema,
  type Change,
  type PushOperation,
} from '../../../../shared/sync/protocol';
import {
  call,
  count,
  DATABASE_KINDS,
  enroll,
  op,
  registration,
  startHq,
  startReview,
  type RunningHq,
  type TestDevice,
} from '../../harness';
import { push as pushTo } from '../complaints/handling';
import {
  DIRECTORY,
  pageBytes,
  pushEntry,
  sha,
  smtpTo,
  startSmtp,
  uploadPages,
  workerFor,
  type SubmittedEntry,
} from '../../mail-fixtures';

/**
 * Issue 13, item 2 (R1, R7, R24): a branch only ever writes its own data, and learns nothing of another
 * branch's ids, numbers or photos — an id or hash of another branch gets the answer an unknown one gets.
 * Each case is what the probe did: SPB-02 took MSK-01's complaint number, and its submit named MSK-01's
 * complaint and photos (SPB-02's manager received MSK-01's complaint text and photo).
 */
describe.each(DATABASE_KINDS)('branch-bound data on %s', (kind) => {
  let hq: RunningHq;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let worker: MailWorker;
  let msk: TestDevice;
  let spb: TestDevice;
  /** MSK-01's entry: its complaint (with its text) and two photos it uploaded. */
  let theirs: SubmittedEntry & { complaintId: string };

  const push = (device: TestDevice, ops: PushOperation[]) => pushTo(hq, device, ops);
  const reasons = async (device: TestDevice, ops: PushOperation[]) =>
    (await push(device, ops)).map((r) => r.reason ?? r.outcome);
  const pull = async (device: TestDevice): Promise<Change[]> => {
    const res = await call(hq, device, `${HQ_PATHS.pull}?cursor=0`);
    expect(res.status).toBe(200);
    return pullResponseSchema.parse(await res.json()).changes;
  };
  const entryState = async (device: TestDevice, id: string) =>
    (await pull(device))
      .flatMap((c) => (c.kind === 'book_entry' && c.entry.id === id ? [c.entry] : []))
      .at(-1);

  const header = (device: TestDevice, id = uuidv7()) => {
    const at = new Date().toISOString();
    return { id, branchCode: device.branchCode, capturedAt: at, capturedBy: 'Olga', deadline: at };
  };
  const submit = (
    device: TestDevice,
    entry: { id?: string; complaintId: string; complaintNumber: string; pageHashes: string[] },
  ): OperationPayload<'book.entry.submit'> => ({
    entry: {
      ...header(device, entry.id),
      complaintId: entry.complaintId,
      complaintNumber: entry.complaintNumber,
      submittedAt: new Date().toISOString(),
      pageHashes: entry.pageHashes,
    },
  });

  beforeAll(async () => {
    smtp = await startSmtp();
    hq = await startHq(kind);
    msk = await enroll(hq, 'MSK-01', DIRECTORY);
    spb = await enroll(hq, 'SPB-02', {
      ...DIRECTORY,
      managerName: 'Spb Manager',
      managerEmail: 'spb.manager@example.com',
    });
    worker = workerFor(hq, smtpTo(smtp.url));
    const entry = await pushEntry(hq, msk, { pages: 2 });
    await uploadPages(hq, msk, entry.pages);
    const { rows } = await hq.db.pool.query<{ complaint_id: string }>(
      'SELECT complaint_id FROM book_entries WHERE id = $1',
      [entry.entryId],
    );
    theirs = { ...entry, complaintId: rows[0]!.complaint_id };
    expect((await worker.runOnce()).sent).toBe(1);
    await smtp.waitFor(1);
  }, 60_000);
  afterAll(async () => {
    await hq?.close();
    await smtp?.close();
  });

  it('R1: a complaint number of another branch is refused; that branch registers its own with it', async () => {
    const forged = registration(spb.branchCode);
    forged.complaint.number = 'MSK-01-2026-199999';
    const lower = registration(spb.branchCode);
    lower.complaint.number = 'msk-01-2026-199998';
    const odd = registration(spb.branchCode);
    odd.complaint.number = 'SPB-02/2026/1';
    expect(
      await reasons(spb, [
        op(spb, 'complaint.register', forged),
        op(spb, 'complaint.register', lower),
        op(spb, 'complaint.register', odd),
      ]),
    ).toEqual(['wrong_branch', 'wrong_branch', 'wrong_branch']);
    const real = registration(msk.branchCode);
    real.complaint.number = 'MSK-01-2026-199999';
    expect(await reasons(msk, [op(msk, 'complaint.register', real)])).toEqual(['applied']);
    const { rows } = await hq.db.pool.query<{ id: string; code: string }>(
      'SELECT c.id, b.code FROM complaints c JOIN branches b ON b.id = c.branch_id WHERE c.number = $1',
      ['MSK-01-2026-199999'],
    );
    expect(rows).toEqual([{ id: real.complaint.id, code: 'MSK-01' }]);
  });

  it('R1: a number another branch took before HQ checked numbers goes back to its branch when it arrives', async () => {
    // What an older HQ let through: SPB-02's complaint under MSK-01's number.
    const squat = registration(spb.branchCode);
    expect(await reasons(spb, [op(spb, 'complaint.register', squat)])).toEqual(['applied']);
    await hq.db.pool.query(
      `UPDATE complaints SET number = 'MSK-01-2026-188888',
         record = jsonb_set(record, '{number}', '"MSK-01-2026-188888"') WHERE id = $1`,
      [squat.complaint.id],
    );
    const real = registration(msk.branchCode);
    real.complaint.number = 'MSK-01-2026-188888';
    expect(await reasons(msk, [op(msk, 'complaint.register', real)])).toEqual(['applied']);
    const { rows } = await hq.db.pool.query<{ id: string; number: string; branch: string }>(
      `SELECT c.id, c.number, b.code AS branch FROM complaints c JOIN branches b ON b.id = c.branch_id
        WHERE c.id = ANY($1::uuid[]) ORDER BY b.code`,
      [[real.complaint.id, squat.complaint.id]],
    );
    expect(rows).toEqual([
      { id: real.complaint.id, number: 'MSK-01-2026-188888', branch: 'MSK-01' },
      { id: squat.complaint.id, number: `~${squat.complaint.id}`, branch: 'SPB-02' },
    ]);
    // SPB-02 keeps its complaint, hears of the new number with its next pull; HQ notes what happened.
    const renamed = (await pull(spb)).flatMap((c) =>
      c.kind === 'complaint' && c.complaint.id === squat.complaint.id ? [c.complaint.number] : [],
    );
    expect(renamed).toEqual([`~${squat.complaint.id}`]);
    expect(
      await count(hq, `SELECT 1 FROM incidents WHERE kind = 'number_reclaimed' AND detail->>'number' = $1`, [
        'MSK-01-2026-188888',
      ]),
    ).toBe(1);
  });

  it("R7: a submit naming another branch's complaint and photos mails nothing of them", async () => {
    // A complaint number of another branch is refused like a registration's.
    const own = registration(spb.branchCode);
    expect(await reasons(spb, [op(spb, 'complaint.register', own)])).toEqual(['applied']);
    const foreignNumber = submit(spb, {
      complaintId: own.complaint.id,
      complaintNumber: theirs.complaintNumber,
      pageHashes: [sha(pageBytes(100, 1))],
    });
    expect(await reasons(spb, [op(spb, 'book.entry.submit', foreignNumber)])).toEqual(['wrong_branch']);

    // MSK-01's photos: SPB-02's entry waits for them as for photos nobody has, and is never mailed with them.
    const withTheirPhotos = submit(spb, {
      complaintId: own.complaint.id,
      complaintNumber: own.complaint.number,
      pageHashes: theirs.pages.map(sha),
    });
    const nobodys = submit(spb, {
      complaintId: own.complaint.id,
      complaintNumber: own.complaint.number,
      pageHashes: [sha(pageBytes(30, 901)), sha(pageBytes(30, 902))],
    });
    // MSK-01's complaint: SPB-02's entry is mailed with its own photo, without MSK-01's text.
    const ownPhoto = pageBytes(5_000, 903);
    await uploadPages(hq, spb, [ownPhoto]);
    const withTheirComplaint = submit(spb, {
      complaintId: theirs.complaintId,
      complaintNumber: own.complaint.number,
      pageHashes: [sha(ownPhoto)],
    });
    expect(
      await reasons(spb, [
        op(spb, 'book.entry.submit', withTheirPhotos),
        op(spb, 'book.entry.submit', nobodys),
        op(spb, 'book.entry.submit', withTheirComplaint),
      ]),
    ).toEqual(['applied', 'applied', 'applied']);

    const waiting = await entryState(spb, withTheirPhotos.entry.id);
    expect(waiting?.mail).toMatchObject({ state: 'waiting_photos', missingPhotos: 2 });
    expect((await entryState(spb, nobodys.entry.id))?.mail).toEqual(waiting?.mail);

    const before = smtp.received.length;
    const round = await worker.runOnce();
    expect(round.sent).toBe(1);
    // The complaints registered above are long overdue: the same round escalates them (issue 15), each to
    // its own branch's manager. Only the entry's own mail is looked at here.
    await smtp.waitFor(before + 1 + (round.complaints?.sent ?? 0));
    const mails = smtp.received.slice(before).filter((m) => m.messageId?.startsWith('<book-entry.'));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(JSON.stringify(mail.to)).toContain('spb.manager@example.com');
    expect(mail.text).not.toContain('Zákazník čekal 40 minut');
    const theirHashes = new Set(theirs.pages.map(sha));
    expect(mail.attachments.map((a) => sha(a.content))).toEqual([sha(ownPhoto)]);
    for (const a of mail.attachments) expect(theirHashes.has(sha(a.content))).toBe(false);
    // HQ keeps no link from SPB-02's entry to MSK-01's complaint.
    expect(
      await count(hq, 'SELECT 1 FROM book_entries WHERE id = $1 AND complaint_id = $2', [
        withTheirComplaint.entry.id,
        theirs.complaintId,
      ]),
    ).toBe(0);
  });

  it('two branches creating one entry id at once: one has it, the other is told conflict (found by the fuzz suite)', async () => {
    const page = (device: TestDevice, entryId: string, seed: number) => {
      const bytes = pageBytes(40, seed);
      return op(device, 'book.page.add', {
        entry: header(device, entryId),
        page: {
          id: uuidv7(),
          entryId,
          pageNo: 1,
          sha256: sha(bytes),
          sourceSha256: sha(bytes),
          mime: 'image/jpeg',
          size: 40,
          width: 10,
          height: 10,
          source: 'camera',
          capturedAt: new Date().toISOString(),
          capturedBy: 'x',
        },
      });
    };
    const ids = Array.from({ length: 15 }, () => uuidv7());
    const answers = await Promise.all(
      ids.flatMap((id, i) => [push(msk, [page(msk, id, 2 * i)]), push(spb, [page(spb, id, 2 * i + 1)])]),
    );
    for (let i = 0; i < ids.length; i++)
      expect(
        [answers[2 * i]![0]!.reason ?? 'applied', answers[2 * i + 1]![0]!.reason ?? 'applied'].sort(),
      ).toEqual(['applied', 'conflict']);
    expect(
      await count(
        hq,
        `SELECT 1 FROM book_pages p JOIN book_entries e ON e.id = p.entry_id
          WHERE e.id = ANY($1::uuid[]) AND p.branch_id <> e.branch_id`,
        [ids],
      ),
    ).toBe(0);
  });

  it('an id or hash of another branch gets the answer an unknown one gets, and changes nothing of it', async () => {
    const { rows: pages } = await hq.db.pool.query<{ id: string }>(
      'SELECT id FROM book_pages WHERE entry_id = $1 ORDER BY page_no',
      [theirs.entryId],
    );
    const theirPage = pages[0]!.id;
    const at = '2026-03-02T11:00:00Z';
    const note = (complaintId: string): OperationPayload<'complaint.event'> => ({
      event: { id: uuidv7(), complaintId, type: 'note_added', at, actor: 'x', data: { text: 'x' } },
    });
    const pageAdd = (entryId: string): OperationPayload<'book.page.add'> => {
      const bytes = pageBytes(40, 904);
      return {
        entry: header(spb, entryId),
        page: {
          id: uuidv7(),
          entryId,
          pageNo: 1,
          sha256: sha(bytes),
          sourceSha256: sha(bytes),
          mime: 'image/jpeg',
          size: 40,
          width: 10,
          height: 10,
          source: 'camera',
          capturedAt: at,
          capturedBy: 'x',
        },
      };
    };
    const unknownId = uuidv7();
    const ownReg = registration(spb.branchCode);
    const theirIdReg = registration(spb.branchCode);
    theirIdReg.complaint.id = theirs.complaintId;
    for (const e of theirIdReg.events) e.complaintId = theirs.complaintId;

    // Ops that change what exists: another branch's id is "unknown", exactly like an id nobody has.
    const changing = (id: { complaint: string; entry: string; page: string }) => [
      op(spb, 'complaint.event', note(id.complaint)),
      op(spb, 'complaint.transition', startReview(id.complaint)),
      op(spb, 'book.page.remove', { entryId: id.entry, pageId: id.page, at, by: 'x' }),
      op(spb, 'book.entry.fallback', { entryId: id.entry, at, by: 'x', pages: [sha(pageBytes(9, 9))] }),
    ];
    const unknown = await reasons(spb, changing({ complaint: unknownId, entry: unknownId, page: unknownId }));
    const foreign = await reasons(
      spb,
      changing({ complaint: theirs.complaintId, entry: theirs.entryId, page: theirPage }),
    );
    expect(unknown).toEqual(['unknown_complaint', 'unknown_complaint', 'unknown_entry', 'unknown_entry']);
    expect(foreign).toEqual(unknown);

    // Ops that create: an id already used anywhere is a conflict, whoever used it (an own id included).
    const reg = await reasons(spb, [
      op(spb, 'complaint.register', ownReg),
      op(spb, 'complaint.register', theirIdReg),
      op(spb, 'book.page.add', pageAdd(theirs.entryId)),
      op(
        spb,
        'book.entry.submit',
        submit(spb, {
          id: theirs.entryId,
          complaintId: ownReg.complaint.id,
          complaintNumber: ownReg.complaint.number,
          pageHashes: [sha(pageBytes(9, 9))],
        }),
      ),
    ]);
    expect(reg).toEqual(['applied', 'conflict', 'conflict', 'conflict']);
    const again = registration(spb.branchCode);
    again.complaint.id = ownReg.complaint.id;
    for (const e of again.events) e.complaintId = ownReg.complaint.id;
    expect(await reasons(spb, [op(spb, 'complaint.register', again)])).toEqual(['already_registered']);

    // Photos: HEAD and PUT of a photo only another branch has answer as for one nobody has.
    const fresh = pageBytes(3_000, 905);
    const heads = await Promise.all(
      [sha(theirs.pages[0]!), sha(fresh)].map(
        async (h) => (await call(hq, spb, HQ_PATHS.photo(h), { method: 'HEAD' })).status,
      ),
    );
    expect(heads).toEqual([404, 404]);
    const puts = [];
    for (const bytes of [theirs.pages[0]!, fresh]) {
      const res = await call(hq, spb, HQ_PATHS.photo(sha(bytes)), {
        method: 'PUT',
        body: new Uint8Array(bytes),
      });
      puts.push([res.status, ((await res.json()) as { stored: string }).stored]);
    }
    expect(puts).toEqual([
      [201, 'new'],
      [201, 'new'],
    ]);

    // Nothing of MSK-01 changed: its complaint has its two first events, its entry its two pages, unremoved.
    expect(
      await count(hq, 'SELECT 1 FROM complaint_events WHERE complaint_id = $1', [theirs.complaintId]),
    ).toBe(2);
    expect(
      await count(hq, 'SELECT 1 FROM book_pages WHERE entry_id = $1 AND removed_at IS NULL', [
        theirs.entryId,
      ]),
    ).toBe(2);
    expect(await count(hq, 'SELECT 1 FROM book_fallbacks WHERE entry_id = $1', [theirs.entryId])).toBe(0);
    const { rows } = await hq.db.pool.query<{ code: string }>(
      `SELECT DISTINCT b.code FROM book_entries e JOIN branches b ON b.id = e.branch_id WHERE e.id = $1`,
      [theirs.entryId],
    );
    expect(rows).toEqual([{ code: 'MSK-01' }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_PATHS, type ComplaintDetail, type ComplaintList } from '../../../../shared/console/protocol';
import { HQ_PATHS } from '../../../../shared/sync/protocol';
import {
  call,
  DATABASE_KINDS,
  enroll,
  op,
  registration,
  startHq,
  type RunningHq,
  type TestDevice,
} from '../../harness';
import { consoleUser, type ConsoleClient } from '../../console-client';
import { pushEntry, sha, uploadPages, type SubmittedEntry } from '../../mail-fixtures';

/**
 * Issue 14, R24: scope is enforced in SQL. A manager of MSK-01 cannot reach SPB-02's complaint by id, in the
 * list (with or without a branch filter), in search, through an action, or its feedback-book photos; an
 * auditor reads and cannot write; an admin administers and cannot read complaint contents.
 */
describe.each(DATABASE_KINDS)('console scope on %s', (kind) => {
  let hq: RunningHq;
  let msk: TestDevice;
  let spb: TestDevice;
  let mskEntry: SubmittedEntry;
  let spbEntry: SubmittedEntry;
  const ids: Record<string, string> = {};
  let manager: ConsoleClient;
  let head: ConsoleClient;
  let auditor: ConsoleClient;
  let admin: ConsoleClient;

  async function register(device: TestDevice, description: string): Promise<string> {
    const reg = registration(device.branchCode);
    reg.complaint.description = description;
    const res = await call(hq, device, HQ_PATHS.push, {
      method: 'POST',
      body: JSON.stringify({ ops: [op(device, 'complaint.register', reg)] }),
    });
    expect(res.status).toBe(200);
    return reg.complaint.id;
  }
  const idOf = async (number: string) =>
    (await hq.db.pool.query<{ id: string }>('SELECT id FROM complaints WHERE number = $1', [number])).rows[0]!
      .id;

  beforeAll(async () => {
    hq = await startHq(kind);
    msk = await enroll(hq, 'MSK-01');
    spb = await enroll(hq, 'SPB-02');
    ids.msk = await register(msk, 'Московский чайник протекает');
    ids.spb = await register(spb, 'Петербургский пылесос сломался');
    mskEntry = await pushEntry(hq, msk, { pages: 1 });
    spbEntry = await pushEntry(hq, spb, { pages: 1 });
    await uploadPages(hq, msk, mskEntry.pages);
    await uploadPages(hq, spb, spbEntry.pages);
    ids.mskBook = await idOf(mskEntry.complaintNumber);
    ids.spbBook = await idOf(spbEntry.complaintNumber);
    [manager, head, auditor, admin] = await Promise.all([
      consoleUser(hq, 'manager', ['MSK-01']),
      consoleUser(hq, 'head_of_sales'),
      consoleUser(hq, 'auditor'),
      consoleUser(hq, 'admin'),
    ]);
  });
  afterAll(async () => {
    await hq?.close();
  });

  const list = async (c: ConsoleClient, query = '') => {
    const res = await c.call(`${CONSOLE_PATHS.complaints}${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as ComplaintList;
  };

  it('a manager of MSK-01 reads MSK-01 by id, and SPB-02 not at all: 404, as for no complaint', async () => {
    const own = await manager.call(CONSOLE_PATHS.complaint(ids.msk!));
    expect(own.status).toBe(200);
    expect(((await own.json()) as ComplaintDetail).complaint.branchCode).toBe('MSK-01');
    const other = await manager.call(CONSOLE_PATHS.complaint(ids.spb!));
    const none = await manager.call(CONSOLE_PATHS.complaint('0193b8a0-0000-7000-8000-0000000000ff'));
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual(await none.json());
  });

  it('the list and the branch filter show a manager only their own branch', async () => {
    const all = await list(manager);
    expect(all.items.length).toBe(2);
    expect(new Set(all.items.map((i) => i.branchCode))).toEqual(new Set(['MSK-01']));
    expect((await list(manager, '?branch=SPB-02')).items).toEqual([]);
    expect((await list(manager, '?branch=SPB-02,MSK-01')).items.map((i) => i.branchCode)).toEqual([
      'MSK-01',
      'MSK-01',
    ]);
    expect((await list(head)).items.length).toBe(4);
  });

  it('search does not find another branch’s complaint for a manager', async () => {
    expect((await list(manager, `?q=${encodeURIComponent('пылесос')}`)).items).toEqual([]);
    expect((await list(head, `?q=${encodeURIComponent('пылесос')}`)).items.map((i) => i.id)).toEqual([
      ids.spb,
    ]);
    expect((await list(manager, `?q=${encodeURIComponent('чайник')}`)).items.map((i) => i.id)).toEqual([
      ids.msk,
    ]);
  });

  it('photos: only a page of a branch in scope is served, privately', async () => {
    const mine = await manager.call(CONSOLE_PATHS.photo(sha(mskEntry.pages[0]!)));
    expect(mine.status).toBe(200);
    expect(mine.headers.get('cache-control')).toMatch(/private/);
    expect(Buffer.from(await mine.arrayBuffer()).equals(mskEntry.pages[0]!)).toBe(true);
    const theirs = await manager.call(CONSOLE_PATHS.photo(sha(spbEntry.pages[0]!)));
    expect(theirs.status).toBe(404);
    expect((await head.call(CONSOLE_PATHS.photo(sha(spbEntry.pages[0]!)))).status).toBe(200);
    // Signed out or never signed in: nothing.
    expect((await fetch(hq.url + CONSOLE_PATHS.photo(sha(mskEntry.pages[0]!)))).status).toBe(401);
    // The branch's own photo route does not take a console cookie either.
    const viaDevice = await fetch(hq.url + HQ_PATHS.photo(sha(mskEntry.pages[0]!)), {
      method: 'HEAD',
      headers: { cookie: manager.cookie },
    });
    expect(viaDevice.status).toBe(401);
  });

  it('a manager cannot act on another branch’s complaint, nor see its book entry in a detail', async () => {
    const note = await manager.call(CONSOLE_PATHS.complaintEvents(ids.spb!), {
      method: 'POST',
      json: { type: 'note', text: 'Проверить' },
    });
    expect(note.status).toBe(404);
    const detail = (await (
      await manager.call(CONSOLE_PATHS.complaint(ids.mskBook!))
    ).json()) as ComplaintDetail;
    expect(detail.bookEntries.map((e) => e.id)).toEqual([mskEntry.entryId]);
    expect(detail.bookEntries[0]!.pages.map((p) => p.sha256)).toEqual([sha(mskEntry.pages[0]!)]);
  });

  it('an auditor reads everything and cannot change anything: 403 on every state change', async () => {
    expect((await list(auditor)).items.length).toBe(4);
    expect((await auditor.call(CONSOLE_PATHS.complaint(ids.spb!))).status).toBe(200);
    const attempts = await Promise.all([
      auditor.call(CONSOLE_PATHS.complaintEvents(ids.spb!), {
        method: 'POST',
        json: { type: 'note', text: 'x' },
      }),
      auditor.call(CONSOLE_PATHS.complaintEvents(ids.spb!), { method: 'POST', json: { type: 'take_over' } }),
      auditor.call(CONSOLE_PATHS.mailRetry('book_entry:x'), { method: 'POST' }),
      auditor.call(CONSOLE_PATHS.branch('MSK-01'), { method: 'PATCH', json: { name: 'X' } }),
      auditor.call(CONSOLE_PATHS.enrollmentCodes('MSK-01'), { method: 'POST' }),
      auditor.call(CONSOLE_PATHS.users, {
        method: 'POST',
        json: { email: 'x@example.com', name: 'X', role: 'admin' },
      }),
      auditor.call(CONSOLE_PATHS.deviceRevoke(msk.deviceId), { method: 'POST' }),
    ]);
    for (const r of attempts) {
      expect(r.status).toBe(403);
      expect(((await r.json()) as { code: string }).code).toBe('forbidden');
    }
    expect(
      await hq.db.pool.query('SELECT 1 FROM hq_users WHERE email = $1', ['x@example.com']),
    ).toMatchObject({
      rowCount: 0,
    });
    // Reading the administration is allowed.
    expect((await auditor.call(CONSOLE_PATHS.users)).status).toBe(200);
    expect((await auditor.call(CONSOLE_PATHS.audit)).status).toBe(200);
  });

  it('an admin administers and cannot read complaint contents: 403', async () => {
    const reads = await Promise.all([
      admin.call(CONSOLE_PATHS.complaints),
      admin.call(CONSOLE_PATHS.complaint(ids.msk!)),
      admin.call(`${CONSOLE_PATHS.complaints}?q=${encodeURIComponent('чайник')}`),
      admin.call(CONSOLE_PATHS.queues),
      admin.call(CONSOLE_PATHS.photo(sha(mskEntry.pages[0]!))),
      admin.call(CONSOLE_PATHS.complaintEvents(ids.msk!), {
        method: 'POST',
        json: { type: 'note', text: 'x' },
      }),
    ]);
    for (const r of reads) {
      expect(r.status).toBe(403);
      const body = (await r.json()) as { code: string; message: string };
      expect(body.code).toBe('forbidden');
      expect(JSON.stringify(body)).not.toMatch(/чайник|MSK-01-2026/);
    }
    expect((await admin.call(CONSOLE_PATHS.branches)).status).toBe(200);
    expect((await admin.call(CONSOLE_PATHS.users)).status).toBe(200);
    expect((await admin.call(CONSOLE_PATHS.devices)).status).toBe(200);
  });
});

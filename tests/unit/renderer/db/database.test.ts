import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import type { BookEntry } from '../../../../shared/book/model';
import type { Complaint } from '../../../../shared/complaints/model';
import { changeStatus, registerComplaint } from '../../../../renderer/complaints/actions';
import { listComplaints, urgencyCounts } from '../../../../renderer/complaints/queries';
import { checkDueKeys } from '../../../../renderer/complaints/useComplaintList';
import { OtklikDatabase, SCHEMA_VERSIONS } from '../../../../renderer/db/database';
import { urgencyKeysOf, type StoredComplaint } from '../../../../renderer/db/listKeys';
import { OLGA, input, now, openDb, settings, track } from '../fixtures';

// Schema version 3 (issue 17): a branch PC's existing data, as version 2 stored it, gets the list keys
// and indexes in place on the first start of the new version.

const actor = OLGA;
const thursday = new Date('2026-11-26T09:00:00Z');

/** Complaints as the previous version stored them: no list keys. Made by the app's own actions. */
async function previousVersionComplaints(): Promise<Complaint[]> {
  const scratch = openDb();
  const letter = (d: string) =>
    input(d, {
      channel: 'post',
      customer: {
        name: 'Петров',
        phone: '',
        email: '',
        address: 'Москва, ул. Ленина, 5',
        preferredContact: 'post',
      },
    });
  const open = await registerComplaint(scratch, letter('Письмо: сломался чайник'), settings(), OLGA, now);
  const counter = await registerComplaint(scratch, input('Кассир нагрубил'), settings(), OLGA, now, {
    acknowledged: true,
  });
  const internal = await registerComplaint(
    scratch,
    input('Склад не выдаёт товар', {
      channel: 'internal',
      customer: { name: 'Сергей Орлов', phone: '', email: '', address: '', preferredContact: '' },
      noContactReason: 'Работает в этом отделении',
    }),
    settings(),
    OLGA,
    now,
  );
  const closed = await registerComplaint(scratch, input('Долго ждал'), settings(), OLGA, now, {
    acknowledged: true,
  });
  for (const [to, from] of [
    ['in_review', 'registered'],
    ['decided', 'in_review'],
    ['customer_informed', 'decided'],
    ['follow_up', 'customer_informed'],
    ['closed', 'follow_up'],
  ] as const) {
    await changeStatus(
      scratch,
      closed.id,
      {
        to,
        expectedFrom: from,
        decision: { outcome: 'upheld' },
        followUp: { outcome: 'accepted', satisfaction: 5 },
      },
      actor,
      now,
    );
  }
  const rows = await scratch.complaints.bulkGet([open.id, counter.id, internal.id, closed.id]);
  return rows.map((c) => {
    const { urgency: _keys, ...plain } = c!;
    return plain;
  });
}

const entry = (id: string, deadline: string, delivered: boolean): BookEntry => ({
  id,
  branchCode: 'MSK-01',
  state: 'submitted',
  capturedAt: now.toISOString(),
  capturedBy: actor.name,
  deadline,
  pageHashes: [],
  fallbacks: [],
  updatedAt: now.toISOString(),
  ...(delivered
    ? {
        delivery: {
          sentAt: now.toISOString(),
          to: ['manager@example.ru'],
          cc: [],
          messageId: `<book-entry.${id}@otklik>`,
          onTime: true,
        },
      }
    : {}),
});

/** A database at schema version 2 written by a plain Dexie (no hooks of the new version). */
async function versionTwoDatabase(withSettings: boolean): Promise<{ name: string; complaints: Complaint[] }> {
  const name = `otklik-test-${crypto.randomUUID()}`;
  const complaints = await previousVersionComplaints();
  const v2 = new Dexie(name);
  for (const v of SCHEMA_VERSIONS.slice(0, 2)) v2.version(v.version).stores(v.stores);
  if (withSettings) await v2.table('settings').put({ key: 'workstation', value: settings() });
  await v2.table('complaints').bulkAdd(complaints);
  await v2
    .table('bookEntries')
    .bulkAdd([
      entry('0193b8a0-0000-7000-8000-0000000000a1', '2026-11-24T08:00:00.000Z', false),
      entry('0193b8a0-0000-7000-8000-0000000000a2', '2026-11-25T08:00:00.000Z', true),
    ]);
  v2.close();
  return { name, complaints };
}

describe('schema version 3 upgrade', () => {
  it('fills the urgency keys of open complaints and the delivered key of book entries, in place', async () => {
    const { name, complaints } = await versionTwoDatabase(true);
    const db = track(new OtklikDatabase(name));
    await db.open();
    // Through 3 (list keys), 4 (employees, issue 14) and the later versions to the newest.
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);

    const [open, counter, internal, closed] = complaints;
    const stored = (id: string) => db.complaints.get(id) as Promise<StoredComplaint>;
    for (const c of [open!, counter!, internal!]) {
      expect((await stored(c.id)).urgency).toEqual(urgencyKeysOf(c, settings()));
      expect((await stored(c.id)).urgency).toBeDefined();
    }
    expect((await stored(internal!.id)).urgency?.register).toBe('internal');
    // A closed complaint needs no key: it is never urgent again (until reopened, which sets them).
    expect((await stored(closed!.id)).urgency).toBeUndefined();
    // Everything else of the record is as it was.
    const { urgency: _keys, ...rest } = await stored(open!.id);
    expect(rest).toEqual(open);

    // The new indexes answer at once: the lists, the counts (the letter's acknowledgement is overdue
    // on Thursday), the registers.
    const base = { query: '', status: '', channel: '', register: 'customers', limit: 50 } as const;
    expect((await listComplaints(db, base)).rows.map((c) => c.id).sort()).toEqual(
      [open!.id, counter!.id, closed!.id].sort(),
    );
    expect((await listComplaints(db, { ...base, status: 'closed' })).rows.map((c) => c.id)).toEqual([
      closed!.id,
    ]);
    expect((await listComplaints(db, { ...base, register: 'internal' })).rows.map((c) => c.id)).toEqual([
      internal!.id,
    ]);
    expect(await urgencyCounts(db, 'customers', thursday)).toEqual({ overdue: 1, due_soon: 0 });
    expect(await urgencyCounts(db, 'internal', thursday)).toEqual({ overdue: 1, due_soon: 0 });

    const entries = await db.bookEntries.toArray();
    expect(entries.map((e) => [e.id.slice(-2), (e as BookEntry & { delivered: number }).delivered])).toEqual([
      ['a1', 0],
      ['a2', 1],
    ]);
  });

  it('without stored settings the keys wait for the check at start, which fills them once settings exist', async () => {
    const { name, complaints } = await versionTwoDatabase(false);
    const db = track(new OtklikDatabase(name));
    await db.open();
    expect((await db.complaints.toArray()).every((c) => c.urgency === undefined)).toBe(true);
    expect(await urgencyCounts(db, 'customers', thursday)).toEqual({ overdue: 0, due_soon: 0 });

    await db.settings.put({ key: 'workstation', value: settings() });
    expect(await checkDueKeys(db)).toBe(3);
    expect(await urgencyCounts(db, 'customers', thursday)).toEqual({ overdue: 1, due_soon: 0 });
    // Nothing more to fix the next time.
    expect(await checkDueKeys(db)).toBe(0);
    expect((await db.complaints.get(complaints[0]!.id))!.urgency).toEqual(
      urgencyKeysOf(complaints[0]!, settings()),
    );
  });

  it('the check at start corrects keys that no longer match the rules (a new version moved a deadline)', async () => {
    const db = openDb();
    await db.settings.put({ key: 'workstation', value: settings() });
    const c = await registerComplaint(db, input('Кассир нагрубил'), settings(), OLGA, now, {
      acknowledged: true,
    });
    const right = (await db.complaints.get(c.id))!.urgency;
    await db.complaints.update(c.id, {
      urgency: {
        register: 'customers',
        dueAt: '2020-01-01T00:00:00.000Z',
        soonFrom: '2020-01-01T00:00:00.000Z',
      },
    });
    expect((await urgencyCounts(db, 'customers', now)).overdue).toBe(1);
    expect(await checkDueKeys(db)).toBe(1);
    expect((await db.complaints.get(c.id))!.urgency).toEqual(right);
    expect((await urgencyCounts(db, 'customers', now)).overdue).toBe(0);
  });
});

describe('R22: a power cut', () => {
  it('every read-write transaction is strict: complete only once its writes are on disk', async () => {
    const db = openDb();
    // What IndexedDB made of each transaction the app opened (Chromium keeps the durability it was asked
    // for; flushing before "complete" is then Chromium's to do, which no test here can cut the power on).
    const opened: Array<{ mode: string; durability: string }> = [];
    db.use({
      stack: 'dbcore',
      name: 'durabilityProbe',
      create: (down) => ({
        ...down,
        transaction(stores, mode, options) {
          const trans = down.transaction(stores, mode, options);
          opened.push({ mode, durability: (trans as unknown as IDBTransaction).durability });
          return trans;
        },
      }),
    });
    await registerComplaint(db, input('Кассир нагрубил'), settings(), actor, now); // an explicit transaction
    await db.meta.put({ key: 'probe', value: 1 }); // an implicit one
    const writes = opened.filter((t) => t.mode === 'readwrite');
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(new Set(writes.map((t) => t.durability))).toEqual(new Set(['strict']));
  });
});

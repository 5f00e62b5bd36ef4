import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { parseComplaintNumber } from '../../../../shared/complaints/numbering';
import { OtklikDatabase, SCHEMA_VERSIONS } from '../../../../renderer/db/database';
import { enqueue } from '../../../../renderer/db/outbox';
import {
  addNote,
  registerComplaint,
  saveDraft,
  ValidationFailed,
  NEW_COMPLAINT_DRAFT,
} from '../../../../renderer/complaints/actions';
import { complaintHistory, listComplaints } from '../../../../renderer/complaints/queries';
import { OLGA, input, now, openDb, settings, track } from '../fixtures';

// Runs in Chromium (vitest browser mode): real IndexedDB, the same engine the app uses.

describe('R1 numbering across devices', () => {
  it('two offline workstations of one branch never issue the same number', async () => {
    const pcA = openDb();
    const pcB = openDb();
    // Both register concurrently, as two counters would on a day without a link.
    const [a, b] = await Promise.all([
      Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          registerComplaint(pcA, input(`Жалоба A ${i}`), settings(1), OLGA, now),
        ),
      ),
      Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          registerComplaint(pcB, input(`Жалоба B ${i}`), settings(2), OLGA, now),
        ),
      ),
    ]);
    const numbers = [...a, ...b].map((c) => c.number);
    expect(new Set(numbers).size).toBe(50);
    expect(a.map((c) => parseComplaintNumber(c.number)?.station)).toEqual(Array(25).fill(1));
    expect(b.map((c) => parseComplaintNumber(c.number)?.station)).toEqual(Array(25).fill(2));
    // Each workstation counts 1…25 without a gap or a repeat.
    expect(a.map((c) => parseComplaintNumber(c.number)?.sequence).sort((x, y) => x! - y!)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
  });

  it('uses the branch-local year: 00:30 on 1 January in Moscow is already the new year', async () => {
    const db = openDb();
    const newYearInMoscow = new Date('2026-12-31T21:30:00Z');
    const c = await registerComplaint(db, input(), settings(1), OLGA, newYearInMoscow);
    expect(c.number).toBe('MSK-01-2027-100001');
  });

  it('skips a number that already exists (counter restored from an older copy)', async () => {
    const db = openDb();
    const first = await registerComplaint(db, input(), settings(1), OLGA, now);
    await db.meta.put({ key: 'complaintSequence:MSK-01:2026:1', value: 0 });
    const second = await registerComplaint(db, input('Вторая жалоба'), settings(1), OLGA, now);
    expect(first.number).toBe('MSK-01-2026-100001');
    expect(second.number).toBe('MSK-01-2026-100002');
  });
});

describe('transactional outbox', () => {
  it('every registered complaint and note has its outbox row, in device order', async () => {
    const db = openDb();
    const c = await registerComplaint(db, input(), settings(1), OLGA, now);
    await addNote(db, c.id, 'Клиент перезвонил, уточнил дату покупки', OLGA, now);
    const ops = await db.outbox.orderBy('deviceSeq').toArray();
    expect(ops.map((o) => [o.deviceSeq, o.type])).toEqual([
      [1, 'complaint.register'],
      [2, 'complaint.event'],
    ]);
    expect(ops[0]!.payload).toMatchObject({ complaint: { id: c.id, number: c.number } });
    expect(new Set(ops.map((o) => o.deviceId)).size).toBe(1);
    expect(new Set(ops.map((o) => o.opId)).size).toBe(2);
    const history = await complaintHistory(db, c.id);
    expect(history.map((e) => e.type)).toEqual(['created', 'note_added']);
    expect(history[1]).toMatchObject({
      actor: 'Ольга Иванова',
      data: { text: 'Клиент перезвонил, уточнил дату покупки' },
    });
  });

  it('an aborted transaction leaves neither data nor outbox row nor a used counter', async () => {
    const db = openDb();
    await expect(
      db.transaction('rw', [db.complaints, db.events, db.outbox, db.meta, db.drafts], async () => {
        await db.events.add({
          id: crypto.randomUUID(),
          complaintId: crypto.randomUUID(),
          type: 'created',
          at: now.toISOString(),
          actor: 'x',
          data: {},
        });
        await enqueue(
          db,
          'complaint.event',
          {
            event: {
              id: '0191e7a4-0000-7000-8000-000000000001',
              complaintId: '0191e7a4-0000-7000-8000-000000000002',
              type: 'note_added',
              at: now.toISOString(),
              actor: 'x',
              data: {},
            },
          },
          now,
        );
        throw new Error('power cut');
      }),
    ).rejects.toThrow('power cut');
    expect(await db.events.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    // The next real operation still gets deviceSeq 1: the aborted one consumed nothing.
    await registerComplaint(db, input(), settings(1), OLGA, now);
    expect((await db.outbox.toArray()).map((o) => o.deviceSeq)).toEqual([1]);
  });

  it('a failing write inside the action rolls back the complaint and its outbox row', async () => {
    const db = openDb();
    const c = await registerComplaint(db, input(), settings(1), OLGA, now);
    const before = { complaints: await db.complaints.count(), outbox: await db.outbox.count() };
    // Break the events table: re-adding an existing event (duplicate key) makes the action fail midway.
    const [existing] = await db.events.toArray();
    const original = db.events.bulkAdd.bind(db.events);
    db.events.bulkAdd = (() => original([existing!])) as typeof db.events.bulkAdd;
    await expect(registerComplaint(db, input('Ещё одна'), settings(1), OLGA, now)).rejects.toThrow();
    db.events.bulkAdd = original;
    expect(await db.complaints.count()).toBe(before.complaints);
    expect(await db.outbox.count()).toBe(before.outbox);
    // The number the failed action drew was rolled back with it.
    expect((await registerComplaint(db, input('Третья'), settings(1), OLGA, now)).number).toBe(
      'MSK-01-2026-100002',
    );
    expect(c.number).toBe('MSK-01-2026-100001');
  });

  it('refuses to queue an operation outside a transaction', async () => {
    const db = openDb();
    await expect(
      enqueue(
        db,
        'complaint.event',
        {
          event: {
            id: '0191e7a4-0000-7000-8000-000000000001',
            complaintId: '0191e7a4-0000-7000-8000-000000000002',
            type: 'note_added',
            at: now.toISOString(),
            actor: 'x',
            data: {},
          },
        },
        now,
      ),
    ).rejects.toThrow(/same transaction/);
    expect(await db.outbox.count()).toBe(0);
  });

  it('invalid input is refused before anything is written', async () => {
    const db = openDb();
    const err = await registerComplaint(db, input(''), settings(1), OLGA, now).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationFailed);
    expect((err as ValidationFailed).errors.map((e) => e.code)).toEqual(['required']);
    expect(await db.complaints.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it("saving clears the form's draft in the same transaction, and no other window's (issue 13)", async () => {
    const db = openDb();
    const [mine, other] = [`${NEW_COMPLAINT_DRAFT}:w1`, `${NEW_COMPLAINT_DRAFT}:w2`];
    await saveDraft(db, mine, input('черновик'), now);
    await saveDraft(db, other, input('в другом окне'), now);
    await registerComplaint(db, input('черновик готов'), settings(1), OLGA, now, { draftId: mine });
    expect(await db.drafts.get(mine)).toBeUndefined();
    expect((await db.drafts.get(other))?.input.description).toBe('в другом окне');
    // The feedback book registers complaints of its own: no form's draft goes.
    await registerComplaint(db, input('из книги'), settings(1), OLGA, now, {
      keepDraft: true,
      draftId: other,
    });
    expect(await db.drafts.get(other)).toBeDefined();
  });
});

describe('list and search', () => {
  it('lists newest first, filters by status, channel and register, and searches', async () => {
    const db = openDb();
    const t = (min: number) => new Date(now.getTime() + min * 60_000);
    const a = await registerComplaint(db, input('Грязно в зале'), settings(1), OLGA, t(1));
    const b = await registerComplaint(
      db,
      input('Долго ждал ответа по телефону', { channel: 'phone', receivedAt: now.toISOString() }),
      settings(1),
      OLGA,
      t(2),
    );
    const internal = await registerComplaint(
      db,
      input('Не работает кондиционер в подсобке', {
        channel: 'internal',
        customer: {
          name: 'Сидоров',
          phone: '',
          email: 'sidorov@example.ru',
          address: '',
          preferredContact: '',
        },
      }),
      settings(1),
      OLGA,
      t(3),
    );
    const base = {
      query: '',
      status: '' as const,
      channel: '' as const,
      register: 'customers' as const,
      limit: 50,
    };
    expect((await listComplaints(db, base)).rows.map((c) => c.id)).toEqual([b.id, a.id]);
    expect((await listComplaints(db, { ...base, channel: 'phone' })).rows.map((c) => c.id)).toEqual([b.id]);
    expect((await listComplaints(db, { ...base, status: 'closed' })).rows).toEqual([]);
    expect((await listComplaints(db, { ...base, register: 'internal' })).rows.map((c) => c.id)).toEqual([
      internal.id,
    ]);
    expect((await listComplaints(db, { ...base, query: 'телеф' })).rows.map((c) => c.id)).toEqual([b.id]);
    expect((await listComplaints(db, { ...base, query: a.number })).rows.map((c) => c.id)).toEqual([a.id]);
    expect((await listComplaints(db, { ...base, query: 'петров' })).rows.map((c) => c.id)).toEqual([
      b.id,
      a.id,
    ]);
    // Confidential complaints never leak into the customer register, not even by search.
    expect((await listComplaints(db, { ...base, query: 'кондиционер' })).rows).toEqual([]);
    const page = await listComplaints(db, { ...base, limit: 1 });
    expect(page).toMatchObject({ more: true });
    expect(page.rows).toHaveLength(1);
  });
});

describe('schema migrations', () => {
  it('a v1 database is upgraded in place through every later version, keeping its data', async () => {
    const name = `otklik-test-${crypto.randomUUID()}`;
    const v1 = new OtklikDatabase(name, SCHEMA_VERSIONS.slice(0, 1));
    const c = await registerComplaint(v1, input(), settings(1), OLGA, now);
    v1.close();
    const next = SCHEMA_VERSIONS.at(-1)!.version + 1;
    const upgraded = new OtklikDatabase(name, [
      ...SCHEMA_VERSIONS,
      {
        version: next,
        stores: { complaints: 'id, &number, registeredAt, status, channel, *searchWords, branchCode' },
        upgrade: async (tx) => {
          await tx.table('complaints').toCollection().modify({ migrated: true });
        },
      },
    ]);
    track(upgraded);
    const after = await upgraded.complaints.get(c.id);
    expect(after).toMatchObject({ number: c.number, migrated: true });
    expect(await upgraded.complaints.where('branchCode').equals('MSK-01').count()).toBe(1);
    expect(upgraded.verno).toBe(next);
    // Version 2 added the feedback book: its tables exist on the upgraded database and start empty.
    expect(await upgraded.bookEntries.count()).toBe(0);
    expect(await upgraded.photos.where('uploadState').equals('pending').count()).toBe(0);
    expect(await upgraded.outbox.count()).toBe(1);
    expect(await Dexie.getDatabaseNames()).toContain(name);
  });
});

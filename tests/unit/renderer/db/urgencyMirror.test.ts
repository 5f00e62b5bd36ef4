import { describe, expect, it } from 'vitest';
import { liveQuery } from 'dexie';
import { registerComplaint } from '../../../../renderer/complaints/actions';
import { urgencyCounts } from '../../../../renderer/complaints/queries';
import type { OtklikDatabase } from '../../../../renderer/db/database';
import { refreshDueKeys, withListKeys, type StoredComplaint } from '../../../../renderer/db/listKeys';
import { mirrorKeysOf } from '../../../../renderer/db/urgencyMirror';
import { OLGA, input, now, openDb, settings, upgradedFrom } from '../fixtures';

// Issue 17 (R11, R26): the urgency counts read two stores of keys that mirror the complaints' urgency keys.
// Whatever writes a complaint, in whatever way Dexie offers, the mirrors say exactly what the complaints
// hold, in the same transaction; schema version 7 fills them for the complaints already stored.

/** The mirrors as they should be, from the complaints themselves, beside what they are. */
async function mirrors(db: OtklikDatabase) {
  const keyed = (await db.complaints.toArray()).flatMap((c) => mirrorKeysOf(c) ?? []);
  const sort = (keys: unknown[]) => keys.map((k) => JSON.stringify(k)).sort();
  return {
    expected: { due: sort(keyed.map((k) => k.due)), soon: sort(keyed.map((k) => k.soon)) },
    actual: {
      due: sort(await db.urgencyDue.toCollection().primaryKeys()),
      soon: sort(await db.urgencySoon.toCollection().primaryKeys()),
    },
  };
}

async function expectInStep(db: OtklikDatabase, open: number) {
  const { expected, actual } = await mirrors(db);
  expect(actual).toEqual(expected);
  expect(actual.due).toHaveLength(open);
}

const closed = (c: StoredComplaint) => withListKeys({ ...c, status: 'closed' }, settings());

describe('urgency mirrors', () => {
  it('follow every way of writing a complaint: add, put, update, modify, bulk, delete, clear', async () => {
    const db = openDb();
    const a = await registerComplaint(db, input('Очередь'), settings(), OLGA, now);
    const b = await registerComplaint(db, input('Не пробили чек'), settings(), OLGA, now);
    const c = await registerComplaint(db, input('Грубость кассира'), settings(), OLGA, now);
    await expectInStep(db, 3);

    // Closed by a put of the record: its keys go.
    await db.complaints.put(closed((await db.complaints.get(a.id))!));
    await expectInStep(db, 2);
    // Reopened by update (its keys come back, with a new due moment), then closed by modify.
    const reopened = withListKeys({ ...(await db.complaints.get(a.id))!, status: 'in_review' }, settings());
    await db.complaints.update(a.id, { status: reopened.status, urgency: reopened.urgency });
    await expectInStep(db, 3);
    await db.complaints
      .where('id')
      .equals(b.id)
      .modify((x) => {
        x.status = 'closed';
        delete x.urgency;
      });
    await expectInStep(db, 2);

    // The keys of a complaint that moved: the old ones go, the new ones come.
    const moved = (await db.complaints.get(c.id))!;
    await db.complaints.put({ ...moved, urgency: { ...moved.urgency!, dueAt: '2031-01-01T00:00:00.000Z' } });
    await expectInStep(db, 2);

    // A bulk write with one refused (a number already used): only what was written is mirrored.
    const d = { ...moved, id: crypto.randomUUID(), number: `${moved.number}9` };
    const dup = { ...moved, id: crypto.randomUUID() };
    await expect(db.complaints.bulkAdd([d, dup])).rejects.toThrow();
    expect(await db.complaints.count()).toBe(4);
    await expectInStep(db, 3);

    await db.complaints.delete(c.id);
    await expectInStep(db, 2);
    // A range of records deleted (read first, then mirrored), then the whole table (the mirrors emptied).
    await db.complaints.where(':id').above('').delete();
    await expectInStep(db, 0);
    await registerComplaint(db, input('Очередь снова'), settings(), OLGA, now);
    await expectInStep(db, 1);
    await db.complaints.clear();
    await expectInStep(db, 0);
  });

  it('one complaint twice in a bulk write: the mirrors hold the keys of the last one written', async () => {
    const db = openDb();
    const a = await registerComplaint(db, input('Очередь'), settings(), OLGA, now);
    const stored = (await db.complaints.get(a.id))!;
    const first = { ...stored, urgency: { ...stored.urgency!, dueAt: '2030-01-01T00:00:00.000Z' } };
    const last = { ...stored, urgency: { ...stored.urgency!, dueAt: '2031-01-01T00:00:00.000Z' } };
    await db.complaints.bulkPut([first, last]);
    await expectInStep(db, 1);
    expect((await db.urgencyDue.toCollection().primaryKeys())[0]![1]).toBe('2031-01-01T00:00:00.000Z');
  });

  it('counts at the exact instants: at its due moment not yet overdue; at its due-soon instant due soon', async () => {
    const db = openDb();
    const a = await registerComplaint(db, input('Очередь'), settings(), OLGA, now);
    const { dueAt, soonFrom } = (await db.complaints.get(a.id))!.urgency!;
    const at = (iso: string, ms = 0) =>
      urgencyCounts(db, 'customers', new Date(new Date(iso).getTime() + ms));
    expect(await at(soonFrom, -1)).toEqual({ overdue: 0, due_soon: 0 });
    expect(await at(soonFrom)).toEqual({ overdue: 0, due_soon: 1 });
    expect(await at(dueAt)).toEqual({ overdue: 0, due_soon: 1 });
    expect(await at(dueAt, 1)).toEqual({ overdue: 1, due_soon: 0 });
  });

  it('a new calendar re-keys the open complaints, and the mirrors with them', async () => {
    const db = openDb();
    // Acknowledged: the next deadline is the answer, in working days, which days off move.
    for (const text of ['Очередь', 'Не пробили чек'])
      await registerComplaint(db, input(text), settings(), OLGA, now, { acknowledged: true });
    const before = (await mirrors(db)).actual;
    const daysOff = Array.from({ length: 30 }, (_, i) =>
      new Date(now.getTime() + (i + 1) * 86_400_000).toISOString().slice(0, 10),
    );
    expect(await refreshDueKeys(db.complaints, settings(1, { extraDaysOff: daysOff }))).toBe(2);
    await expectInStep(db, 2);
    expect((await mirrors(db)).actual).not.toEqual(before);
  });

  it('a write that fails leaves complaints and mirrors as they were', async () => {
    const db = openDb();
    const a = await registerComplaint(db, input('Очередь'), settings(), OLGA, now);
    await expect(
      db.transaction('rw', db.complaints, async () => {
        await db.complaints.put(closed((await db.complaints.get(a.id))!));
        throw new Error('the rest of the step failed');
      }),
    ).rejects.toThrow('the rest of the step failed');
    await expectInStep(db, 1);
  });

  it('the counts read them, and a live query of the counts follows the writes', async () => {
    const db = openDb();
    const late = new Date('2027-06-01T09:00:00Z');
    const seen: number[] = [];
    const sub = liveQuery(() => urgencyCounts(db, 'customers', late)).subscribe((c) => seen.push(c.overdue));
    try {
      const a = await registerComplaint(db, input('Очередь'), settings(), OLGA, now);
      await expect.poll(() => seen.at(-1)).toBe(1);
      await registerComplaint(db, input('Не пробили чек'), settings(), OLGA, now);
      await expect.poll(() => seen.at(-1)).toBe(2);
      await db.complaints.put(closed((await db.complaints.get(a.id))!));
      await expect.poll(() => seen.at(-1)).toBe(1);
    } finally {
      sub.unsubscribe();
    }
  });

  it('schema version 7 fills them for the complaints a previous version stored', async () => {
    const scratch = openDb();
    await registerComplaint(scratch, input('Очередь'), settings(), OLGA, now);
    const b = await registerComplaint(scratch, input('Не пробили чек'), settings(), OLGA, now);
    await scratch.complaints.put(closed((await scratch.complaints.get(b.id))!));
    const records = await scratch.complaints.toArray();
    const db = await upgradedFrom(6, records);
    await expectInStep(db, 1);
    // And the writes after the upgrade are mirrored.
    await registerComplaint(db, input('Грубость кассира'), settings(), OLGA, now);
    await expectInStep(db, 2);
  });
});

import { describe, expect, it } from 'vitest';
import { registerComplaint } from '../../../../../renderer/complaints/actions';
import { promiseCallback } from '../../../../../renderer/complaints/handling/actions';
import { mergeComplaints } from '../../../../../renderer/complaints/handling/mergeActions';
import {
  callbackReminders,
  likelyDuplicates,
  mergeCandidates,
} from '../../../../../renderer/complaints/handling/queries';
import type { OtklikDatabase } from '../../../../../renderer/db/database';
import { IVAN, OLGA, input, now, openDb, settings } from '../../fixtures';

// R4: which callbacks are reminded, to whom; R5: likely duplicates. Real IndexedDB. (R13, health and safety
// first: tests/unit/renderer/complaints/queries.test.ts.)

const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

async function withCallback(db: OtklikDatabase, channel: 'phone' | 'internal', dueIn: number) {
  const c = await registerComplaint(db, input('Перезвонить клиенту', { channel }), settings(), OLGA, now, {
    acknowledged: true,
  });
  await promiseCallback(db, c.id, { dueAt: at(dueIn).toISOString(), phone: '+7 916 123-45-67' }, OLGA, now);
  return c;
}

describe('callbackReminders (R4)', () => {
  it('due soon and missed callbacks, soonest first; the internal register only for the branch manager', async () => {
    const db = openDb();
    await db.settings.put({ key: 'workstation', value: settings() });
    const later = await withCallback(db, 'phone', 60);
    const soon = await withCallback(db, 'phone', 10);
    const internal = await withCallback(db, 'internal', 5);
    const ids = async (when: Date, internalToo: boolean) =>
      (await callbackReminders(db, when, internalToo)).map((r) => [r.complaint.id, r.state]);

    expect(await ids(now, false)).toEqual([[soon.id, 'due_soon']]);
    expect(await ids(now, true)).toEqual([
      [internal.id, 'due_soon'],
      [soon.id, 'due_soon'],
    ]);
    expect(await ids(at(50), false)).toEqual([
      [soon.id, 'overdue'],
      [later.id, 'due_soon'],
    ]);
  });
});

describe('likelyDuplicates (R5)', () => {
  it('finds a complaint of the same customer by phone however written, not a stranger nor the internal register', async () => {
    const db = openDb();
    const first = await registerComplaint(db, input('Сломался чайник через неделю'), settings(), IVAN, now);
    await registerComplaint(
      db,
      input('Очередь', { customer: { ...input().customer, name: 'Смирнова', phone: '+7 903 000-00-00' } }),
      settings(),
      IVAN,
      now,
    );
    const internal = await registerComplaint(
      db,
      input('Сломался чайник в подсобке', {
        channel: 'internal',
        customer: { ...input().customer, email: 'petrov@example.ru' },
      }),
      settings(),
      OLGA,
      now,
    );
    const draft = input('Чайник сломался, хочу вернуть деньги', {
      receivedAt: at(60 * 24).toISOString(),
      customer: { ...input().customer, name: 'Пётр Петров', phone: '8 (916) 123 45 67' },
    });
    const found = await likelyDuplicates(db, draft, false);
    expect(found.map((m) => [m.number, m.reasons])).toEqual([[first.number, ['same_phone']]]);
    // Internal complaints match only an internal draft, and only for who may see them.
    const internalDraft = { ...draft, channel: 'internal' as const };
    expect((await likelyDuplicates(db, internalDraft, true)).map((m) => m.id)).toEqual([internal.id]);
    expect(await likelyDuplicates(db, internalDraft, false)).toEqual([]);
  });
});

describe('mergeCandidates (R5)', () => {
  it('offers the other open complaints of the same customer, not itself, a stranger nor one merged already', async () => {
    const db = openDb();
    const mine = await registerComplaint(db, input('Сломался чайник через неделю'), settings(), IVAN, now);
    // The same customer's complaint from the branch's second PC (workstation 2), pulled here after sync.
    const otherPc = await registerComplaint(db, input('Чайник не греет'), settings(2), OLGA, at(5));
    await registerComplaint(
      db,
      input('Очередь', { customer: { ...input().customer, name: 'Смирнова', phone: '+7 903 000-00-00' } }),
      settings(),
      IVAN,
      at(6),
    );
    const third = await registerComplaint(db, input('Снова про чайник'), settings(), IVAN, at(7));
    const offered = async () =>
      (await mergeCandidates(db, (await db.complaints.get(mine.id))!, false)).map((m) => m.number).sort();

    expect(await offered()).toEqual([otherPc.number, third.number].sort());
    await mergeComplaints(db, mine.id, otherPc.id, IVAN, at(10));
    expect(await offered()).toEqual([third.number]);
    // A merged complaint is offered to no one: for the third, only the survivor is left.
    expect(await mergeCandidates(db, (await db.complaints.get(third.id))!, false)).toEqual([
      expect.objectContaining({ id: mine.id }),
    ]);
  });
});

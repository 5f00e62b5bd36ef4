import { describe, expect, it } from 'vitest';
import {
  TransitionRefused,
  changeStatus,
  registerComplaint,
} from '../../../../../renderer/complaints/actions';
import { promiseCallback } from '../../../../../renderer/complaints/handling/actions';
import { mergeComplaints } from '../../../../../renderer/complaints/handling/mergeActions';
import { listComplaints } from '../../../../../renderer/complaints/queries';
import { IVAN, input, now, openDb, settings } from '../../fixtures';

// R5 through the real store: a merge is both events and one complaint.merge operation in one transaction;
// the one received first survives and is found by the other's number; a refused merge writes nothing.

const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe('mergeComplaints (R5)', () => {
  it('the one received first survives; the other becomes a reference; one operation carries both events', async () => {
    const db = openDb();
    const older = await registerComplaint(db, input('Сломался чайник'), settings(), IVAN, now);
    const newer = await registerComplaint(db, input('Чайник сломался опять'), settings(2), IVAN, at(5));
    const before = await db.outbox.count();

    const result = await mergeComplaints(db, newer.id, older.id, IVAN, at(10), 'Один и тот же чайник');
    expect(result).toEqual({ survivorId: older.id, mergedId: newer.id });
    const survivor = (await db.complaints.get(older.id))!;
    const merged = (await db.complaints.get(newer.id))!;
    expect(merged.progress.mergedInto).toEqual({ id: older.id, number: older.number });
    expect(survivor.progress.mergedFrom).toEqual([{ id: newer.id, number: newer.number }]);
    // The merged number finds the survivor in the list's search.
    const found = await listComplaints(db, {
      query: newer.number,
      status: '',
      channel: '',
      register: 'customers',
      limit: 10,
    });
    expect(found.rows.map((c) => c.id)).toContain(older.id);
    const ops = (await db.outbox.toArray()).slice(before);
    expect(ops.map((o) => o.type)).toEqual(['complaint.merge']);
    expect(ops[0]!.payload).toMatchObject({
      survivorId: older.id,
      mergedId: newer.id,
      into: { type: 'merged_into', complaintId: newer.id },
      from: { type: 'merged_from', complaintId: older.id },
    });

    // A merged complaint has no lifecycle any more, and cannot be merged again.
    const err = await changeStatus(db, newer.id, { to: 'in_review', expectedFrom: newer.status }, IVAN).catch(
      (e: unknown) => e,
    );
    expect((err as TransitionRefused).reasons).toEqual(['complaint_merged']);
    const again = await mergeComplaints(db, older.id, newer.id, IVAN).catch((e: unknown) => e);
    expect((again as TransitionRefused).reasons).toEqual(['merge_already_merged']);
  });

  it('a complaint with a callback still expected is not merged away; nothing is written', async () => {
    const db = openDb();
    const older = await registerComplaint(db, input('Сломался чайник'), settings(), IVAN, now);
    const newer = await registerComplaint(db, input('Чайник'), settings(2), IVAN, at(5));
    await promiseCallback(
      db,
      newer.id,
      { dueAt: at(120).toISOString(), phone: '+7 916 123-45-67' },
      IVAN,
      at(6),
    );
    const count = { events: await db.events.count(), outbox: await db.outbox.count() };
    const err = await mergeComplaints(db, older.id, newer.id, IVAN, at(10)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransitionRefused);
    expect((err as TransitionRefused).reasons).toEqual(['merge_open_work']);
    expect({ events: await db.events.count(), outbox: await db.outbox.count() }).toEqual(count);
  });
});

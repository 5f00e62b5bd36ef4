import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { becomeEnrolledDevice, renumberQueue } from '../../../../renderer/db/device';
import { openDb, queuedOp as op } from '../fixtures';

// Issue 13, R23: what is queued is numbered 1, 2, … as the enrolled device's, in its order, with the counter
// going on from there: at an enrollment, and again after a batch sent before it was acknowledged (outbox.ts).
// Real IndexedDB (Chromium).

describe('the queue of an enrolled device', () => {
  it('an enrollment: the new id, the queue numbered from 1 in its order, the counter after its last', async () => {
    const db = openDb();
    const old = uuidv7();
    const ops = [4, 7, 9].map((n) => op(n, old));
    await db.outbox.bulkAdd(ops);
    const id = uuidv7();
    await db.transaction('rw', db.meta, db.outbox, () => becomeEnrolledDevice(db, id));
    const rows = await db.outbox.orderBy('deviceSeq').toArray();
    expect(rows.map((r) => [r.deviceSeq, r.deviceId, r.opId])).toEqual(
      ops.map((o, i) => [i + 1, id, o.opId]),
    );
    expect(await db.meta.get('deviceSeq')).toMatchObject({ value: 3 });
    expect(await db.meta.get('deviceId')).toMatchObject({ value: id });
  });

  it('numbered again after the head left: from 1, under the device it has', async () => {
    const db = openDb();
    const id = uuidv7();
    await db.meta.put({ key: 'deviceId', value: id });
    const ops = [1, 2, 3, 4, 5].map((n) => op(n, id));
    await db.outbox.bulkAdd(ops);
    await db.outbox.bulkDelete([1, 2]); // acknowledged as the device before the enrollment
    await db.transaction('rw', db.meta, db.outbox, () => renumberQueue(db));
    const rows = await db.outbox.orderBy('deviceSeq').toArray();
    expect(rows.map((r) => [r.deviceSeq, r.opId])).toEqual(ops.slice(2).map((o, i) => [i + 1, o.opId]));
    expect(await db.meta.get('deviceSeq')).toMatchObject({ value: 3 });
  });

  it('only inside a read-write transaction on meta and the outbox: nothing changes otherwise', async () => {
    const db = openDb();
    const old = uuidv7();
    await db.meta.put({ key: 'deviceId', value: old });
    await db.outbox.bulkAdd([op(5, old)]);
    // Outside a transaction each write would stand alone: the new id without its queue, or half a queue.
    await expect(renumberQueue(db)).rejects.toThrow('read-write transaction');
    await expect(becomeEnrolledDevice(db, uuidv7())).rejects.toThrow('read-write transaction');
    await expect(db.transaction('rw', db.meta, () => becomeEnrolledDevice(db, uuidv7()))).rejects.toThrow(
      'The outbox must be renumbered',
    );
    expect(await db.meta.get('deviceId')).toMatchObject({ value: old });
    expect((await db.outbox.toArray()).map((r) => [r.deviceSeq, r.deviceId])).toEqual([[5, old]]);
  });
});

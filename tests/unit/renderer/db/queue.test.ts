import { describe, expect, it, vi } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { OutboxOperation } from '../../../../shared/sync/operations';
import type { OtklikDatabase } from '../../../../renderer/db/database';
import { becomeEnrolledDevice } from '../../../../renderer/db/device';
import { batchStillAtItsNumbers, removeAcknowledged, type BatchNumbers } from '../../../../renderer/db/queue';
import { openDb, queuedOp } from '../fixtures';

// R23, issue 17: a pushed batch leaves the outbox once HQ acknowledged it — by one range delete when the
// rows are still the batch, by op id otherwise — and nothing else leaves with it. Real IndexedDB (Chromium).

/** `count` queued ops numbered 1…count of device `deviceId`, as queueOperation writes them. */
async function queued(db: OtklikDatabase, count: number, deviceId = uuidv7()): Promise<OutboxOperation[]> {
  const ops = Array.from({ length: count }, (_, i) => queuedOp(i + 1, deviceId));
  await db.transaction('rw', db.meta, db.outbox, async () => {
    await db.meta.put({ key: 'deviceId', value: deviceId });
    await db.meta.put({ key: 'deviceSeq', value: count });
    await db.outbox.bulkAdd(ops);
  });
  return ops;
}

const head = (db: OtklikDatabase, n: number) => db.outbox.orderBy('deviceSeq').limit(n).toArray();
const remaining = async (db: OtklikDatabase) =>
  (await db.outbox.orderBy('deviceSeq').toArray()).map((o) => o.opId);
const remove = (db: OtklikDatabase, batch: OutboxOperation[], acked: OutboxOperation[]) =>
  db.transaction('rw', db.meta, db.outbox, () =>
    removeAcknowledged(db.meta, db.outbox, batch, new Set(acked.map((o) => o.opId))),
  );

describe('batchStillAtItsNumbers', () => {
  const device = '0193a000-0000-7000-8000-00000000000d';
  const batch = [3, 4, 5].map((deviceSeq) => ({ deviceSeq, opId: `op-${deviceSeq}`, deviceId: device }));
  const all = new Set(batch.map((o) => o.opId));
  const same: BatchNumbers = { deviceId: device, count: 3, firstOpId: 'op-3', lastOpId: 'op-5' };
  it.each<[string, ReadonlySet<string>, BatchNumbers, boolean]>([
    ['the batch, as it was read', all, same, true],
    ['one op not acknowledged', new Set(['op-3', 'op-5']), same, false],
    ['another device now (an enrollment)', all, { ...same, deviceId: 'another' }, false],
    ['a row gone meanwhile', all, { ...same, count: 2 }, false],
    [
      'another op at its first number (renumbered under the same id)',
      all,
      { ...same, firstOpId: 'op-6' },
      false,
    ],
    ['another op at its last number', all, { ...same, lastOpId: 'op-8' }, false],
    ['no rows any more', all, { deviceId: device, count: 0 }, false],
  ])('%s', (_case, acknowledged, now, expected) => {
    expect(batchStillAtItsNumbers(batch, acknowledged, now)).toBe(expected);
  });
  it('an empty batch is never a range', () => {
    expect(batchStillAtItsNumbers([], all, same)).toBe(false);
  });
});

describe('removeAcknowledged', () => {
  it('a whole batch acknowledged: exactly its rows leave, the later ones stay', async () => {
    const db = openDb();
    const ops = await queued(db, 5);
    const batch = await head(db, 3);
    await remove(db, batch, batch);
    expect(await remaining(db)).toEqual([ops[3]!.opId, ops[4]!.opId]);
  });

  it('a whole batch still at its numbers goes in one request to IndexedDB, not one per row', async () => {
    const db = openDb();
    await queued(db, 5);
    const batch = await head(db, 3);
    const spy = vi.spyOn(IDBObjectStore.prototype, 'delete');
    // Read before mockRestore, which clears what the spy saw.
    const deletes = await remove(db, batch, batch)
      .then(() => spy.mock.calls.map(([key]) => key))
      .finally(() => spy.mockRestore());
    expect(deletes).toHaveLength(1);
    expect(deletes[0]).toBeInstanceOf(IDBKeyRange);
  });

  it('some acknowledged: only those leave', async () => {
    const db = openDb();
    const ops = await queued(db, 5);
    const batch = await head(db, 3);
    await remove(db, batch, [batch[0]!, batch[2]!]);
    expect(await remaining(db)).toEqual([ops[1]!.opId, ops[3]!.opId, ops[4]!.opId]);
  });

  it('an enrollment renumbered the queue meanwhile: the batch leaves by op id, not the rows now under its numbers', async () => {
    const db = openDb();
    const ops = await queued(db, 7);
    await db.outbox.bulkDelete([1, 2]); // pushed earlier
    const batch = await head(db, 3); // numbers 3, 4, 5
    await db.transaction('rw', db.meta, db.outbox, () => becomeEnrolledDevice(db, uuidv7()));
    // Now numbered 1…5: numbers 3–5 are ops 5–7, which HQ has not seen.
    await remove(db, batch, batch);
    expect(await remaining(db)).toEqual([ops[5]!.opId, ops[6]!.opId]);
  });

  it('renumbered under the same device id (an HQ that kept the proposed id): by op id all the same', async () => {
    const db = openDb();
    const ops = await queued(db, 7);
    await db.outbox.bulkDelete([1, 2]);
    const batch = await head(db, 3);
    await db.transaction('rw', db.meta, db.outbox, () => becomeEnrolledDevice(db, batch[0]!.deviceId));
    await remove(db, batch, batch);
    expect(await remaining(db)).toEqual([ops[5]!.opId, ops[6]!.opId]);
  });

  it('rows of the batch gone meanwhile (another window pushed them): the rest leave, nothing more', async () => {
    const db = openDb();
    const ops = await queued(db, 5);
    const batch = await head(db, 3);
    await db.outbox.delete(2);
    await remove(db, batch, batch);
    expect(await remaining(db)).toEqual([ops[3]!.opId, ops[4]!.opId]);
  });
});

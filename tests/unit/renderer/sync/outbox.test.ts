import type { Table } from 'dexie';
import { describe, expect, it } from 'vitest';
import { registerComplaint } from '../../../../renderer/complaints/actions';
import { storeEnrollment } from '../../../../renderer/db/device';
import { HqRequestError, type HqClient } from '../../../../renderer/sync/client';
import { drainOutbox } from '../../../../renderer/sync/outbox';
import {
  LEGACY_PUSH_BATCH,
  MAX_PUSH_BATCH,
  type PushOperation,
  type PushResponse,
} from '../../../../shared/sync/protocol';
import { META, type OutboxRow } from '../../../../renderer/sync/state';
import { OLGA, hqLink, input, now, openDb, queuedOp, settings } from '../fixtures';

// The outbox's drain against real IndexedDB, with HQ's answers scripted (R23): batch by batch from the head,
// each after HQ has answered the one before, and never with a token other than the queue's enrollment's.

const link = hqLink();
const conn = { hqUrl: link.hqUrl, token: link.token };
const applied = (ops: PushOperation[]): PushResponse => ({
  results: ops.map((o) => ({ opId: o.opId, outcome: 'applied' as const, duplicate: false })),
});
const client = (push: HqClient['push']) => ({ push }) as HqClient;

async function queued(count: number) {
  const db = openDb();
  await db.meta.put({ key: META.link, value: link });
  for (let i = 0; i < count; i++) await registerComplaint(db, input(), settings(), OLGA, now);
  return db;
}

/** A list of what happens, in order, that has `left <deviceSeq>` as each op leaves the outbox. */
function leaving(db: Awaited<ReturnType<typeof queued>>): string[] {
  const events: string[] = [];
  db.outbox.hook('deleting', (seq: number) => {
    events.push(`left ${seq}`);
  });
  return events;
}

describe('drainOutbox', () => {
  it('sends the batches in order, each after HQ answered the one before, and empties the outbox', async () => {
    const db = await queued(5);
    const events: string[] = [];
    let inFlight = 0;
    await drainOutbox(
      db,
      client(async (_c, ops) => {
        inFlight++;
        events.push(`send ${ops.map((o) => o.deviceSeq).join(',')} (${inFlight} on the wire)`);
        await new Promise((r) => setTimeout(r, 20));
        inFlight--;
        return applied(ops);
      }),
      conn,
      2,
    );
    expect(events).toEqual([
      'send 1,2 (1 on the wire)',
      'send 3,4 (1 on the wire)',
      'send 5 (1 on the wire)',
    ]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('issue 17: the next whole batch goes right after HQ answers; the answers before it are stored while it is on the wire', async () => {
    const db = await queued(5);
    const events = leaving(db);
    await drainOutbox(
      db,
      client(async (_c, ops) => {
        const seqs = ops.map((o) => o.deviceSeq).join(',');
        events.push(`send ${seqs}`);
        // HQ answers 3,4 only once 1 and 2 have left: a drain that stored the answers after this answer
        // would wait here for good (the test times out).
        if (seqs === '3,4') while (!events.includes('left 2')) await new Promise((r) => setTimeout(r, 5));
        events.push(`answered ${seqs}`);
        return applied(ops);
      }),
      conn,
      2,
    );
    expect(events).toEqual([
      'send 1,2',
      'answered 1,2',
      'send 3,4',
      'left 1',
      'left 2',
      'answered 3,4',
      // 5 alone is the queue's tail: read again once 3 and 4 have left, as ops may have been queued since.
      'left 3',
      'left 4',
      'send 5',
      'answered 5',
      'left 5',
    ]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('an op queued while a batch is on the wire goes in a later batch, after every op before it', async () => {
    const db = await queued(3);
    const sent: number[][] = [];
    await drainOutbox(
      db,
      client(async (_c, ops) => {
        sent.push(ops.map((o) => o.deviceSeq));
        if (sent.length === 1) await registerComplaint(db, input(), settings(), OLGA, now);
        return applied(ops);
      }),
      conn,
      2,
    );
    expect(sent).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('an op queued while a whole batch is on the wire: the batch read meanwhile goes, then the op, in order', async () => {
    const db = await queued(4);
    const events = leaving(db);
    await drainOutbox(
      db,
      client(async (_c, ops) => {
        events.push(`send ${ops.map((o) => o.deviceSeq).join(',')}`);
        if (events.length === 1) await registerComplaint(db, input(), settings(), OLGA, now);
        return applied(ops);
      }),
      conn,
      2,
    );
    // 3,4 were read while 1,2 were on the wire: they go before 1 and 2 leave; 5, queued meanwhile, after.
    expect(events).toEqual([
      'send 1,2',
      'send 3,4',
      'left 1',
      'left 2',
      'left 3',
      'left 4',
      'send 5',
      'left 5',
    ]);
    expect(await db.outbox.count()).toBe(0);
  });

  /**
   * Drains five ops two at a time; while 1,2 are on the wire, `arm` makes one read fail once (through
   * `failOnce(table)`). Every op still goes once, in order, and the outbox ends empty.
   */
  async function drainWithAFailedRead(
    arm: (db: Awaited<ReturnType<typeof queued>>, failOnce: (table: Table) => void) => void,
  ) {
    const db = await queued(5);
    const events = leaving(db);
    let failed = false;
    const failOnce = (table: Table) => {
      const fail = () => {
        table.hook('reading').unsubscribe(fail);
        failed = true;
        throw new Error('the read failed');
      };
      table.hook('reading', fail);
    };
    await drainOutbox(
      db,
      client(async (_c, ops) => {
        events.push(`send ${ops.map((o) => o.deviceSeq).join(',')}`);
        if (events.length === 1) arm(db, failOnce);
        return applied(ops);
      }),
      conn,
      2,
    );
    expect(failed).toBe(true);
    // 3,4 go only after 1 and 2 have left: read again, not taken from the read ahead.
    expect(events).toEqual([
      'send 1,2',
      'left 1',
      'left 2',
      'send 3,4',
      'left 3',
      'left 4',
      'send 5',
      'left 5',
    ]);
    expect(await db.outbox.count()).toBe(0);
  }

  it('a read ahead that fails: the answers are stored all the same, the head is read again, nothing is lost', async () => {
    // The ops after 1,2 are being read while HQ applies them: that read fails.
    await drainWithAFailedRead((db, failOnce) => failOnce(db.outbox));
  });

  it('a check of the link that fails before a batch read ahead goes: the answers are stored, the head is read again, nothing is lost', async () => {
    // The read ahead reads the link, then the rows: armed as its rows are read, the next read of the link is
    // the check before the batch read ahead goes. (A reading hook gives each row on; a collection keeps the
    // reading hooks it had when it was made, so this one is called for each of its rows.)
    await drainWithAFailedRead((db, failOnce) => {
      let armed = false;
      const rowsRead = (row: unknown) => {
        if (!armed) {
          armed = true;
          db.outbox.hook('reading').unsubscribe(rowsRead);
          failOnce(db.meta);
        }
        return row;
      };
      db.outbox.hook('reading', rowsRead);
    });
  });

  it('a failed push: the batch before it has left the outbox, its own ops stay with the attempt, its error is thrown', async () => {
    const db = await queued(4);
    const failure = new HqRequestError('unreachable', 'HQ unreachable');
    let calls = 0;
    await expect(
      drainOutbox(
        db,
        client(async (_c, ops) => {
          if (++calls === 2) throw failure;
          return applied(ops);
        }),
        conn,
        2,
      ),
    ).rejects.toBe(failure);
    const rows = (await db.outbox.toArray()) as OutboxRow[];
    expect(rows.map((r) => [r.deviceSeq, r.attempts])).toEqual([
      [3, 1],
      [4, 1],
    ]);
    expect(rows[0]!.lastError).toMatchObject({ kind: 'network' });
  });

  it('a batch HQ did not fully acknowledge: what it acknowledged is stored, nothing after it is sent', async () => {
    const db = await queued(4);
    const sent: number[][] = [];
    await expect(
      drainOutbox(
        db,
        client(async (_c, ops) => {
          sent.push(ops.map((o) => o.deviceSeq));
          return applied(ops.slice(0, 1));
        }),
        conn,
        2,
      ),
    ).rejects.toThrow('HQ did not acknowledge every operation');
    expect(sent).toEqual([[1, 2]]);
    expect((await db.outbox.toArray()).map((r) => r.deviceSeq)).toEqual([2, 3, 4]);
  });

  it("an enrollment meanwhile ends the drain: no op goes as the new device with the old token, none is skipped, the new device's numbers start at 1", async () => {
    const db = await queued(9);
    const ops = (await db.outbox.orderBy('deviceSeq').toArray()).map((o) => o.opId);
    // Ops 1 and 2 went earlier: the queue's head is at number 3.
    await db.outbox.bulkDelete([1, 2]);
    const enrolled = { ...link, deviceId: 'device-2', token: 'token-2' };
    const sent: { device: string; token: string; ops: string[]; seqs: number[] }[] = [];
    const hq = client(async (c, batch) => {
      sent.push({
        device: batch[0]!.deviceId,
        token: c.token,
        ops: batch.map((o) => o.opId),
        seqs: batch.map((o) => o.deviceSeq),
      });
      // While the first batch is on the wire, this PC enrolls again, as enroll.ts stores it: the new link,
      // and the queue numbered from 1 as the new device.
      if (sent.length === 1) await storeEnrollment(db, enrolled);
      return applied(batch);
    });
    await drainOutbox(db, hq, conn, 2);
    // The batch on the wire went as the old device; then the drain ended, the rest left for the next cycle.
    expect(sent.every((b) => b.device !== enrolled.deviceId)).toBe(true);
    expect(await db.outbox.count()).toBeGreaterThan(0);
    // The next cycle, with the new enrollment's token.
    await drainOutbox(db, hq, { hqUrl: enrolled.hqUrl, token: enrolled.token }, 2);
    expect(sent.at(-1)).toMatchObject({ device: enrolled.deviceId, token: enrolled.token });
    expect(sent.every((b) => (b.device === enrolled.deviceId) === (b.token === enrolled.token))).toBe(true);
    expect(sent.flatMap((b) => b.ops)).toEqual(ops.slice(2));
    // The new device's numbers start at 1, with none missing: HQ sees no gap (a device_seq_gap incident
    // with no data lost). The batch on the wire went as the old device, under its old numbers.
    expect(sent[0]!.seqs).toEqual([3, 4]);
    expect(sent.slice(1).flatMap((b) => b.seqs)).toEqual([1, 2, 3, 4, 5]);
    expect(await db.meta.get('deviceSeq')).toMatchObject({ value: 5 });
    expect(await db.outbox.count()).toBe(0);
  });

  describe('a batch on the wire during an enrollment', () => {
    const enrolled = { ...link, deviceId: 'device-2', token: 'token-2' };
    const newConn = { hqUrl: enrolled.hqUrl, token: enrolled.token };
    /** HQ's answers scripted; the first push's runs `meanwhile` (the enrollment) before it is answered. */
    const recording = (meanwhile: () => Promise<void>, answer = applied) => {
      const sent: { token: string; ops: string[]; seqs: number[] }[] = [];
      const hq = client(async (c, batch) => {
        sent.push({ token: c.token, ops: batch.map((o) => o.opId), seqs: batch.map((o) => o.deviceSeq) });
        if (sent.length === 1) {
          await meanwhile();
          return answer(batch);
        }
        return applied(batch);
      });
      return { sent, hq };
    };

    it('answered for part of it: the rest of it stays, numbered from 1 with everything after it', async () => {
      const db = await queued(5);
      const ops = (await db.outbox.orderBy('deviceSeq').toArray()).map((o) => o.opId);
      const { sent, hq } = recording(
        () => storeEnrollment(db, enrolled),
        (batch) => applied(batch.slice(0, 1)),
      );
      await expect(drainOutbox(db, hq, conn, 2)).rejects.toThrow('HQ did not acknowledge every operation');
      await drainOutbox(db, hq, newConn, 2);
      expect(sent.map((b) => [b.token, b.seqs])).toEqual([
        [link.token, [1, 2]],
        [enrolled.token, [1, 2]],
        [enrolled.token, [3, 4]],
      ]);
      expect(sent.slice(1).flatMap((b) => b.ops)).toEqual(ops.slice(1));
      expect(await db.outbox.count()).toBe(0);
    });

    it('an op queued after the enrollment, before the answer: last, right after the others', async () => {
      const db = await queued(4);
      const { sent, hq } = recording(async () => {
        await storeEnrollment(db, enrolled);
        await registerComplaint(db, input(), settings(), OLGA, now);
      });
      await drainOutbox(db, hq, conn, 2);
      const newest = (await db.outbox.orderBy('deviceSeq').last())!;
      expect((await db.outbox.orderBy('deviceSeq').toArray()).map((o) => [o.deviceSeq, o.deviceId])).toEqual([
        [1, enrolled.deviceId],
        [2, enrolled.deviceId],
        [3, enrolled.deviceId],
      ]);
      await drainOutbox(db, hq, newConn, 5);
      expect(sent.at(-1)).toMatchObject({ token: enrolled.token, seqs: [1, 2, 3] });
      expect(sent.at(-1)!.ops.at(-1)).toBe(newest.opId);
      expect(await db.meta.get('deviceSeq')).toMatchObject({ value: 3 });
    });
  });

  it("a queue of another enrollment than the cycle's: nothing is sent", async () => {
    const db = await queued(2);
    const sent: PushOperation[][] = [];
    await drainOutbox(
      db,
      client(async (_c, ops) => {
        sent.push(ops);
        return applied(ops);
      }),
      { ...conn, token: 'an older token' },
      2,
    );
    expect(sent).toEqual([]);
    expect(await db.outbox.count()).toBe(2);
  });

  it('an acknowledgement that cannot be stored (a full disk): its error is told, no batch after the one already on the wire is sent, every op kept', async () => {
    const db = await queued(6);
    const full = new Error('QuotaExceededError: the disk is full');
    let calls = 0;
    await expect(
      drainOutbox(
        db,
        client(async (_c, ops) => {
          calls++;
          // Removing a row from the outbox fails from now on.
          db.outbox.hook('deleting', () => {
            throw full;
          });
          return applied(ops);
        }),
        conn,
        2,
      ),
    ).rejects.toThrow(full.message);
    // The answers are stored while the next batch is on the wire (issue 17): that one went, 5 and 6 did not.
    // HQ has 1–4 now; sent again, they are acknowledged as duplicates.
    expect(calls).toBe(2);
    expect((await db.outbox.toArray()).map((r) => r.deviceSeq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  describe('issue 17: how many ops a push holds', () => {
    /** `count` queued ops of the link's device, written straight into the outbox. */
    async function many(count: number, said?: number, description = 'x') {
      const db = openDb();
      await db.meta.put({
        key: META.link,
        value: said === undefined ? link : { ...link, maxPushBatch: said },
      });
      await db.outbox.bulkAdd(
        Array.from({ length: count }, (_, i) => queuedOp(i + 1, link.deviceId, { description })),
      );
      return db;
    }
    /** The sizes of the pushes a drain sends, each body checked to be the JSON of its ops. */
    async function pushes(db: Awaited<ReturnType<typeof many>>, maxChars?: number) {
      const sizes: number[] = [];
      const seqs: number[] = [];
      const queuedCount = await db.outbox.count();
      await drainOutbox(
        db,
        client(async (_c, ops, body) => {
          expect(body).toBe(JSON.stringify({ ops }));
          sizes.push(ops.length);
          seqs.push(...ops.map((o) => o.deviceSeq));
          return applied(ops);
        }),
        conn,
        undefined,
        maxChars,
      );
      expect(await db.outbox.count()).toBe(0);
      // Every op once, in its order.
      expect(seqs).toEqual(Array.from({ length: queuedCount }, (_, i) => i + 1));
      return sizes;
    }

    it('as many as HQ said it takes', async () => {
      expect(await pushes(await many(7, 3))).toEqual([3, 3, 1]);
    });

    it('before HQ has said (an older HQ, or no pull yet): what every HQ takes', async () => {
      expect(await pushes(await many(LEGACY_PUSH_BATCH + 1))).toEqual([LEGACY_PUSH_BATCH, 1]);
    });

    it('an HQ that takes more than this version sends: no more than it sends', async () => {
      expect(await pushes(await many(MAX_PUSH_BATCH + 1, 10_000))).toEqual([MAX_PUSH_BATCH, 1]);
    });

    // As an HQ from before maxPushBatch answers a push of more than it takes (its schema's 400), or HQ or a
    // proxy in front of it a body larger than it lets through (413).
    const refusals = {
      400: () => new HqRequestError('refused', 'ops: Too big', 400, 'invalid_body'),
      413: () => new HqRequestError('refused', 'Request body is too large', 413, 'body_too_large'),
    };

    it.each([400, 413] as const)(
      'an HQ rolled back to one that takes fewer (%i): the push it refuses goes again at once as LEGACY_PUSH_BATCH, the figure forgotten, no try counted',
      async (status) => {
        const db = await many(LEGACY_PUSH_BATCH + 50, MAX_PUSH_BATCH);
        const tried: number[] = [];
        await drainOutbox(
          db,
          client(async (_c, ops) => {
            tried.push(ops.length);
            if (ops.length > LEGACY_PUSH_BATCH) throw refusals[status]();
            // The first ops' rows as they are sent again: the refused push counted no try against them.
            const rows = (await db.outbox.bulkGet(ops.map((o) => o.deviceSeq))) as OutboxRow[];
            expect(rows.map((r) => r.attempts ?? 0)).toEqual(ops.map(() => 0));
            return applied(ops);
          }),
          conn,
        );
        expect(tried).toEqual([LEGACY_PUSH_BATCH + 50, LEGACY_PUSH_BATCH, 50]);
        expect(await db.outbox.count()).toBe(0);
        expect((await db.meta.get(META.link))?.value).toEqual(link);
      },
    );

    it('the push of LEGACY_PUSH_BATCH refused too: that try is counted once and thrown, the figure stays forgotten', async () => {
      const db = await many(LEGACY_PUSH_BATCH + 50, MAX_PUSH_BATCH);
      const tried: number[] = [];
      const refusal = refusals[400]();
      await expect(
        drainOutbox(
          db,
          client(async (_c, ops) => {
            tried.push(ops.length);
            throw refusal;
          }),
          conn,
        ),
      ).rejects.toBe(refusal);
      expect(tried).toEqual([LEGACY_PUSH_BATCH + 50, LEGACY_PUSH_BATCH]);
      const attempts = ((await db.outbox.orderBy('deviceSeq').toArray()) as OutboxRow[]).map(
        (r) => r.attempts ?? 0,
      );
      expect(attempts).toEqual([...Array(LEGACY_PUSH_BATCH).fill(1), ...Array(50).fill(0)]);
      expect((await db.meta.get(META.link))?.value).toEqual(link);
    });

    it('a batch size given by the caller is not HQ’s figure: its refusal is a failure, the figure kept', async () => {
      const db = await many(LEGACY_PUSH_BATCH + 1, MAX_PUSH_BATCH);
      const refusal = refusals[413]();
      let tries = 0;
      await expect(
        drainOutbox(
          db,
          client(async () => {
            tries += 1;
            throw refusal;
          }),
          conn,
          LEGACY_PUSH_BATCH + 1,
        ),
      ).rejects.toBe(refusal);
      expect(tries).toBe(1);
      expect((await db.meta.get(META.link))?.value).toEqual({ ...link, maxPushBatch: MAX_PUSH_BATCH });
    });

    it('the same refusal of a push no larger than every HQ takes is a failure as before: kept, counted, thrown', async () => {
      const db = await many(3, MAX_PUSH_BATCH);
      const refusal = refusals[400]();
      await expect(
        drainOutbox(
          db,
          client(async () => {
            throw refusal;
          }),
          conn,
        ),
      ).rejects.toBe(refusal);
      expect((await db.outbox.toArray()).map((r) => (r as OutboxRow).attempts)).toEqual([1, 1, 1]);
      expect((await db.meta.get(META.link))?.value).toEqual({ ...link, maxPushBatch: MAX_PUSH_BATCH });
    });

    it('no more than a body of maxChars characters: large ops go in smaller pushes, one too large alone', async () => {
      // Each op is a little over 1 000 characters of JSON: three fit in 3 500, one in 1 000.
      expect(await pushes(await many(7, 500, 'ж'.repeat(900)), 3_500)).toEqual([3, 3, 1]);
      expect(await pushes(await many(2, 500, 'ж'.repeat(900)), 1_000)).toEqual([1, 1]);
    });

    it('a push cut short by maxChars: the ops read ahead start right after its last, none skipped', async () => {
      // HQ takes 4, 3 fit: the ops after each push are read while it is on the wire, 4 at a time (issue 17).
      expect(await pushes(await many(12, 4, 'ж'.repeat(900)), 3_500)).toEqual([3, 3, 3, 3]);
    });
  });
});

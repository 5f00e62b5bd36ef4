import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import {
  HQ_PATHS,
  pullResponseSchema,
  pushResponseSchema,
  type PushOperation,
} from '../../../../shared/sync/protocol';
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
import { push as pushTo } from '../complaints/handling';

/**
 * R23: each op of a push runs in a savepoint; a rejected op is rolled back alone. What it rolled back
 * includes the branch versions it reserved — those must not be handed out again, or a later change gets a
 * version below the branch's cursor and the branch never pulls it.
 */
describe.each(DATABASE_KINDS)('push envelope on %s', (kind) => {
  let hq: RunningHq;
  let branchSeq = 0;
  const branch = () => `V${kind === 'pglite' ? 'L' : 'P'}-${String(++branchSeq).padStart(2, '0')}`;

  const push = (device: TestDevice, ops: PushOperation[]) => pushTo(hq, device, ops);
  const pull = async (device: TestDevice, cursor: number) => {
    const res = await call(hq, device, `${HQ_PATHS.pull}?cursor=${cursor}`);
    return pullResponseSchema.parse(await res.json());
  };
  const complaintIds = (changes: Awaited<ReturnType<typeof pull>>['changes']) =>
    changes.flatMap((c) => (c.kind === 'complaint' ? [c.complaint.id] : []));

  beforeAll(async () => {
    hq = await startHq(kind);
  });
  afterAll(async () => hq?.close());

  it('an op rejected after it took versions does not make later changes unpullable', async () => {
    const d = await enroll(hq, branch());
    const first = registration(d.branchCode);
    expect((await push(d, [op(d, 'complaint.register', first)]))[0]?.outcome).toBe('applied');
    const start = await pull(d, 0);

    // The same registration again (rejected after reserving versions), then a new one, in one batch.
    const second = registration(d.branchCode);
    const results = await push(d, [op(d, 'complaint.register', first), op(d, 'complaint.register', second)]);
    expect(results.map((r) => r.reason ?? r.outcome)).toEqual(['already_registered', 'applied']);
    const middle = await pull(d, start.cursor);
    expect(complaintIds(middle.changes)).toEqual([second.complaint.id]);

    const third = registration(d.branchCode);
    await push(d, [op(d, 'complaint.register', third)]);
    const last = await pull(d, middle.cursor);
    expect(complaintIds(last.changes)).toEqual([third.complaint.id]);
  });

  it('two devices of a branch changing the same complaints at once: no deadlock, no 500 (found by the fuzz suite)', async () => {
    const code = branch();
    const [pc1, pc2] = [await enroll(hq, code), await enroll(hq, code)];
    const regs = [registration(code), registration(code)];
    await push(
      pc1,
      regs.map((r) => op(pc1, 'complaint.register', r)),
    );
    const [x, y] = regs.map((r) => r.complaint.id) as [string, string];
    const note = (complaintId: string) => ({
      event: {
        id: uuidv7(),
        complaintId,
        type: 'note_added' as const,
        at: '2026-03-02T11:00:00Z',
        actor: 'Ольга',
        data: { text: 'Перезвонил' },
      },
    });
    // Each batch touches the two complaints in the opposite order of the other's.
    const statuses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const [device, first, second] = i % 2 === 0 ? [pc1, x, y] : [pc2, y, x];
        const ops = [op(device, 'complaint.event', note(first)), op(device, 'complaint.event', note(second))];
        return call(hq, device, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops }) }).then(
          (r) => r.status,
        );
      }),
    );
    expect(statuses).toEqual(Array(10).fill(200));
  });

  it('ops the old device delivered, sent again by the new one after this PC enrolled again, are no gap (R23)', async () => {
    const code = branch();
    const before = await enroll(hq, code);
    const delivered = [1, 2].map(() => op(before, 'complaint.register', registration(code)));
    expect((await push(before, delivered)).map((r) => r.outcome)).toEqual(['applied', 'applied']);
    // The answer was lost, then the PC enrolled again: its queue, renumbered from 1, goes as the new device.
    const after = await enroll(hq, code);
    const again = delivered.map((o) => ({ ...o, deviceId: after.deviceId, deviceSeq: ++after.seq }));
    const results = await push(after, [...again, op(after, 'complaint.register', registration(code))]);
    expect(results.map((r) => [r.outcome, r.duplicate])).toEqual([
      ['applied', true],
      ['applied', true],
      ['applied', false],
    ]);
    // And in a batch of its own, the next op follows them too.
    await push(after, [op(after, 'complaint.register', registration(code))]);
    const incidents = await hq.db.pool.query<{ kind: string }>(
      'SELECT kind FROM incidents WHERE device_id = ANY($1::uuid[])',
      [[before.deviceId, after.deviceId]],
    );
    expect(incidents.rows).toEqual([]);
    const { rows } = await hq.db.pool.query<{ last_seq: string }>(
      'SELECT last_seq FROM devices WHERE id = $1',
      [after.deviceId],
    );
    expect(Number(rows[0]!.last_seq)).toBe(4);
    // A number missing for real in the new device's sequence still is one.
    after.seq += 1;
    await push(after, [op(after, 'complaint.register', registration(code))]);
    const gaps = await hq.db.pool.query<{ detail: { from: number; to: number } }>(
      `SELECT detail FROM incidents WHERE device_id = $1 AND kind = 'device_seq_gap'`,
      [after.deviceId],
    );
    expect(gaps.rows.map((g) => [g.detail.from, g.detail.to])).toEqual([[5, 5]]);
  });

  it("a known op sent again is never late, a new one is; another branch's op id takes its number too (R23)", async () => {
    const code = branch();
    const pc = await enroll(hq, code);
    const first = [1, 2, 3].map(() => op(pc, 'complaint.register', registration(code)));
    await push(pc, first);
    // All of them again (an answer lost), then a new op under a number already passed: only that is late.
    await push(pc, first);
    const late = { ...op(pc, 'complaint.register', registration(code)), deviceSeq: 2 };
    pc.seq -= 1;
    expect((await push(pc, [late]))[0]).toMatchObject({ outcome: 'applied', duplicate: false });
    // Another branch's op id under this device's next number: refused, and the op after it is no gap.
    const other = await enroll(hq, branch());
    const theirs = op(other, 'complaint.register', registration(other.branchCode));
    await push(other, [theirs]);
    const borrowed = { ...theirs, deviceId: pc.deviceId, deviceSeq: ++pc.seq };
    const next = op(pc, 'complaint.register', registration(code));
    expect((await push(pc, [borrowed, next])).map((r) => r.outcome)).toEqual(['rejected', 'applied']);
    const { rows } = await hq.db.pool.query<{ kind: string; detail: { deviceSeq?: number } }>(
      'SELECT kind, detail FROM incidents WHERE device_id = $1 ORDER BY id',
      [pc.deviceId],
    );
    expect(rows.map((r) => [r.kind, r.detail.deviceSeq])).toEqual([['device_seq_late', 2]]);
  });

  it('the same ops pushed at once by two devices of the branch are applied once, never a 500 (issue 13)', async () => {
    // This PC before and after it enrolled again: its queue goes out under both devices at the same time.
    const code = branch();
    const before = await enroll(hq, code);
    const after = await enroll(hq, code);
    const rounds = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const ops = [op(before, 'complaint.register', registration(code))];
        const again = ops.map((o) => ({ ...o, deviceId: after.deviceId }));
        const answers = await Promise.all([
          call(hq, before, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops }) }),
          call(hq, after, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops: again }) }),
        ]);
        const results = [];
        for (const res of answers) {
          expect(res.status).toBe(200);
          results.push(pushResponseSchema.parse(await res.json()).results[0]!);
        }
        return results;
      }),
    );
    for (const [a, b] of rounds) {
      expect([a!.outcome, b!.outcome]).toEqual(['applied', 'applied']);
      expect([a!.duplicate, b!.duplicate].sort()).toEqual([false, true]);
    }
  });
});

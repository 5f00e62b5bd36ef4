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

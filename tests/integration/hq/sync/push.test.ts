import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/**
 * R23: each op of a push runs in a savepoint; a rejected op is rolled back alone. What it rolled back
 * includes the branch versions it reserved — those must not be handed out again, or a later change gets a
 * version below the branch's cursor and the branch never pulls it.
 */
describe.each(DATABASE_KINDS)('push envelope on %s', (kind) => {
  let hq: RunningHq;
  let branchSeq = 0;
  const branch = () => `V${kind === 'pglite' ? 'L' : 'P'}-${String(++branchSeq).padStart(2, '0')}`;

  const push = async (device: TestDevice, ops: PushOperation[]) => {
    const res = await call(hq, device, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops }) });
    expect(res.status).toBe(200);
    return pushResponseSchema.parse(await res.json()).results;
  };
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
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { refreshComplaintRow } from '../../../../hq/db/complaint-rows';
import { HQ_PATHS, pullResponseSchema, type PushOperation } from '../../../../shared/sync/protocol';
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
 * Issue 17, R1, R23: runs of registrations are applied as a set (hq/sync/batch.ts), every other op alone; a
 * batch's outcomes, its order and exactly-once are what they were op by op.
 */
describe.each(DATABASE_KINDS)('set-based push on %s', (kind) => {
  let hq: RunningHq;
  let branchSeq = 0;
  const branch = () => `S${kind === 'pglite' ? 'L' : 'P'}-${String(++branchSeq).padStart(2, '0')}`;

  const push = (device: TestDevice, ops: PushOperation[]) => pushTo(hq, device, ops);
  const pullAll = async (device: TestDevice) => {
    const res = await call(hq, device, `${HQ_PATHS.pull}?cursor=0`);
    return pullResponseSchema.parse(await res.json()).changes;
  };
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

  beforeAll(async () => {
    hq = await startHq(kind);
  });
  afterAll(async () => hq?.close());

  it('a batch mixing earlier ops, an op twice and a refused op: each op its own outcome, once', async () => {
    const d = await enroll(hq, branch());
    const [a, b, c] = [registration(d.branchCode), registration(d.branchCode), registration(d.branchCode)];
    const earlier = op(d, 'complaint.register', a);
    expect((await push(d, [earlier]))[0]).toMatchObject({ outcome: 'applied', duplicate: false });

    const bad = registration(d.branchCode);
    bad.events[0] = { ...bad.events[0]!, complaintId: c.complaint.id };
    // HQ applies a batch in deviceSeq order, the order `op` numbers them in.
    const again = op(d, 'complaint.register', b); // twice in the batch
    const ops = [
      earlier, // pushed before
      again,
      op(d, 'complaint.register', a), // the same complaint under a new op id
      op(d, 'complaint.register', bad), // refused in the middle of the run
      op(d, 'complaint.register', b), // a complaint of this batch under another op id
      again,
      op(d, 'complaint.register', c),
    ];
    const results = await push(d, ops);
    expect(results.map((r) => [r.outcome, r.reason ?? null, r.duplicate])).toEqual([
      ['applied', null, true],
      ['applied', null, false],
      ['rejected', 'already_registered', false],
      ['rejected', 'invalid_payload', false],
      ['rejected', 'already_registered', false],
      ['applied', null, false],
      ['applied', null, false],
    ]);
    // The whole batch again: every op is a duplicate with its first outcome.
    const retried = await push(d, ops);
    expect(retried.map((r) => [r.outcome, r.reason ?? null, r.duplicate])).toEqual(
      results.map((r) => [r.outcome, r.reason ?? null, true]),
    );

    const changes = await pullAll(d);
    const complaints = changes.flatMap((x) => (x.kind === 'complaint' ? [x.complaint.id] : []));
    expect(complaints.sort()).toEqual([a, b, c].map((r) => r.complaint.id).sort());
    // Each complaint's two first events, once.
    expect(changes.filter((x) => x.kind === 'event')).toHaveLength(6);
    const bRow = changes.find((x) => x.kind === 'complaint' && x.complaint.id === b.complaint.id);
    expect(bRow?.kind === 'complaint' && bRow.complaint.status).toBe('registered');
  });

  it('ops after an op applied alone stay after it, and the ops before it are in first', async () => {
    const d = await enroll(hq, branch());
    const [a, b, later] = [
      registration(d.branchCode),
      registration(d.branchCode),
      registration(d.branchCode),
    ];
    const results = await push(d, [
      op(d, 'complaint.register', a),
      op(d, 'complaint.event', note(a.complaint.id)), // alone: needs the registration before it
      op(d, 'complaint.event', note(later.complaint.id)), // alone: its complaint comes later
      op(d, 'complaint.register', b),
      op(d, 'complaint.register', later),
    ]);
    expect(results.map((r) => r.reason ?? r.outcome)).toEqual([
      'applied',
      'applied',
      'unknown_complaint',
      'applied',
      'applied',
    ]);
    // HQ's order (versions) is the batch's order: a's history, the note on a, then b, then `later`.
    const events = (await pullAll(d)).flatMap((x) =>
      x.kind === 'event' ? [[x.version, x.event.complaintId, x.event.type] as const] : [],
    );
    const byVersion = [...events].sort((p, q) => p[0] - q[0]).map(([, id, type]) => [id, type]);
    const [ia, ib, il] = [a, b, later].map((r) => r.complaint.id);
    expect(byVersion).toEqual([
      [ia, 'created'],
      [ia, 'status_changed'],
      [ia, 'note_added'],
      [ib, 'created'],
      [ib, 'status_changed'],
      [il, 'created'],
      [il, 'status_changed'],
    ]);
    // The console's columns written with a set's rows are those HQ computes from the stored record.
    const columns = async () =>
      (
        await hq.db.pool.query(
          `SELECT category, severity, health_safety, owner_id, escalated, next_due_at, next_due_kind, due_soon_at,
             due_sort, search::text FROM complaints WHERE id = $1`,
          [ib],
        )
      ).rows;
    const written = await columns();
    const client = await hq.db.pool.connect();
    await refreshComplaintRow(client, ib!).finally(() => client.release());
    expect(written[0]?.next_due_at).toBeTruthy();
    expect(await columns()).toEqual(written);
  });

  it('a run the database refuses as a set (an event id used twice) is applied op by op', async () => {
    const d = await enroll(hq, branch());
    const [a, b, c] = [registration(d.branchCode), registration(d.branchCode), registration(d.branchCode)];
    b.events[0] = { ...b.events[0]!, id: a.events[0]!.id };
    const results = await push(d, [
      op(d, 'complaint.register', a),
      op(d, 'complaint.register', b),
      op(d, 'complaint.register', c),
    ]);
    expect(results.map((r) => r.reason ?? r.outcome)).toEqual(['applied', 'conflict', 'applied']);
    const complaints = (await pullAll(d)).flatMap((x) => (x.kind === 'complaint' ? [x.complaint.id] : []));
    expect(complaints.sort()).toEqual([a, c].map((r) => r.complaint.id).sort());
  });
});

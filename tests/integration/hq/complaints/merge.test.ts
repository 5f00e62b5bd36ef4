import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint } from '../../../../shared/complaints/model';
import { consoleSearchQuery } from '../../../../shared/console/search';
import { mergeEvents } from '../../../../shared/handling/merge';
import {
  DATABASE_KINDS,
  enroll,
  op,
  registration,
  startHq,
  type RunningHq,
  type TestDevice,
} from '../../harness';
import { eventOp, event, pullAll, push, transitionOp } from './handling';

/**
 * R5 (issue 15): two complaints registered offline on two PCs, merged on one; HQ applies the merge whole
 * and both PCs end with one survivor whose search finds the other's number.
 */
describe.each(DATABASE_KINDS)('merge at HQ on %s', (kind) => {
  let hq: RunningHq;
  let n = 0;
  const branch = () => `MG${kind === 'pglite' ? 'L' : 'P'}-${String(++n).padStart(2, '0')}`;
  beforeAll(async () => {
    hq = await startHq(kind);
  });
  afterAll(async () => hq?.close());

  const mergeOp = (device: TestDevice, survivor: Complaint, merged: Complaint, numbers = true) => {
    const { into, from } = mergeEvents(survivor, numbers ? merged : { ...merged, number: 'XX-2026-000001' }, {
      actor: 'Ольга',
      now: new Date('2026-03-02T12:00:00Z'),
      intoEventId: uuidv7(),
      fromEventId: uuidv7(),
    });
    return op(device, 'complaint.merge', { survivorId: survivor.id, mergedId: merged.id, into, from });
  };

  it('duplicates from two offline PCs: one merge, both PCs see one survivor; the opposite merge is refused', async () => {
    const code = branch();
    const [pc1, pc2] = [await enroll(hq, code), await enroll(hq, code)];
    const [a, b] = [registration(code), registration(code)];
    await push(hq, pc1, [op(pc1, 'complaint.register', a)]);
    await push(hq, pc2, [op(pc2, 'complaint.register', b)]);
    // Each PC merges the pair its own way at once: exactly one of the two is applied.
    const [first, second] = await Promise.all([
      push(hq, pc1, [mergeOp(pc1, a.complaint, b.complaint)]),
      push(hq, pc2, [mergeOp(pc2, b.complaint, a.complaint)]),
    ]);
    const outcomes = [first[0]!, second[0]!].map((r) => r.reason ?? r.outcome).sort();
    expect(outcomes).toEqual(['applied', 'merge_already_merged']);
    const [survivor, merged] = first[0]!.outcome === 'applied' ? [a, b] : [b, a];

    for (const pc of [pc1, pc2]) {
      const { complaints, events } = await pullAll(hq, pc);
      expect(complaints.get(merged.complaint.id)!.progress.mergedInto).toEqual({
        id: survivor.complaint.id,
        number: survivor.complaint.number,
      });
      expect(complaints.get(survivor.complaint.id)!.progress.mergedFrom).toEqual([
        { id: merged.complaint.id, number: merged.complaint.number },
      ]);
      expect(events.filter((e) => e.type === 'merged_into' || e.type === 'merged_from')).toHaveLength(2);
      // Each PC's search finds the survivor by the merged one's number too: its pulled record's words have it.
      expect(complaints.get(survivor.complaint.id)!.searchWords).toContain(
        merged.complaint.number.toLowerCase(),
      );
    }
    // The console finds the survivor by the merged one's number too.
    const { rows } = await hq.db.pool.query<{ id: string }>(
      `SELECT id FROM complaints WHERE branch_id = (SELECT id FROM branches WHERE code = $1)
         AND search @@ $2::tsquery ORDER BY id`,
      [code, consoleSearchQuery(merged.complaint.number)],
    );
    expect(rows.map((r) => r.id).sort()).toEqual([a.complaint.id, b.complaint.id].sort());
    // A merged complaint has no lifecycle of its own, and is not corrected.
    const results = await push(hq, pc1, [
      transitionOp(pc1, merged.complaint.id, 'registered', 'in_review'),
      eventOp(
        pc1,
        event(merged.complaint.id, 'fields_corrected', {
          reason: 'Опечатка',
          changes: [
            { field: 'description', before: 'Заказ не привезли', after: 'Заказ не привезли вовремя' },
          ],
        }),
      ),
    ]);
    expect(results.map((r) => r.reason)).toEqual(['complaint_merged', 'complaint_merged']);
  });

  it('refused whole: another branch’s complaint, a number HQ does not know, open work on the merged one', async () => {
    const code = branch();
    const pc = await enroll(hq, code);
    const other = await enroll(hq, branch());
    const [a, b, elsewhere] = [registration(code), registration(code), registration(other.branchCode)];
    await push(hq, pc, [op(pc, 'complaint.register', a), op(pc, 'complaint.register', b)]);
    await push(hq, other, [op(other, 'complaint.register', elsewhere)]);
    const results = await push(hq, pc, [
      mergeOp(pc, a.complaint, elsewhere.complaint),
      mergeOp(pc, a.complaint, b.complaint, false),
      eventOp(
        pc,
        event(b.complaint.id, 'callback_promised', {
          callbackId: uuidv7(),
          dueAt: '2026-03-03T10:00:00Z',
          phone: '+7 916 555-12-34',
        }),
      ),
      mergeOp(pc, a.complaint, b.complaint),
    ]);
    expect(results.map((r) => r.reason ?? r.outcome)).toEqual([
      'unknown_complaint',
      'invalid_payload',
      'applied',
      'merge_open_work',
    ]);
    const { complaints } = await pullAll(hq, pc);
    expect(complaints.get(a.complaint.id)!.progress.mergedFrom).toBeUndefined();
    expect(complaints.get(b.complaint.id)!.progress.mergedInto).toBeUndefined();
  });
});

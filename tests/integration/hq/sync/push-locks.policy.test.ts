import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../../../hq/audit/log';
import { setCompanyPolicy } from '../../../../hq/branches/policy';
import { refreshBranchRows } from '../../../../hq/db/complaint-rows';
import { inTransaction } from '../../../../hq/db/database';
import { enroll, op, registration, startHq, type RunningHq, type TestDevice } from '../../harness';
import { blockedBy, holdTransaction } from '../../lock-order';
import { push } from '../complaints/handling';

/**
 * R10, issue 17 (hq/sync/push-locks.ts): a push computes its registrations' due moments with the company's
 * policy as it is once the push holds its locks. A company policy saved while the push waited for the
 * branch used to reach the push as it was before the save: the push's statement had read the company's
 * layer in the snapshot it took before it waited, and the save's recomputation of the branch's due moments
 * had run before the push's rows existed. The registration kept the old policy's due moments until its next
 * change. PostgreSQL only: PGlite runs one session, where nothing waits.
 */
describe('a push waits for a company policy being saved (PostgreSQL)', { timeout: 60_000 }, () => {
  let hq: RunningHq;
  let device: TestDevice;
  beforeAll(async () => {
    hq = await startHq('postgresql');
    device = await enroll(hq, 'LK-03');
  });
  afterAll(async () => hq?.close());

  const dueOf = async (id: string) =>
    (
      await hq.db.pool.query<{ next_due_at: string; due_soon_at: string }>(
        'SELECT next_due_at, due_soon_at FROM complaints WHERE id = $1',
        [id],
      )
    ).rows[0]!;
  it('registers with the policy saved meanwhile', async () => {
    const receivedAt = new Date('2026-03-02T09:00:00Z');
    const before = registration(device.branchCode, receivedAt);
    await push(hq, device, [op(device, 'complaint.register', before)]);
    const oldDue = await dueOf(before.complaint.id);

    // The save is held after it has locked the branches and written the layer, before it commits: its
    // audit row waits for a lock this test holds on the audit table.
    const during = registration(device.branchCode, receivedAt);
    const holder = await holdTransaction(hq);
    try {
      await holder.client.query('LOCK TABLE admin_audit IN ACCESS EXCLUSIVE MODE');
      const daysOff = Array.from({ length: 29 }, (_, i) => `2026-03-${String(i + 3).padStart(2, '0')}`);
      const saved = setCompanyPolicy(hq.db.pool, { extraDaysOff: daysOff }, SYSTEM);
      let savePid = 0;
      await expect
        .poll(async () => (savePid = (await blockedBy(hq, holder.pid))[0] ?? 0), { timeout: 10_000 })
        .toBeGreaterThan(0);

      const pushed = push(hq, device, [op(device, 'complaint.register', during)]);
      await expect.poll(async () => (await blockedBy(hq, savePid)).length, { timeout: 10_000 }).toBe(1);
      await holder.release();
      await saved;
      expect((await pushed)[0]).toMatchObject({ outcome: 'applied' });
    } finally {
      // A poll that timed out: the save and the push go on, and the pool can close.
      await holder.release();
    }

    // What the push stored is what the saved policy gives: recomputing the branch changes nothing.
    const stored = await dueOf(during.complaint.id);
    const branchId = (
      await hq.db.pool.query<{ id: number }>('SELECT id FROM branches WHERE code = $1', [device.branchCode])
    ).rows[0]!.id;
    await inTransaction(hq.db.pool, (client) => refreshBranchRows(client, branchId));
    expect(await dueOf(during.complaint.id)).toEqual(stored);
    // …and the save moved the due moment of this receipt (the test would prove nothing otherwise).
    expect(Date.parse(stored.next_due_at)).toBeGreaterThan(Date.parse(oldDue.next_due_at));
    expect(await dueOf(before.complaint.id)).toEqual(stored);
  });
});

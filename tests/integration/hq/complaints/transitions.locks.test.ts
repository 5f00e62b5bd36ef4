import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transitionAtHq } from '../../../../hq/complaints/transitions';
import { enroll, op, registration, startHq, type RunningHq, type TestDevice } from '../../harness';
import { holdBranch, rowFree, waitsForBranch } from '../../lock-order';
import { push } from './handling';

/**
 * The `transition` command takes the branch's row before the complaint's, as a push does (lock-order.ts).
 * It took the complaint's row first (found by a review, issue 17).
 */
describe('the transition command locks the branch first (PostgreSQL)', { timeout: 60_000 }, () => {
  let hq: RunningHq;
  let device: TestDevice;
  beforeAll(async () => {
    hq = await startHq('postgresql');
    device = await enroll(hq, 'LK-02');
  });
  afterAll(async () => hq?.close());

  it('it waits for the branch with the complaint row still free', async () => {
    const reg = registration(device.branchCode);
    await push(hq, device, [op(device, 'complaint.register', reg)]);
    const branch = await holdBranch(hq, device.branchCode);
    const step = transitionAtHq(hq.db.pool, reg.complaint.number, { to: 'in_review', actor: 'HQ' });
    await waitsForBranch(hq, branch);
    const free = await rowFree(hq, 'SELECT 1 FROM complaints WHERE number = $1', reg.complaint.number);
    await branch.release();
    expect(free).toBe(true);
    expect(await step).toEqual({ from: 'registered', to: 'in_review' });
  });
});

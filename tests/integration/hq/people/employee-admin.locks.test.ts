import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../../../hq/audit/log';
import { createEmployee, updateEmployee } from '../../../../hq/people/employee-admin';
import { enroll, startHq, type RunningHq, type TestDevice } from '../../harness';
import { holdBranch, rowFree, waitsForBranch } from '../../lock-order';

/**
 * An employee change at HQ takes the branch's row before the employee's, as a push of an employee does
 * (lock-order.ts). It took its own row first (found by a review, issue 17).
 */
describe('an employee change locks the branch first (PostgreSQL)', { timeout: 60_000 }, () => {
  let hq: RunningHq;
  let device: TestDevice;
  beforeAll(async () => {
    hq = await startHq('postgresql');
    device = await enroll(hq, 'LK-01');
  });
  afterAll(async () => hq?.close());

  it('it waits for the branch with the employee row still free', async () => {
    const created = await createEmployee(
      hq.db.pool,
      { branchCode: device.branchCode, name: 'Мария Петрова', role: 'counter' },
      SYSTEM,
    );
    const branch = await holdBranch(hq, device.branchCode);
    const change = updateEmployee(hq.db.pool, created.id, { name: 'Мария Иванова' }, SYSTEM);
    await waitsForBranch(hq, branch);
    const free = await rowFree(hq, 'SELECT 1 FROM employees WHERE id = $1', created.id);
    await branch.release();
    expect(free).toBe(true);
    expect(await change).toMatchObject({ id: created.id, name: 'Мария Иванова' });
  });
});

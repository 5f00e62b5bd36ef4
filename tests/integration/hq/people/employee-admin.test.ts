import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_PATHS } from '../../../../shared/console/protocol';
import { type ConsoleEmployee } from '../../../../shared/console/admin';
import { hashPin } from '../../../../shared/people/pin';
import { HQ_PATHS, pullResponseSchema, type Change } from '../../../../shared/sync/protocol';
import { call, DATABASE_KINDS, enroll, op, startHq, type RunningHq, type TestDevice } from '../../harness';
import { consoleUser, type ConsoleClient } from '../../console-client';

/**
 * Issue 14: branch employees administered in the console — created, renamed, deactivated, their PIN reset
 * — reach every PC of the branch with its next pull; the console never shows a PIN hash; only the admin
 * changes them, the auditor reads; every change is audited.
 */
describe.each(DATABASE_KINDS)('console employees on %s', (kind) => {
  let hq: RunningHq;
  let msk: TestDevice;
  let admin: ConsoleClient;
  let cursor = 0;

  beforeAll(async () => {
    hq = await startHq(kind);
    msk = await enroll(hq, 'MSK-01');
    await enroll(hq, 'SPB-02');
    admin = await consoleUser(hq, 'admin');
  });
  afterAll(async () => {
    await hq?.close();
  });

  async function pulledEmployees(): Promise<Array<Extract<Change, { kind: 'employee' }>['employee']>> {
    const res = await call(hq, msk, `${HQ_PATHS.pull}?cursor=${cursor}`);
    const page = pullResponseSchema.parse(await res.json());
    cursor = page.cursor;
    return page.changes.flatMap((c) => (c.kind === 'employee' ? [c.employee] : []));
  }
  const json = async <T>(res: Response, status = 200): Promise<T> => {
    expect(res.status, await res.clone().text()).toBe(status);
    return (await res.json()) as T;
  };

  it('created at HQ, the PIN set at the branch, reset and deactivated at HQ: each comes down with pull', async () => {
    const created = await json<ConsoleEmployee>(
      await admin.call(CONSOLE_PATHS.employees, {
        method: 'POST',
        json: { branchCode: 'msk-01', name: 'Мария Петрова', role: 'counter' },
      }),
      201,
    );
    expect(created).toMatchObject({
      branchCode: 'MSK-01',
      name: 'Мария Петрова',
      active: true,
      pinSet: false,
    });
    expect(await pulledEmployees()).toEqual([
      expect.objectContaining({ id: created.id, name: 'Мария Петрова' }),
    ]);

    // Her first sign-in at the branch sets the PIN; the console says so, never shows the hash.
    const pin = await hashPin('4829', { iterations: 100_000 });
    await call(hq, msk, HQ_PATHS.push, {
      method: 'POST',
      body: JSON.stringify({
        ops: [op(msk, 'employee.pin.set', { employeeId: created.id, pin, at: new Date().toISOString() })],
      }),
    });
    const listed = await admin.call(`${CONSOLE_PATHS.employees}?branch=MSK-01`);
    const text = await listed.clone().text();
    expect(text).not.toContain(pin.hash);
    expect(text).not.toContain(pin.salt);
    expect(((await listed.json()) as ConsoleEmployee[]).find((e) => e.id === created.id)?.pinSet).toBe(true);
    expect((await pulledEmployees())[0]?.pin).toEqual(pin);

    const reset = await json<ConsoleEmployee>(
      await admin.call(CONSOLE_PATHS.employee(created.id), { method: 'PATCH', json: { resetPin: true } }),
    );
    expect(reset.pinSet).toBe(false);
    const afterReset = await pulledEmployees();
    expect(afterReset).toHaveLength(1);
    expect(afterReset[0]!.pin).toBeUndefined();

    const changed = await json<ConsoleEmployee>(
      await admin.call(CONSOLE_PATHS.employee(created.id), {
        method: 'PATCH',
        json: { role: 'branch_manager', active: false },
      }),
    );
    expect(changed).toMatchObject({ role: 'branch_manager', active: false, name: 'Мария Петрова' });
    expect(await pulledEmployees()).toEqual([
      expect.objectContaining({ id: created.id, role: 'branch_manager', active: false }),
    ]);

    const { rows } = await hq.db.pool.query<{ action: string; actor_id: string }>(
      `SELECT action, actor_id FROM admin_audit WHERE target = $1 ORDER BY id`,
      [`employee:${created.id}`],
    );
    expect(rows.map((r) => r.action)).toEqual(['employee.add', 'employee.pin_reset', 'employee.change']);
    expect(rows.every((r) => r.actor_id === admin.user.id)).toBe(true);
  });

  it('only the admin changes employees; the auditor reads; invalid input is refused', async () => {
    const head = await consoleUser(hq, 'head_of_sales');
    const auditor = await consoleUser(hq, 'auditor');
    const body = { branchCode: 'SPB-02', name: 'Олег', role: 'counter' };
    expect((await head.call(CONSOLE_PATHS.employees, { method: 'POST', json: body })).status).toBe(403);
    expect((await auditor.call(CONSOLE_PATHS.employees, { method: 'POST', json: body })).status).toBe(403);
    expect((await auditor.call(CONSOLE_PATHS.employees)).status).toBe(200);
    expect((await head.call(CONSOLE_PATHS.employees)).status).toBe(403);
    for (const bad of [
      { ...body, branchCode: 'NONE-01' },
      { ...body, role: 'director' },
      { ...body, name: '   ' },
      { ...body, name: 'x'.repeat(500) },
    ])
      expect((await admin.call(CONSOLE_PATHS.employees, { method: 'POST', json: bad })).status).toBe(400);
    expect(
      (
        await admin.call(CONSOLE_PATHS.employee('0193b8a0-0000-7000-8000-0000000000ee'), {
          method: 'PATCH',
          json: { active: false },
        })
      ).status,
    ).toBe(404);
  });
});

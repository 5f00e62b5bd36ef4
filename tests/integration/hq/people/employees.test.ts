import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Employee, PinHash } from '../../../../shared/people/model';
import { hashPin } from '../../../../shared/people/pin';
import type { OperationPayload } from '../../../../shared/sync/operations';
import {
  HQ_PATHS,
  pullResponseSchema,
  pushResponseSchema,
  type Change,
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
 * Issue 14, R24: a branch's employees go up as employee.upsert / employee.pin.set and come down with pull
 * to every PC of the branch, PIN hash included; a device can neither write nor see another branch's.
 */
describe.each(DATABASE_KINDS)('branch employees on %s', (kind) => {
  let hq: RunningHq;
  let branchSeq = 0;
  const branch = () => `E${kind === 'pglite' ? 'L' : 'P'}-${String(++branchSeq).padStart(2, '0')}`;
  let pin: PinHash;

  const push = async (device: TestDevice, ops: PushOperation[]) => {
    const res = await call(hq, device, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops }) });
    expect(res.status).toBe(200);
    return pushResponseSchema.parse(await res.json()).results.map((r) => r.reason ?? r.outcome);
  };
  const pullAll = async (device: TestDevice, cursor = 0) => {
    const changes: Change[] = [];
    for (;;) {
      const res = await call(hq, device, `${HQ_PATHS.pull}?cursor=${cursor}`);
      expect(res.status).toBe(200);
      const page = pullResponseSchema.parse(await res.json());
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.more) return { changes, cursor };
    }
  };
  const employeesIn = (changes: Change[]) =>
    changes.flatMap((c) => (c.kind === 'employee' ? [c.employee] : []));
  const employee = (branchCode: string, patch: Partial<Employee> = {}) => ({
    id: uuidv7(),
    branchCode,
    name: 'Ольга Иванова',
    role: 'branch_manager' as const,
    active: true,
    updatedAt: '2026-11-23T09:00:00.000Z',
    ...patch,
  });
  const upsert = (e: ReturnType<typeof employee>): OperationPayload<'employee.upsert'> => ({ employee: e });
  const pinSet = (employeeId: string): OperationPayload<'employee.pin.set'> => ({
    employeeId,
    pin,
    at: '2026-11-23T09:01:00.000Z',
  });
  const stored = async (id: string) =>
    (
      await hq.db.pool.query<{ name: string; role: string; active: boolean; pin: PinHash | null }>(
        'SELECT name, role, active, pin FROM employees WHERE id = $1',
        [id],
      )
    ).rows[0];

  beforeAll(async () => {
    hq = await startHq(kind);
    pin = await hashPin('4829', { iterations: 100_000 });
  });
  afterAll(async () => hq?.close());

  it('an employee created at the branch and the PIN set there reach every PC of the branch', async () => {
    const code = branch();
    const first = await enroll(hq, code);
    const olga = employee(code);
    expect(await push(first, [op(first, 'employee.upsert', upsert(olga))])).toEqual(['applied']);
    const start = await pullAll(first);
    expect(employeesIn(start.changes)).toEqual([{ ...olga, updatedAt: expect.any(String) }]);

    expect(await push(first, [op(first, 'employee.pin.set', pinSet(olga.id))])).toEqual(['applied']);
    const next = await pullAll(first, start.cursor);
    expect(employeesIn(next.changes)).toEqual([{ ...olga, pin, updatedAt: expect.any(String) }]);

    // Another PC of the branch, enrolled later, gets the employee with the PIN hash: the PIN works there.
    const second = await enroll(hq, code);
    expect(employeesIn((await pullAll(second)).changes)).toEqual([
      { ...olga, pin, updatedAt: expect.any(String) },
    ]);
  });

  it('a later upsert changes the record in HQ’s order and keeps the PIN', async () => {
    const code = branch();
    const d = await enroll(hq, code);
    const ivan = employee(code, { name: 'Иван Петров', role: 'counter' });
    await push(d, [op(d, 'employee.upsert', upsert(ivan)), op(d, 'employee.pin.set', pinSet(ivan.id))]);
    const { cursor } = await pullAll(d);
    const renamed = { ...ivan, name: 'Иван Петров-Сидоров', active: false };
    expect(await push(d, [op(d, 'employee.upsert', upsert(renamed))])).toEqual(['applied']);
    expect(await stored(ivan.id)).toEqual({ name: renamed.name, role: 'counter', active: false, pin });
    expect(employeesIn((await pullAll(d, cursor)).changes)).toEqual([
      { ...renamed, pin, updatedAt: expect.any(String) },
    ]);
  });

  it('another branch’s employee can be neither written nor seen: refused as one that does not exist', async () => {
    const msk = await enroll(hq, branch());
    const spb = await enroll(hq, branch());
    const olga = employee(msk.branchCode);
    await push(msk, [op(msk, 'employee.upsert', upsert(olga))]);
    const before = await stored(olga.id);

    const results = await push(spb, [
      // Claims the other branch outright.
      op(spb, 'employee.upsert', upsert({ ...olga, name: 'Чужой' })),
      // Its own branch code on the other branch's id.
      op(spb, 'employee.upsert', upsert({ ...olga, branchCode: spb.branchCode, name: 'Чужой' })),
      // A PIN for the other branch's employee, and for nobody at all.
      op(spb, 'employee.pin.set', pinSet(olga.id)),
      op(spb, 'employee.pin.set', pinSet(uuidv7())),
    ]);
    expect(results).toEqual(['wrong_branch', 'unknown_employee', 'unknown_employee', 'unknown_employee']);
    expect(await stored(olga.id)).toEqual(before);
    expect(before?.pin).toBeNull();
    expect(employeesIn((await pullAll(spb)).changes)).toEqual([]);
  });

  it('a refused employee op leaves later changes pullable (its versions are not handed out again)', async () => {
    const d = await enroll(hq, branch());
    const { cursor } = await pullAll(d);
    const ok = employee(d.branchCode, { name: 'Анна' });
    const results = await push(d, [
      op(d, 'employee.pin.set', pinSet(uuidv7())),
      op(d, 'employee.upsert', upsert(ok)),
    ]);
    expect(results).toEqual(['unknown_employee', 'applied']);
    expect(employeesIn((await pullAll(d, cursor)).changes).map((e) => e.id)).toEqual([ok.id]);
  });

  it('the signed-in employee’s id on each event is kept at HQ and comes back with pull', async () => {
    const d = await enroll(hq, branch());
    const olga = employee(d.branchCode);
    const reg = registration(d.branchCode);
    for (const e of reg.events) e.actorId = olga.id;
    expect(await push(d, [op(d, 'employee.upsert', upsert(olga)), op(d, 'complaint.register', reg)])).toEqual(
      ['applied', 'applied'],
    );
    const { rows } = await hq.db.pool.query<{ actor: string; actor_id: string }>(
      'SELECT actor, actor_id FROM complaint_events WHERE complaint_id = $1 ORDER BY hq_seq',
      [reg.complaint.id],
    );
    expect(rows).toEqual(reg.events.map(() => ({ actor: 'Ольга', actor_id: olga.id })));
    const events = (await pullAll(d)).changes.flatMap((c) => (c.kind === 'event' ? [c.event] : []));
    expect(events.map((e) => e.actorId)).toEqual(reg.events.map(() => olga.id));
  });
});

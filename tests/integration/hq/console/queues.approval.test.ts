import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONSOLE_PATHS,
  type ComplaintList,
  type ComplaintListItem,
  type Queues,
} from '../../../../shared/console/protocol';
import { consoleUser, type ConsoleClient } from '../../console-client';
import {
  DATABASE_KINDS,
  enroll,
  op,
  registration,
  startHq,
  type RunningHq,
  type TestDevice,
} from '../../harness';
import { event, eventOp, push, transitionOp } from '../complaints/handling';

/**
 * R16 (issue 15): the console's "awaiting approval" queue and the register's filter list the complaints
 * whose compensation waits for the branch manager or the head of sales — scoped in SQL (another branch's
 * is never listed), health and safety first, then the longest waiting, with the amount — and a complaint
 * leaves both once its compensation is approved.
 */
describe.each(DATABASE_KINDS)('awaiting approval queue on %s', (kind) => {
  let hq: RunningHq;
  let pc: TestDevice;
  let other: TestDevice;
  let manager: ConsoleClient;
  let head: ConsoleClient;
  let auditor: ConsoleClient;
  const code = `AQ${kind === 'pglite' ? 'L' : 'P'}-01`;
  const otherCode = `AX${kind === 'pglite' ? 'L' : 'P'}-02`;
  const ids: Record<string, { id: string; compensationId: string }> = {};

  /** A decided complaint with a compensation of `amountMinor` roubles' minor units (pending above 5 000). */
  async function decided(device: TestDevice, name: string, amountMinor: number, healthAndSafety = false) {
    const reg = registration(device.branchCode);
    reg.complaint.healthAndSafety = healthAndSafety;
    const id = reg.complaint.id;
    const compensationId = uuidv7();
    const results = await push(hq, device, [
      op(device, 'complaint.register', reg),
      transitionOp(device, id, 'registered', 'in_review'),
      transitionOp(device, id, 'in_review', 'decided', { decision: { outcome: 'upheld' } }),
      eventOp(
        device,
        event(id, 'compensation_decided', {
          compensationId,
          answers: {
            longTermCustomer: 'yes',
            willBuyAgain: 'yes',
            reputationEffect: 'unknown',
            demandsReasonable: 'yes',
            companyFaultPercent: 100,
          },
          amount: { amountMinor, currency: 'RUB' },
          form: 'refund',
          approvalRequired: amountMinor > 500_000,
          threshold: { amountMinor: 500_000, currency: 'RUB' },
        }),
      ),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied', 'applied']);
    ids[name] = { id, compensationId };
  }

  const queues = async (c: ConsoleClient) => (await (await c.call(CONSOLE_PATHS.queues)).json()) as Queues;
  const register = async (c: ConsoleClient, query = 'approval=pending') => {
    const res = await c.call(`${CONSOLE_PATHS.complaints}?${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as ComplaintList).items;
  };
  const names = (items: ComplaintListItem[]) =>
    items.map((i) => Object.keys(ids).find((n) => ids[n]!.id === i.id) ?? i.id);

  beforeAll(async () => {
    hq = await startHq(kind);
    pc = await enroll(hq, code);
    other = await enroll(hq, otherCode);
    manager = await consoleUser(hq, 'manager', [code]);
    head = await consoleUser(hq, 'head_of_sales');
    auditor = await consoleUser(hq, 'auditor');
    await decided(pc, 'oldest', 900_000);
    await decided(pc, 'small', 100_000); // at or below the threshold: nothing waits
    await decided(other, 'elsewhere', 700_000);
    await decided(pc, 'safety', 600_000, true);
    await decided(pc, 'newest', 1_200_000);
  });
  afterAll(async () => hq?.close());

  it('lists the scope’s waiting compensation, health and safety first, then the longest waiting', async () => {
    const mine = await queues(manager);
    expect(names(mine.awaitingApproval)).toEqual(['safety', 'oldest', 'newest']);
    expect(mine.awaitingApproval[1]).toMatchObject({
      branchCode: code,
      status: 'decided',
      awaitingApproval: { amount: { amountMinor: 900_000, currency: 'RUB' } },
    });
    expect(Date.parse(mine.awaitingApproval[1]!.awaitingApproval!.since)).toBeLessThan(
      Date.parse(mine.awaitingApproval[2]!.awaitingApproval!.since),
    );
    // The head of sales and the auditor see every branch's; the auditor only reads it (no approval rights).
    expect(names((await queues(head)).awaitingApproval)).toEqual(['safety', 'oldest', 'elsewhere', 'newest']);
    expect(names((await queues(auditor)).awaitingApproval)).toEqual([
      'safety',
      'oldest',
      'elsewhere',
      'newest',
    ]);
  });

  it('the register’s filter lists the same within scope, and the amount in every list', async () => {
    expect(names(await register(manager))).toEqual(['safety', 'newest', 'oldest']);
    expect(names(await register(manager, 'approval=pending&sort=due'))).toHaveLength(3);
    expect(new Set(names(await register(head)))).toEqual(
      new Set(['safety', 'oldest', 'elsewhere', 'newest']),
    );
    const all = await register(manager, 'sort=registered');
    expect(all.find((i) => i.id === ids.small!.id)?.awaitingApproval).toBeUndefined();
    expect(all.find((i) => i.id === ids.newest!.id)?.awaitingApproval?.amount).toEqual({
      amountMinor: 1_200_000,
      currency: 'RUB',
    });
    expect((await manager.call(`${CONSOLE_PATHS.complaints}?approval=yes`)).status).toBe(400);
  });

  it('an approved compensation leaves the queue and the filter', async () => {
    const { id, compensationId } = ids.oldest!;
    const res = await manager.call(CONSOLE_PATHS.complaintEvents(id), {
      method: 'POST',
      json: { type: 'compensation', compensationId, approve: true },
    });
    expect(res.status).toBe(200);
    expect(names((await queues(manager)).awaitingApproval)).toEqual(['safety', 'newest']);
    expect(names(await register(manager))).toEqual(['safety', 'newest']);
    const column = await hq.db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM complaints WHERE approval_pending_since IS NOT NULL',
    );
    expect(column.rows[0]!.n).toBe(3);
  });
});

import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, enroll, op, registration, startHq, type RunningHq } from '../../harness';
import { event, eventOp, pullAll, push, transitionOp } from './handling';

/**
 * R16 (issue 15): HQ refuses the status changes the shared lifecycle refuses at the branch, reading its own
 * replayed progress — a compensation awaiting approval or refused, open department tasks.
 */
describe.each(DATABASE_KINDS)('handling guards at HQ on %s', (kind) => {
  let hq: RunningHq;
  beforeAll(async () => {
    hq = await startHq(kind);
  });
  afterAll(async () => hq?.close());

  it('inform waits for approval; close waits for every department task', async () => {
    const code = `GD${kind === 'pglite' ? 'L' : 'P'}-01`;
    const pc = await enroll(hq, code);
    const reg = registration(code);
    const id = reg.complaint.id;
    const compensationId = uuidv7();
    const taskId = uuidv7();
    const decided = {
      compensationId,
      answers: {
        longTermCustomer: 'yes',
        willBuyAgain: 'yes',
        reputationEffect: 'unknown',
        demandsReasonable: 'yes',
        companyFaultPercent: 100,
      },
      amount: { amountMinor: 1_200_000, currency: 'RUB' },
      form: 'refund',
      approvalRequired: true,
      threshold: { amountMinor: 500_000, currency: 'RUB' },
    };
    const inform = () => transitionOp(pc, id, 'decided', 'customer_informed');
    const close = () => transitionOp(pc, id, 'follow_up', 'closed');
    const outcomes = await push(hq, pc, [
      op(pc, 'complaint.register', reg),
      transitionOp(pc, id, 'registered', 'in_review'),
      transitionOp(pc, id, 'in_review', 'decided', { decision: { outcome: 'upheld' } }),
      eventOp(pc, event(id, 'compensation_decided', decided)),
      inform(),
      eventOp(
        pc,
        event(id, 'compensation_refused', { compensationId, approverRole: 'head_of_sales', reason: 'Много' }),
      ),
      inform(),
      eventOp(pc, event(id, 'compensation_decided', decided)),
      eventOp(pc, event(id, 'compensation_approved', { compensationId, approverRole: 'branch_manager' })),
      eventOp(
        pc,
        event(id, 'task_created', {
          taskId,
          department: 'finance',
          ownerName: 'Бухгалтерия',
          dueDate: '2026-03-10',
          text: 'Вернуть деньги',
          compensationId,
        }),
      ),
      inform(),
      transitionOp(pc, id, 'customer_informed', 'follow_up', {
        followUp: { outcome: 'accepted', satisfaction: 5 },
      }),
      close(),
      eventOp(pc, event(id, 'task_status_changed', { taskId, status: 'done' })),
      close(),
    ]);
    expect(outcomes.map((o) => o.reason ?? o.outcome)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'compensation_approval_pending',
      'applied',
      'compensation_refused',
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
      'open_tasks',
      'applied',
      'applied',
    ]);
    const { complaints } = await pullAll(hq, pc);
    expect(complaints.get(id)).toMatchObject({
      status: 'closed',
      progress: { compensation: { approval: 'approved' }, openTasks: 0 },
    });
  });
});

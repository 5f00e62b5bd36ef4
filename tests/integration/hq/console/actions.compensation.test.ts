import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_PATHS, type ComplaintDetail } from '../../../../shared/console/protocol';
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
import { employee, event, eventOp, pullAll, push, transitionOp } from '../complaints/handling';

/**
 * R16 (issue 15): a compensation above the threshold waits for approval; the branch manager of the branch
 * (or the head of sales) approves or refuses it in the console — scoped in SQL, audited, checked by the
 * shared rule — and the branch pulls the answer and may then inform the customer.
 */
describe.each(DATABASE_KINDS)('compensation approval in the console on %s', (kind) => {
  let hq: RunningHq;
  let manager: ConsoleClient;
  let stranger: ConsoleClient;
  let pc: TestDevice;
  const code = `CP${kind === 'pglite' ? 'L' : 'P'}-01`;
  beforeAll(async () => {
    hq = await startHq(kind);
    pc = await enroll(hq, code);
    const elsewhere = await enroll(hq, `CX${kind === 'pglite' ? 'L' : 'P'}-02`);
    manager = await consoleUser(hq, 'manager', [code]);
    stranger = await consoleUser(hq, 'manager', [elsewhere.branchCode]);
  });
  afterAll(async () => hq?.close());

  it('refusal needs a reason; approval by the manager reaches the branch, which informs the customer', async () => {
    const reg = registration(code);
    const id = reg.complaint.id;
    const compensationId = uuidv7();
    await push(hq, pc, [
      op(pc, 'complaint.register', reg),
      transitionOp(pc, id, 'registered', 'in_review'),
      transitionOp(pc, id, 'in_review', 'decided', { decision: { outcome: 'upheld' } }),
      eventOp(
        pc,
        event(id, 'compensation_decided', {
          compensationId,
          answers: {
            longTermCustomer: 'yes',
            willBuyAgain: 'unknown',
            reputationEffect: 'no',
            demandsReasonable: 'yes',
            companyFaultPercent: 50,
          },
          amount: { amountMinor: 900_000, currency: 'RUB' },
          form: 'refund',
          approvalRequired: true,
          threshold: { amountMinor: 500_000, currency: 'RUB' },
        }),
      ),
    ]);
    const act = (c: ConsoleClient, json: unknown) =>
      c.call(CONSOLE_PATHS.complaintEvents(id), { method: 'POST', json });

    // Another branch's manager: as if it did not exist.
    expect((await act(stranger, { type: 'compensation', compensationId, approve: true })).status).toBe(404);
    const noReason = await act(manager, {
      type: 'compensation',
      compensationId,
      approve: false,
      reason: ' ',
    });
    expect(noReason.status).toBe(422);
    expect(await noReason.json()).toMatchObject({ reasons: ['approval_refusal_reason_required'] });
    // Not the compensation the user saw (another one decided meanwhile): a conflict.
    const other = await act(manager, { type: 'compensation', compensationId: uuidv7(), approve: true });
    expect(other.status).toBe(409);

    const ok = await act(manager, { type: 'compensation', compensationId, approve: true });
    expect(ok.status).toBe(200);
    const detail = (await ok.json()) as ComplaintDetail;
    expect(detail.complaint.progress.compensation).toMatchObject({ approval: 'approved' });
    const again = await act(manager, {
      type: 'compensation',
      compensationId,
      approve: false,
      reason: 'Много',
    });
    expect(again.status).toBe(409);

    const { complaints, events } = await pullAll(hq, pc);
    expect(complaints.get(id)!.progress.compensation).toMatchObject({ approval: 'approved' });
    expect(events.find((e) => e.type === 'compensation_approved')).toMatchObject({
      actor: manager.user.name,
      actorId: manager.user.id,
      data: { compensationId, approverRole: 'branch_manager' },
    });
    // Issue 15: the branch manager's own answer, given offline at the branch, arrives after the console's:
    // refused by the same rule (nothing pending any more) and not written.
    const atBranch = employee(pc, 'Пётр Смирнов', 'branch_manager');
    const late = event(
      id,
      'compensation_refused',
      {
        compensationId,
        approverRole: 'branch_manager',
        reason: 'Слишком много',
      },
      atBranch.person,
    );
    const [, lateOutcome, inform] = await push(hq, pc, [
      atBranch.upsert,
      eventOp(pc, late),
      transitionOp(pc, id, 'decided', 'customer_informed'),
    ]);
    expect(lateOutcome).toMatchObject({ outcome: 'rejected', reason: 'approval_not_pending' });
    expect(inform?.outcome).toBe('applied');
    const stored = await hq.db.pool.query('SELECT 1 FROM complaint_events WHERE id = $1', [late.id]);
    expect(stored.rowCount).toBe(0);
    const audit = await hq.db.pool.query(
      `SELECT action, actor_id FROM admin_audit WHERE action LIKE 'complaint.compensation%'`,
    );
    expect(audit.rows).toEqual([{ action: 'complaint.compensation_approve', actor_id: manager.user.id }]);
  });
});

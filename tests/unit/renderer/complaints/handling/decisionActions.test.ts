import { describe, expect, it } from 'vitest';
import {
  TransitionRefused,
  changeStatus,
  registerComplaint,
} from '../../../../../renderer/complaints/actions';
import { complaintHistory } from '../../../../../renderer/complaints/queries';
import {
  CorrectionRefused,
  answerApproval,
  changeRecord,
  changeTaskStatus,
  decideCompensation,
  createTask,
} from '../../../../../renderer/complaints/handling/decisionActions';
import { DEFAULT_APPROVAL_THRESHOLDS } from '../../../../../shared/handling/compensation';
import type { OtklikDatabase } from '../../../../../renderer/db/database';
import { IVAN, OLGA, input, now, openDb, settings } from '../../fixtures';

// R16 (compensation, approval, department tasks) and R3/R13 (corrections, re-assessment) through the real
// store: one transaction per step with its outbox operations; the shared guards refuse closing with open
// tasks and informing the customer before approval.

const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const today = '2026-11-23';
const answers = {
  longTermCustomer: 'yes',
  willBuyAgain: 'yes',
  reputationEffect: 'unknown',
  demandsReasonable: 'yes',
  companyFaultPercent: 100,
} as const;

async function refusal(promise: Promise<unknown>): Promise<string[]> {
  const err = await promise.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TransitionRefused);
  return (err as TransitionRefused).reasons;
}

async function decided(db: OtklikDatabase) {
  const c = await registerComplaint(db, input(), settings(), IVAN, now, { acknowledged: true });
  await changeStatus(db, c.id, { to: 'in_review', expectedFrom: 'registered' }, IVAN, at(1));
  await changeStatus(
    db,
    c.id,
    { to: 'decided', expectedFrom: 'in_review', decision: { outcome: 'upheld' } },
    IVAN,
    at(2),
  );
  return c;
}

describe('R16 compensation above the threshold, approval and tasks', () => {
  it('waits for the branch manager, whose approval lets the customer be told; closing waits for the tasks', async () => {
    const db = openDb();
    const c = await decided(db);
    const written = await decideCompensation(
      db,
      c.id,
      { answers, amount: { amountMinor: 750_000, currency: 'RUB' }, form: 'refund' },
      [
        {
          department: 'warehouse',
          ownerName: 'Склад, Сидоров',
          dueDate: '2026-11-25',
          text: 'Принять товар',
        },
      ],
      DEFAULT_APPROVAL_THRESHOLDS,
      today,
      IVAN,
      at(3),
    );
    expect(written.map((e) => e.type)).toEqual(['compensation_decided', 'task_created']);
    expect(written[0]!.data).toMatchObject({
      approvalRequired: true,
      threshold: { amountMinor: 500_000, currency: 'RUB' },
    });
    expect(written[1]!.data.compensationId).toBe(written[0]!.data.compensationId);
    let stored = (await db.complaints.get(c.id))!;
    expect(stored.progress.compensation?.approval).toBe('pending');
    expect(stored.progress.openTasks).toBe(1);

    expect(
      await refusal(
        changeStatus(db, c.id, { to: 'customer_informed', expectedFrom: 'decided' }, IVAN, at(4)),
      ),
    ).toEqual(['compensation_approval_pending']);
    // A counter employee may not approve; nor may the one who decided.
    expect(await refusal(answerApproval(db, c.id, { approve: true }, IVAN, at(4)))).toEqual([
      'approver_role_required',
      'approval_by_decider',
    ]);
    expect(await refusal(answerApproval(db, c.id, { approve: false }, OLGA, at(4)))).toEqual([
      'approval_refusal_reason_required',
    ]);
    await answerApproval(db, c.id, { approve: true }, OLGA, at(5));
    stored = (await db.complaints.get(c.id))!;
    expect(stored.progress.compensation).toMatchObject({
      approval: 'approved',
      answeredBy: 'branch_manager',
    });

    await changeStatus(db, c.id, { to: 'customer_informed', expectedFrom: 'decided' }, IVAN, at(6));
    await changeStatus(
      db,
      c.id,
      {
        to: 'follow_up',
        expectedFrom: 'customer_informed',
        followUp: { outcome: 'accepted', satisfaction: 5 },
      },
      IVAN,
      at(7),
    );
    const eventsBefore = await db.events.count();
    expect(
      await refusal(changeStatus(db, c.id, { to: 'closed', expectedFrom: 'follow_up' }, IVAN, at(8))),
    ).toEqual(['open_tasks']);
    expect(await db.events.count()).toBe(eventsBefore);

    const taskId = written[1]!.data.taskId as string;
    expect(await refusal(changeTaskStatus(db, c.id, { taskId, status: 'cancelled' }, IVAN, at(8)))).toEqual([
      'task_note_required',
    ]);
    await changeTaskStatus(db, c.id, { taskId, status: 'done' }, IVAN, at(9));
    await changeStatus(db, c.id, { to: 'closed', expectedFrom: 'follow_up' }, IVAN, at(10));
    expect((await db.complaints.get(c.id))!.status).toBe('closed');
    expect(
      await refusal(
        createTask(
          db,
          c.id,
          { department: 'finance', ownerName: 'Бухгалтерия', dueDate: today, text: 'Возврат' },
          today,
          IVAN,
        ),
      ),
    ).toEqual(['complaint_closed']);
  });

  it('at or below the threshold no approval is needed; before a decision none can be recorded', async () => {
    const db = openDb();
    const c = await registerComplaint(db, input(), settings(), IVAN, now, { acknowledged: true });
    const small = { answers, amount: { amountMinor: 500_000, currency: 'RUB' }, form: 'voucher' } as const;
    expect(
      await refusal(decideCompensation(db, c.id, small, [], DEFAULT_APPROVAL_THRESHOLDS, today, IVAN, at(1))),
    ).toEqual(['compensation_needs_decision']);
    expect(await db.outbox.count()).toBe(1);
    const d = await decided(db);
    const [event] = await decideCompensation(
      db,
      d.id,
      small,
      [],
      DEFAULT_APPROVAL_THRESHOLDS,
      today,
      IVAN,
      at(3),
    );
    expect(event!.data.approvalRequired).toBe(false);
    expect((await db.complaints.get(d.id))!.progress.compensation?.approval).toBe('not_required');
  });
});

describe('R3 corrections and R13 re-assessment', () => {
  it('change the record in the same transaction, with before and after in the history', async () => {
    const db = openDb();
    const c = await registerComplaint(db, input(), settings(), IVAN, now, { acknowledged: true });
    await changeRecord(
      db,
      c.id,
      'correction',
      { set: { 'customer.phone': '+7 916 765-43-21' }, reason: 'Ошибка в номере' },
      IVAN,
      at(1),
    );
    let stored = (await db.complaints.get(c.id))!;
    expect(stored.customer.phone).toBe('+7 916 765-43-21');
    expect(stored.searchWords).toContain('79167654321');
    const history = await complaintHistory(db, c.id);
    expect(history.at(-1)).toMatchObject({
      type: 'fields_corrected',
      data: {
        reason: 'Ошибка в номере',
        changes: [{ field: 'customer.phone', before: '+7 916 123-45-67', after: '+7 916 765-43-21' }],
      },
    });

    await changeRecord(
      db,
      c.id,
      'assessment',
      { set: { healthAndSafety: true, urgencyLevel: 'high' }, reason: 'Ожог' },
      IVAN,
      at(2),
    );
    stored = (await db.complaints.get(c.id))!;
    expect(stored).toMatchObject({ healthAndSafety: true, urgencyLevel: 'high' });

    // A correction that breaks the intake rules is refused with the field's own problem; nothing written.
    const count = await db.outbox.count();
    const err = await changeRecord(
      db,
      c.id,
      'correction',
      { set: { 'customer.phone': 'нет' }, reason: 'x' },
      IVAN,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorrectionRefused);
    expect(await db.outbox.count()).toBe(count);
    expect(
      await refusal(
        changeRecord(db, c.id, 'assessment', { set: { severity: stored.severity }, reason: 'x' }, IVAN),
      ),
    ).toEqual(['change_empty']);
  });
});

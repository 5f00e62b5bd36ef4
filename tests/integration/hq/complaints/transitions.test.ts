import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../../../hq/audit/log';
import { setBranchPolicy } from '../../../../hq/branches/policy';
import { DATABASE_KINDS, enroll, op, registration, startHq, type RunningHq } from '../../harness';
import { employee, event, eventOp, pullAll, push, transitionOp } from './handling';

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
    // The approver is a branch manager HQ knows (issue 15: HQ reads the role, not the event's claim).
    const manager = employee(pc, 'Иван Петров', 'branch_manager');
    const outcomes = await push(hq, pc, [
      manager.upsert,
      op(pc, 'complaint.register', reg),
      transitionOp(pc, id, 'registered', 'in_review'),
      transitionOp(pc, id, 'in_review', 'decided', { decision: { outcome: 'upheld' } }),
      eventOp(pc, event(id, 'compensation_decided', decided)),
      inform(),
      eventOp(
        pc,
        event(
          id,
          'compensation_refused',
          { compensationId, approverRole: 'branch_manager', reason: 'Много' },
          manager.person,
        ),
      ),
      inform(),
      eventOp(pc, event(id, 'compensation_decided', decided)),
      eventOp(
        pc,
        event(
          id,
          'compensation_approved',
          { compensationId, approverRole: 'branch_manager' },
          manager.person,
        ),
      ),
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

  /**
   * Issue 15: every handling event a branch pushes is checked by the rule the branch ran, against HQ's
   * history — valid ones applied, the others refused with the rule's reason and nothing written.
   */
  it('handling events: applied when the branch rule holds at HQ, refused with its reason otherwise', async () => {
    const code = `GD${kind === 'pglite' ? 'L' : 'P'}-02`;
    const pc = await enroll(hq, code);
    const reg = registration(code);
    const id = reg.complaint.id;
    const decider = employee(pc, 'Иван Петров', 'branch_manager');
    const approver = employee(pc, 'Мария Сидорова', 'branch_manager');
    const counter = employee(pc, 'Ольга Кузнецова', 'counter');
    const compensationId = uuidv7();
    const decided = (patch: Record<string, unknown> = {}) => ({
      compensationId,
      answers: {
        longTermCustomer: 'yes',
        willBuyAgain: 'no',
        reputationEffect: 'yes',
        demandsReasonable: 'yes',
        companyFaultPercent: 50,
      },
      amount: { amountMinor: 800_000, currency: 'RUB' },
      form: 'refund',
      approvalRequired: true,
      threshold: { amountMinor: 500_000, currency: 'RUB' },
      ...patch,
    });
    const answer = (approve: boolean, by: { name: string; id: string }) =>
      event(
        id,
        approve ? 'compensation_approved' : 'compensation_refused',
        { compensationId, approverRole: 'branch_manager', ...(approve ? {} : { reason: 'Слишком много' }) },
        by,
      );
    const taskId = uuidv7();
    const task = (patch: Record<string, unknown> = {}) =>
      event(id, 'task_created', {
        taskId,
        department: 'finance',
        ownerName: 'Бухгалтерия',
        dueDate: '2026-03-20',
        text: 'Вернуть деньги',
        ...patch,
      });
    const callbackId = uuidv7();
    const promise = (dueAt: string, cbId = callbackId) =>
      event(id, 'callback_promised', { callbackId: cbId, dueAt, phone: '+7 916 555-12-34' });
    // Ops take the device's sequence when made: the ones before the checked events are made first.
    const head = [
      decider.upsert,
      approver.upsert,
      counter.upsert,
      op(pc, 'complaint.register', reg),
      transitionOp(pc, id, 'registered', 'in_review'),
      transitionOp(pc, id, 'in_review', 'decided', { decision: { outcome: 'upheld' } }),
    ];
    const expected: [ReturnType<typeof event> | (() => ReturnType<typeof transitionOp>), string][] = [
      // R16: the event's own threshold says approval is needed; it may not say otherwise.
      [
        event(id, 'compensation_decided', decided({ approvalRequired: false }), decider.person),
        'change_value_invalid',
      ],
      [event(id, 'compensation_decided', decided(), decider.person), 'applied'],
      [answer(true, decider.person), 'approval_by_decider'],
      [answer(true, counter.person), 'approver_role_required'],
      // Someone HQ does not know of this branch cannot approve.
      [answer(true, { name: 'Некто', id: uuidv7() }), 'approver_role_required'],
      [answer(true, approver.person), 'applied'],
      // Another PC's answer arriving after it: nothing pending any more.
      [answer(false, approver.person), 'approval_not_pending'],
      [task({ dueDate: '2026-02-01' }), 'task_due_date_invalid'],
      [task(), 'applied'],
      [task({ text: 'Ещё раз' }), 'change_value_invalid'],
      // R4: "now" is when the branch wrote it, so yesterday's promise is not judged by HQ's clock.
      [promise('2026-03-01T10:00:00Z'), 'callback_in_past'],
      [promise('2026-03-05T10:00:00Z'), 'applied'],
      [event(id, 'callback_done', { callbackId: uuidv7(), outcome: 'reached' }), 'callback_not_pending'],
      [event(id, 'callback_done', { callbackId, outcome: 'reached' }), 'applied'],
      [event(id, 'passed_to_head_of_sales', { reason: 'Клиент требует руководство' }), 'applied'],
      [event(id, 'passed_to_head_of_sales', { reason: 'Ещё раз' }), 'already_with_head_of_sales'],
      [event(id, 'handed_to_senior', { seniorName: 'ольга', reason: 'threatening' }), 'senior_required'],
      [event(id, 'handed_to_senior', { seniorName: 'Иван Петров', reason: 'threatening' }), 'applied'],
      [
        event(id, 'customer_info_added', { from: 'Клиент', channel: 'phone', text: 'Чек нашёлся' }),
        'applied',
      ],
      [event(id, 'recourse_explained', { routes: ['ru_court'], country: 'RU', language: 'ru' }), 'applied'],
      [() => transitionOp(pc, id, 'decided', 'customer_informed'), 'applied'],
      [
        () =>
          transitionOp(pc, id, 'customer_informed', 'follow_up', {
            followUp: { outcome: 'accepted', satisfaction: 4 },
          }),
        'applied',
      ],
      [event(id, 'task_status_changed', { taskId, status: 'done' }), 'applied'],
      [() => transitionOp(pc, id, 'follow_up', 'closed'), 'applied'],
      // A closed complaint: its tasks stay settled, no callback is promised on it.
      [event(id, 'task_status_changed', { taskId, status: 'open', note: 'Снова' }), 'complaint_closed'],
      [promise('2026-03-06T10:00:00Z', uuidv7()), 'complaint_closed'],
    ];
    const outcomes = await push(hq, pc, [
      ...head,
      ...expected.map(([e]) => (typeof e === 'function' ? e() : eventOp(pc, e))),
    ]);
    expect(outcomes.slice(head.length).map((o) => o.reason ?? o.outcome)).toEqual(expected.map(([, r]) => r));
    // Nothing written for a refused op: none of its events is in HQ's history.
    const refused = expected.flatMap(([e, r]) => (r !== 'applied' && typeof e !== 'function' ? [e.id] : []));
    const stored = await hq.db.pool.query('SELECT id FROM complaint_events WHERE id = ANY($1::uuid[])', [
      refused,
    ]);
    expect(stored.rows).toEqual([]);
    const { complaints } = await pullAll(hq, pc);
    expect(complaints.get(id)).toMatchObject({
      status: 'closed',
      progress: { compensation: { approval: 'approved' }, openTasks: 0 },
    });
  });
  it('R16: a PC may not waive approval HQ’s threshold asks for — the decision stands and waits for it', async () => {
    const code = `GD${kind === 'pglite' ? 'L' : 'P'}-03`;
    const pc = await enroll(hq, code);
    // HQ set this branch's RUB threshold to 1 000.00; the PC decided with its own, higher one.
    await setBranchPolicy(hq.db.pool, code, { handling: { approvalThresholds: { RUB: 100_000 } } }, SYSTEM);
    const reg = registration(code);
    const id = reg.complaint.id;
    const manager = employee(pc, 'Иван Петров', 'branch_manager');
    const compensationId = uuidv7();
    const decided = (amountMinor: number) =>
      event(id, 'compensation_decided', {
        compensationId,
        answers: {
          longTermCustomer: 'yes',
          willBuyAgain: 'yes',
          reputationEffect: 'no',
          demandsReasonable: 'yes',
          companyFaultPercent: 100,
        },
        amount: { amountMinor, currency: 'RUB' },
        form: 'refund',
        approvalRequired: false,
        threshold: { amountMinor: 500_000, currency: 'RUB' },
      });
    const waiting = async () =>
      (
        await hq.db.pool.query<{ approval: string | null; pending: Date | null }>(
          `SELECT record->'progress'->'compensation'->>'approval' AS approval,
                  approval_pending_since AS pending FROM complaints WHERE id = $1`,
          [id],
        )
      ).rows[0]!;
    const demands = async () =>
      (await pullAll(hq, pc)).events.filter((e) => e.type === 'compensation_approval_required');

    const head = await push(hq, pc, [
      manager.upsert,
      op(pc, 'complaint.register', reg),
      transitionOp(pc, id, 'registered', 'in_review'),
      transitionOp(pc, id, 'in_review', 'decided', { decision: { outcome: 'upheld' } }),
      // At HQ's threshold: the PC's answer stands.
      eventOp(pc, decided(100_000)),
    ]);
    expect(head.map((o) => o.outcome)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    expect(await waiting()).toMatchObject({ approval: 'not_required', pending: null });
    expect(await demands()).toEqual([]);

    // Above it: applied as decided (nothing of the branch's is refused), then HQ's own line asks for approval.
    // This PC's clock runs an hour ahead of HQ's: HQ's line still comes after the decision in time, as the
    // branch orders its history by time.
    const ahead = { ...decided(300_000), at: new Date(Date.now() + 3_600_000).toISOString() };
    const outcomes = await push(hq, pc, [
      eventOp(pc, ahead),
      transitionOp(pc, id, 'decided', 'customer_informed'),
    ]);
    expect(outcomes.map((o) => o.reason ?? o.outcome)).toEqual(['applied', 'compensation_approval_pending']);
    const state = await waiting();
    expect(state.approval).toBe('pending');
    expect(state.pending).not.toBeNull();
    const [demand, ...more] = await demands();
    expect(more).toEqual([]);
    expect(demand).toMatchObject({
      actor: 'HQ',
      data: { compensationId, threshold: { amountMinor: 100_000, currency: 'RUB' } },
    });
    expect(Date.parse(demand!.at)).toBeGreaterThan(Date.parse(ahead.at));
    const audit = await hq.db.pool.query<{ actor_kind: string; after: unknown }>(
      `SELECT actor_kind, after FROM admin_audit WHERE action = 'compensation.approval_required' AND target = $1`,
      [`complaint:${reg.complaint.number}`],
    );
    expect(audit.rows).toEqual([{ actor_kind: 'system', after: { eventId: demand!.id, ...demand!.data } }]);
    // A branch may not write HQ's line itself.
    const forged = await push(hq, pc, [
      eventOp(pc, event(id, 'compensation_approval_required', { compensationId })),
    ]);
    expect(forged[0]).toMatchObject({ outcome: 'rejected', reason: 'invalid_payload' });

    // The branch manager approves; then the customer can be informed.
    const after = await push(hq, pc, [
      eventOp(
        pc,
        event(
          id,
          'compensation_approved',
          { compensationId, approverRole: 'branch_manager' },
          manager.person,
        ),
      ),
      transitionOp(pc, id, 'decided', 'customer_informed'),
    ]);
    expect(after.map((o) => o.reason ?? o.outcome)).toEqual(['applied', 'applied']);
    expect((await pullAll(hq, pc)).complaints.get(id)).toMatchObject({
      status: 'customer_informed',
      progress: { compensation: { approval: 'approved' } },
    });
  });
});

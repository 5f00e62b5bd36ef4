import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintEscalationMessageId } from '../../../../shared/mail/complaint-escalation';
import { DATABASE_KINDS, enroll, op, registration, startHq, type RunningHq } from '../../harness';
import { DIRECTORY, smtpTo, startSmtp, workerFor } from '../../mail-fixtures';
import { pullAll, push } from '../complaints/handling';
import { setBranchPolicy } from '../../../../hq/branches/policy';
import { SYSTEM } from '../../../../hq/audit/log';

/**
 * R11/R14 (issue 15): a complaint overdue at a due moment is escalated by HQ's mail worker — to the branch
 * manager at once, to the head of sales a day later — each step one `escalated` event the branch pulls and
 * one e-mail (real SMTP server, parsed), exactly once across two workers at the same time and a restart.
 */
describe.each(DATABASE_KINDS)('complaint escalation on %s', (kind) => {
  let hq: RunningHq;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    hq = await startHq(kind);
  });
  afterAll(async () => {
    await hq?.close();
    await smtp?.close();
  });

  it('overdue → branch manager, a day later → head of sales; once each, in the branch language', async () => {
    const code = `ES${kind === 'pglite' ? 'L' : 'P'}-01`;
    const pc = await enroll(hq, code, DIRECTORY);
    const reg = registration(code);
    const id = reg.complaint.id;
    await push(hq, pc, [op(pc, 'complaint.register', reg)]);
    const { rows } = await hq.db.pool.query<{ next_due_at: string; next_due_kind: string }>(
      'SELECT next_due_at, next_due_kind FROM complaints WHERE id = $1',
      [id],
    );
    const dueAt = new Date(rows[0]!.next_due_at);
    const dueKind = rows[0]!.next_due_kind;
    const at = (ms: number) => () => new Date(dueAt.getTime() + ms);
    const mine = () => smtp.received.filter((m) => m.text?.includes(reg.complaint.number));
    const steps = async () => (await pullAll(hq, pc)).events.filter((e) => e.type === 'escalated');
    const MIN = 60_000;
    const HOUR = 60 * MIN;

    // Not overdue yet: nothing.
    const early = await workerFor(hq, smtpTo(smtp.url), at(-MIN)).runOnce();
    expect(early.complaints).toEqual({ queued: 0, sent: 0, retrying: 0, failed: 0 });

    // Overdue: two workers (two HQ processes) at once queue and send the manager's step once.
    const rounds = await Promise.all([
      workerFor(hq, smtpTo(smtp.url), at(MIN)).runOnce(),
      workerFor(hq, smtpTo(smtp.url), at(MIN)).runOnce(),
    ]);
    expect(rounds.map((r) => r.complaints!.queued).sort()).toEqual([0, 1]);
    await smtp.waitFor(1);
    expect(mine()).toHaveLength(1);
    const manager = mine()[0]!;
    const toOf = (m: typeof manager) => (Array.isArray(m.to) ? m.to : [m.to!])[0]!.value;
    expect(toOf(manager)).toEqual([{ name: DIRECTORY.managerName, address: DIRECTORY.managerEmail }]);
    expect(manager.subject).toContain(reg.complaint.number);
    expect(manager.subject).toContain('po lhůtě'); // Czech: the branch's language
    expect(manager.text?.split('\n')[0]).toBe('Dobrý den,');
    const [first] = await steps();
    expect(first).toMatchObject({
      actor: 'HQ',
      data: { step: 'branch_manager', dueKind, toEmail: DIRECTORY.managerEmail },
    });
    expect(manager.messageId).toBe(first!.data.messageId);
    expect(manager.messageId).toBe(
      complaintEscalationMessageId(id, 'branch_manager', first!.data.dueKey as string),
    );

    // The console's queues show it as escalated.
    const escalated = await hq.db.pool.query('SELECT escalated FROM complaints WHERE id = $1', [id]);
    expect(escalated.rows[0]).toEqual({ escalated: true });

    // 23 hours on: nothing more. After the configured day, a restarted worker tells the head of sales.
    const later = await workerFor(hq, smtpTo(smtp.url), at(MIN + 23 * HOUR)).runOnce();
    expect(later.complaints!.queued).toBe(0);
    const restarted = workerFor(hq, smtpTo(smtp.url), at(2 * MIN + 24 * HOUR));
    expect((await restarted.runOnce()).complaints).toMatchObject({ queued: 1, sent: 1 });
    expect((await restarted.runOnce()).complaints).toMatchObject({ queued: 0, sent: 0 });
    await smtp.waitFor(2);
    expect(mine()).toHaveLength(2);
    const head = mine()[1]!;
    expect(toOf(head)).toEqual([{ name: DIRECTORY.headOfSalesName, address: DIRECTORY.headOfSalesEmail }]);
    expect(head.messageId).not.toBe(manager.messageId);
    expect((await steps()).map((e) => e.data.step)).toEqual(['branch_manager', 'head_of_sales']);
    const { rows: mails } = await hq.db.pool.query(
      'SELECT step, status, attempts FROM escalation_mail WHERE complaint_id = $1 ORDER BY created_at',
      [id],
    );
    expect(mails).toEqual([
      { step: 'branch_manager', status: 'sent', attempts: 1 },
      { step: 'head_of_sales', status: 'sent', attempts: 1 },
    ]);
    // A week on, still once each.
    await workerFor(hq, smtpTo(smtp.url), at(7 * 24 * HOUR)).runOnce();
    expect(mine()).toHaveLength(2);
  });

  it('R10: the branch’s escalation delays as HQ set them, not HQ’s configured ones', async () => {
    const code = `ES${kind === 'pglite' ? 'L' : 'P'}-02`;
    const pc = await enroll(hq, code, DIRECTORY);
    await setBranchPolicy(
      hq.db.pool,
      code,
      { handling: { escalation: { branchManagerAfterMinutes: 120, headOfSalesAfterHours: 2 } } },
      SYSTEM,
    );
    const reg = registration(code);
    await push(hq, pc, [op(pc, 'complaint.register', reg)]);
    const { rows } = await hq.db.pool.query<{ next_due_at: string }>(
      'SELECT next_due_at FROM complaints WHERE id = $1',
      [reg.complaint.id],
    );
    const dueAt = new Date(rows[0]!.next_due_at).getTime();
    const MIN = 60_000;
    const stepsAt = async (ms: number) => {
      await workerFor(hq, smtpTo(smtp.url), () => new Date(dueAt + ms)).runOnce();
      return (await pullAll(hq, pc)).events.filter((e) => e.type === 'escalated').map((e) => e.data.step);
    };
    // HQ's default would tell the manager at once; this branch waits two hours, then two more for the head.
    expect(await stepsAt(MIN)).toEqual([]);
    expect(await stepsAt(121 * MIN)).toEqual(['branch_manager']);
    expect(await stepsAt(122 * MIN + 60 * MIN)).toEqual(['branch_manager']);
    expect(await stepsAt(122 * MIN + 120 * MIN)).toEqual(['branch_manager', 'head_of_sales']);
  });
});

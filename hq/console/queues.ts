import type { Pool } from 'pg';
import type { ConflictReason, Queues } from '../../shared/console/protocol';
import { recordAudit } from '../audit/log';
import { inTransaction } from '../db/database';
import { HqError } from '../errors';
import { retryMailJob } from '../mail/queue';
import { unsentMailJobs } from '../mail/status';
import type { ConsolePrincipal } from '../people/sessions';
import { LIST_COLUMNS, listItem, type ListRow } from './list';
import { assertMayAct, scopeCondition } from './scope';

/**
 * The console's first screen (issue 14): per branch what is overdue and due soon (R11), the escalated
 * complaints waiting for the user and the ones they own (R14), health-and-safety first (R13), and the
 * feedback-book mail not sent yet (R7) with "send again"; and (issue 15, R16) the compensation waiting for
 * approval by the branch manager or the head of sales. All of it within the user's scope.
 */

const QUEUE_LENGTH = 50;

export async function consoleQueues(
  pool: Pool,
  principal: ConsolePrincipal,
  now = new Date(),
): Promise<Queues> {
  const branchParams: unknown[] = [now.toISOString()];
  const branchScope = scopeCondition(principal, branchParams, 'b.id');
  const listParams: unknown[] = [principal.user.id, QUEUE_LENGTH];
  const listScope = scopeCondition(principal, listParams);
  const approvalParams: unknown[] = [QUEUE_LENGTH];
  const approvalScope = scopeCondition(principal, approvalParams);
  const queue = (condition: string) =>
    pool.query<ListRow>(
      `SELECT ${LIST_COLUMNS} FROM complaints c JOIN branches b ON b.id = c.branch_id
        WHERE ${listScope} AND c.status <> 'closed' AND ${condition}
        ORDER BY c.health_safety DESC, c.due_sort, c.id LIMIT $2`,
      listParams,
    );
  const [branches, escalated, owned, approval, mail] = await Promise.all([
    pool.query<{ code: string; name: string; overdue: number; soon: number }>(
      `SELECT b.code, b.name,
              (SELECT count(*)::int FROM complaints c WHERE c.branch_id = b.id AND c.next_due_at < $1) AS overdue,
              (SELECT count(*)::int FROM complaints c WHERE c.branch_id = b.id AND c.due_soon_at <= $1
                  AND c.next_due_at >= $1) AS soon
         FROM branches b WHERE ${branchScope} ORDER BY b.code`,
      branchParams,
    ),
    queue('c.escalated AND (c.owner_id IS NULL OR c.owner_id = $1)'),
    queue('c.owner_id = $1'),
    // R16: the compensation waiting longest first (the partial index complaints_approval_pending).
    pool.query<ListRow>(
      `SELECT ${LIST_COLUMNS} FROM complaints c JOIN branches b ON b.id = c.branch_id
        WHERE ${approvalScope} AND c.approval_pending_since IS NOT NULL
        ORDER BY c.health_safety DESC, c.approval_pending_since, c.id LIMIT $1`,
      approvalParams,
    ),
    unsentMailJobs(pool, principal.scope.kind === 'branches' ? principal.branchIds : undefined),
  ]);
  return {
    branches: branches.rows,
    escalatedToMe: escalated.rows.map((r) => listItem(r, now)),
    ownedByMe: owned.rows.map((r) => listItem(r, now)),
    awaitingApproval: approval.rows.map((r) => listItem(r, now)),
    unsentMail: mail.map((j) => ({
      jobId: j.id,
      entryId: j.entryId,
      branchCode: j.branchCode,
      kind: j.kind,
      state: j.state,
      deadline: j.deadline,
      attempts: j.attempts,
      ...(j.lastError ? { lastError: j.lastError } : {}),
      ...(j.lastErrorKind ? { lastErrorKind: j.lastErrorKind } : {}),
    })),
  };
}

/** "Send again": the job must be one of the user's branches; audited. */
export async function retryMail(
  pool: Pool,
  principal: ConsolePrincipal,
  jobId: string,
  ip?: string,
  now = new Date(),
): Promise<void> {
  assertMayAct(principal);
  await inTransaction(pool, async (client) => {
    const params: unknown[] = [jobId];
    const scope = scopeCondition(principal, params, 'j.branch_id');
    const { rows } = await client.query(`SELECT 1 FROM mail_outbox j WHERE j.id = $1 AND ${scope}`, params);
    if (rows.length === 0)
      throw new HqError(404, 'not_found', 'No such mail job (or not one of your branches).');
    const before = await retryMailJob(client, jobId, now);
    if (!before)
      throw new HqError(409, 'conflict', 'This e-mail is sent already or being sent right now.', {
        reason: 'mail_not_waiting' satisfies ConflictReason,
      });
    await recordAudit(
      client,
      { actor: { kind: 'hq_user', id: principal.user.id, name: principal.user.name }, ...(ip ? { ip } : {}) },
      'mail.retry',
      `mail:${jobId}`,
      { before: { status: before }, after: { status: 'pending' } },
    );
  });
}

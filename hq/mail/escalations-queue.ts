import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Complaint, ComplaintEvent, Milestones } from '../../shared/complaints/model';
import { complaintDueMoments, type DueMoment } from '../../shared/deadlines';
import {
  dueEscalations,
  escalatedData,
  escalationMessageKey,
  nextEscalationAt,
  type EscalationSettings,
} from '../../shared/handling/escalation';
import { timelineOf } from '../../shared/lifecycle/milestones';
import { complaintEscalationMessageId } from '../../shared/mail/complaint-escalation';
import { nextMailAttempt } from '../../shared/mail/policy';
import { branchTx, lockBranch } from '../branches/versions';
import { appendEvents } from '../complaints/history';
import { branchDeadlineInputs, COMPANY_POLICY_COLUMN } from '../db/complaint-rows';
import { escalationOf, parsePolicyLayer } from '../../shared/settings/policy-layers';
import { inTransaction } from '../db/database';
import { claimLeasedJobs } from './lease';

/**
 * R11/R14 (issue 15): HQ escalates a complaint overdue at a due moment — the branch manager first, then the
 * head of sales after the configured delay (shared/handling/escalation `dueEscalations`). Each step is one
 * `escalation_mail` row (migration 009; its key makes the step once, whichever HQ process sees it first)
 * and one `escalated` event appended in the same transaction, which the branch pulls ("escalated to … at
 * …") and the console's queues show. The rows are sent by the mail worker (escalations-send.ts) with the
 * book mail's guarantees. Several HQ processes may run the watch: complaints are taken with SKIP LOCKED.
 */

/** Who the history says escalated: HQ itself. */
const HQ_ACTOR = 'HQ';

/** Complaints the watch looks at per round (the rest wait for the next round). */
const WATCH_BATCH = 200;

interface BranchPeople {
  manager_name: string;
  manager_email: string;
  head_of_sales_name: string;
  head_of_sales_email: string;
}

/**
 * One round of the watch at `now`: returns how many steps it queued. `settings`: HQ's configured delays,
 * the default under each branch's policy layers (R10, hq/branches/policy).
 */
export async function watchComplaintEscalations(
  pool: Pool,
  now: Date,
  settings: EscalationSettings,
): Promise<number> {
  // Overdue now (the earliest open deadline has passed), and due for a look.
  const { rows } = await pool.query<{ id: string; branch_id: number }>(
    `SELECT id, branch_id FROM complaints
      WHERE next_due_at < $1 AND (escalation_check_at IS NULL OR escalation_check_at <= $1)
      ORDER BY next_due_at LIMIT $2`,
    [now.toISOString(), WATCH_BATCH],
  );
  let queued = 0;
  for (const r of rows) queued += await escalateComplaint(pool, r.id, r.branch_id, now, settings);
  return queued;
}

function dueMomentsOf(
  record: Complaint,
  inputs: Awaited<ReturnType<typeof branchDeadlineInputs>>,
  now: Date,
) {
  try {
    return complaintDueMoments(timelineOf(record), inputs.calendar, inputs.policy, now);
  } catch {
    return [] as DueMoment[]; // dates the engine cannot read: nothing is due at HQ (as in the console's row)
  }
}

async function escalateComplaint(
  pool: Pool,
  complaintId: string,
  branchId: number,
  now: Date,
  hqDefault: EscalationSettings,
): Promise<number> {
  return inTransaction(pool, async (client) => {
    await lockBranch(client, branchId); // the branch's lock first, as every writer of its data
    const { rows } = await client.query<
      { record: Complaint; branch_policy: unknown; company_policy: unknown } & BranchPeople
    >(
      `SELECT c.record, b.manager_name, b.manager_email, b.head_of_sales_name, b.head_of_sales_email,
              b.policy AS branch_policy, ${COMPANY_POLICY_COLUMN}
         FROM complaints c JOIN branches b ON b.id = c.branch_id
        WHERE c.id = $1 AND c.branch_id = $2 AND (c.escalation_check_at IS NULL OR c.escalation_check_at <= $3)
        FOR UPDATE OF c SKIP LOCKED`,
      [complaintId, branchId, now.toISOString()],
    );
    const row = rows[0];
    if (!row) return 0; // another process has it, or has just looked
    const moments = dueMomentsOf(row.record, await branchDeadlineInputs(client, branchId), now);
    // R10: the branch's delays as HQ set them (company, then branch layer); HQ's configuration is the default.
    const settings = escalationOf(
      hqDefault,
      parsePolicyLayer(row.company_policy),
      parsePolicyLayer(row.branch_policy),
    );
    const events: ComplaintEvent[] = [];
    for (const step of dueEscalations(moments, row.record.progress, settings, now)) {
      const to =
        step.step === 'branch_manager'
          ? { name: row.manager_name, email: row.manager_email }
          : { name: row.head_of_sales_name, email: row.head_of_sales_email };
      const messageId = complaintEscalationMessageId(complaintId, step.step, step.dueKey);
      const data = escalatedData(step, to, messageId);
      const inserted = await client.query(
        `INSERT INTO escalation_mail (id, complaint_id, branch_id, step, due_key, due_kind, due_at, to_name,
           to_email, message_id, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) ON CONFLICT DO NOTHING`,
        [
          escalationMessageKey(complaintId, step.step, step.dueKey),
          complaintId,
          branchId,
          step.step,
          step.dueKey,
          step.dueKind,
          data.dueAt,
          data.toName,
          data.toEmail,
          messageId,
          now.toISOString(),
        ],
      );
      if (inserted.rowCount === 0) continue;
      events.push({
        id: randomUUID(),
        complaintId,
        type: 'escalated',
        at: now.toISOString(),
        actor: HQ_ACTOR,
        data,
      });
    }
    if (events.length > 0) await appendEvents(branchTx(client, branchId, 4), null, complaintId, events);
    // When to look again: the next step planned with what is recorded now (infinity: none planned).
    const after = await client.query<{ progress: Milestones }>(
      `SELECT record->'progress' AS progress FROM complaints WHERE id = $1`,
      [complaintId],
    );
    const next = nextEscalationAt(moments, after.rows[0]!.progress, settings, now);
    await client.query(`UPDATE complaints SET escalation_check_at = $2 WHERE id = $1`, [
      complaintId,
      next ? next.toISOString() : 'infinity',
    ]);
    return events.length;
  });
}

export interface EscalationMailJob {
  id: string;
  complaint_id: string;
  branch_id: number;
  step: 'branch_manager' | 'head_of_sales';
  due_key: string;
  due_kind: string;
  due_at: string;
  to_name: string;
  to_email: string;
  message_id: string;
  attempts: number;
}

/** Claims due escalation mails and leases them (committed before any SMTP conversation), like claimMailJobs. */
export function claimEscalationMail(
  pool: Pool,
  now: Date,
  options: { limit: number; leaseMs: number },
): Promise<EscalationMailJob[]> {
  return claimLeasedJobs<EscalationMailJob>(
    pool,
    'escalation_mail',
    [
      'id',
      'complaint_id',
      'branch_id',
      'step',
      'due_key',
      'due_kind',
      'due_at',
      'to_name',
      'to_email',
      'message_id',
      'attempts',
    ],
    now,
    options,
  );
}

/** The server has the message: done for good (a late second worker changes nothing). */
export async function recordEscalationSent(pool: Pool, job: EscalationMailJob, sentAt: Date): Promise<void> {
  await pool.query(
    `UPDATE escalation_mail SET status = 'sent', sent_at = $2, leased_until = NULL, last_error = NULL
      WHERE id = $1 AND status = 'pending'`,
    [job.id, sentAt.toISOString()],
  );
}

/** A failed attempt: retried with the mail queue's backoff, or failed for good (an incident for a person). */
export async function recordEscalationFailure(
  pool: Pool,
  job: EscalationMailJob,
  now: Date,
  failure: { permanent: boolean; message: string },
  retryFirstMs?: number,
): Promise<void> {
  const next = nextMailAttempt(job.attempts, now, new Date(job.due_at), retryFirstMs);
  const message = failure.message.slice(0, 2000);
  await inTransaction(pool, async (client) => {
    const updated = await client.query(
      `UPDATE escalation_mail SET status = $2, next_attempt_at = $3, last_error = $4, leased_until = NULL
        WHERE id = $1 AND status = 'pending'`,
      [job.id, failure.permanent ? 'failed' : 'pending', next.toISOString(), message],
    );
    if (failure.permanent && updated.rowCount)
      await client.query(
        `INSERT INTO incidents (branch_id, kind, detail, at) VALUES ($1, 'escalation_mail_failed', $2, $3)`,
        [job.branch_id, JSON.stringify({ job: job.id, error: message }), now.toISOString()],
      );
  });
}

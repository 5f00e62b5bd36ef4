import type { Pool, PoolClient } from 'pg';
import { bookPhotoDeadline } from '../../shared/deadlines';
import { bookEntryMessageId, bookEscalationMessageId } from '../../shared/mail/content';
import {
  deliveredOnTime,
  escalationDue,
  mailDeadline,
  mailJobId,
  nextMailAttempt,
  type MailErrorKind,
  type MailJobKind,
  type MailJobStatus,
} from '../../shared/mail/policy';
import { escalatedTo } from '../../shared/mail/recipients';
import { recordDelivery, recordEscalation, touchEntry } from '../book/entries';
import { nextVersion } from '../branches/versions';
import { branchDeadlineInputs } from '../db/complaint-rows';
import { inTransaction } from '../db/database';

/**
 * HQ's durable mail queue (R7, R8, R11): one row per message to send, in PostgreSQL (table `mail_outbox`,
 * its name since issue 6). The send-decision rules are shared/mail/policy.ts; this module only reads and
 * writes rows, always at a given `now` (the worker's clock, or a simulated one). What it learns about an
 * entry (delivered, escalated, a new error to tell) it records on the entry through hq/book.
 */

export interface MailJob {
  id: string;
  kind: MailJobKind;
  entry_id: string;
  branch_id: number;
  message_id: string;
  deadline: string;
  status: MailJobStatus;
  attempts: number;
  last_error: string | null;
}

/**
 * In the transaction that receives the submitted entry: its mail job, due at once. The deadline is the
 * branch's own (its full calendar) when plausible, else HQ's from country and zone (shared mailDeadline).
 */
export async function enqueueBookMail(
  client: PoolClient,
  entry: { entryId: string; branchId: number; capturedAt: string; deadline?: string },
  now = new Date(),
): Promise<void> {
  // Issue 14: HQ's own deadline uses the calendar extras HQ holds for the branch, like the branch's.
  const { calendar } = await branchDeadlineInputs(client, entry.branchId);
  const capturedAt = new Date(entry.capturedAt);
  const own = bookPhotoDeadline(capturedAt, calendar);
  const { deadline, source } = mailDeadline(entry.deadline, capturedAt, own, calendar.timeZone);
  await client.query(
    `INSERT INTO mail_outbox (id, kind, entry_id, branch_id, message_id, deadline, next_attempt_at, created_at,
       deadline_source)
     VALUES ($1, 'book_entry', $2, $3, $4, $5, $6, $6, $7) ON CONFLICT (id) DO NOTHING`,
    [
      mailJobId('book_entry', entry.entryId),
      entry.entryId,
      entry.branchId,
      bookEntryMessageId(entry.entryId),
      deadline.toISOString(),
      now.toISOString(),
      source,
    ],
  );
}

/**
 * Claims up to `limit` jobs that are due and ready (every photo of the entry is stored), and leases them to
 * the caller until `now + leaseMs`. The claim is committed before any SMTP conversation starts: the attempt
 * (and the Message-ID it will carry) is on record. `SKIP LOCKED` plus the lease keep concurrent workers
 * (several processes, several HQ nodes) off each other's jobs.
 */
export async function claimMailJobs(
  pool: Pool,
  now: Date,
  options: { limit: number; leaseMs: number },
): Promise<MailJob[]> {
  const { rows } = await pool.query<MailJob>(
    `UPDATE mail_outbox o
        SET attempts = o.attempts + 1, last_attempt_at = $1,
            leased_until = $1::timestamptz + $2 * interval '1 millisecond'
      WHERE o.id IN (
        SELECT j.id FROM mail_outbox j
         WHERE j.status = 'pending' AND j.next_attempt_at <= $1
           AND (j.leased_until IS NULL OR j.leased_until <= $1)
           -- A count per job, not NOT EXISTS: the planner would hash the whole view once (every page of every
           -- entry) instead of looking up the few pages of each due job.
           AND (j.kind = 'escalation' OR (
                 SELECT count(*) FROM book_entry_photos_missing m WHERE m.entry_id = j.entry_id) = 0)
         ORDER BY j.deadline
         LIMIT $3
         FOR UPDATE OF j SKIP LOCKED)
      RETURNING o.id, o.kind, o.entry_id, o.branch_id, o.message_id, o.deadline, o.status, o.attempts,
                o.last_error`,
    [now.toISOString(), options.leaseMs, options.limit],
  );
  return rows;
}

/**
 * The SMTP server (or the `.eml` folder) has the message: the job is done for good. For an entry's own
 * message, the R8 delivery record goes to the entry and is synced down to the branch.
 */
export async function recordSent(
  pool: Pool,
  job: MailJob,
  sent: { sentAt: Date; to: string[]; cc: string[]; toName?: string },
): Promise<void> {
  const onTime = deliveredOnTime(sent.sentAt, new Date(job.deadline));
  await inTransaction(pool, async (client) => {
    const updated = await client.query(
      `UPDATE mail_outbox SET status = 'sent', sent_at = $2, recipients = $3, on_time = $4, leased_until = NULL,
              last_error = NULL
        WHERE id = $1 AND status = 'pending'`,
      [job.id, sent.sentAt.toISOString(), JSON.stringify({ to: sent.to, cc: sent.cc }), onTime],
    );
    if (updated.rowCount === 0 || job.kind !== 'book_entry') return;
    const delivery = {
      sentAt: sent.sentAt.toISOString(),
      to: sent.to,
      cc: sent.cc,
      messageId: job.message_id,
      onTime,
      ...(sent.toName ? { toName: sent.toName } : {}),
    };
    await recordDelivery(client, job.entry_id, delivery, await nextVersion(client, job.branch_id));
  });
}

/**
 * A failed attempt: retried with backoff, or, when permanent, failed for good and left for a person. When
 * what the branch would be told changes (first error, another kind or wording, failed for good), the entry
 * gets a new version so the branch's next pull carries the mail state.
 */
export async function recordFailure(
  pool: Pool,
  job: MailJob,
  now: Date,
  failure: { kind: MailErrorKind; message: string },
  retryFirstMs?: number,
): Promise<void> {
  const next = nextMailAttempt(job.attempts, now, new Date(job.deadline), retryFirstMs);
  const permanent = failure.kind === 'permanent';
  const message = failure.message.slice(0, 2000);
  await inTransaction(pool, async (client) => {
    const before = await client.query<{ last_error: string | null; last_error_kind: string | null }>(
      `SELECT last_error, last_error_kind FROM mail_outbox WHERE id = $1 AND status = 'pending' FOR UPDATE`,
      [job.id],
    );
    const old = before.rows[0];
    if (!old) return;
    await client.query(
      `UPDATE mail_outbox SET status = $2, next_attempt_at = $3, last_error = $4, last_error_kind = $5,
              leased_until = NULL
        WHERE id = $1 AND status = 'pending'`,
      [job.id, permanent ? 'failed' : 'pending', next.toISOString(), message, failure.kind],
    );
    const changed = permanent || old.last_error_kind !== failure.kind || old.last_error !== message;
    if (changed && job.kind === 'book_entry')
      await touchEntry(client, job.entry_id, await nextVersion(client, job.branch_id));
    if (permanent)
      await client.query(
        `INSERT INTO incidents (branch_id, kind, detail, at) VALUES ($1, 'mail_failed', $2, $3)`,
        [job.branch_id, JSON.stringify({ job: job.id, error: message }), now.toISOString()],
      );
  });
}

/**
 * R11 deadline watch: entries whose mail is not out by the deadline (photos missing, SMTP failing) or failed
 * for good get one escalation job each (the unique (entry_id, kind) makes "once" hold across workers), and
 * the entry's `escalated_at` goes down to the branch. Returns the entries escalated now. Branch by branch in
 * the order of their ids, as a save of the company's policy locks them all (hq/branches/policy.ts): in the
 * order of the deadlines, the two could each hold a branch the other waits for.
 */
export async function watchDeadlines(pool: Pool, now: Date): Promise<string[]> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{
      entry_id: string;
      branch_id: number;
      status: MailJobStatus;
      deadline: string;
      escalated: boolean;
      head_of_sales_name: string;
      head_of_sales_email: string;
    }>(
      `SELECT j.entry_id, j.branch_id, j.status, j.deadline, false AS escalated, b.head_of_sales_name,
              b.head_of_sales_email
         FROM mail_outbox j JOIN branches b ON b.id = j.branch_id
        WHERE j.kind = 'book_entry' AND j.status <> 'sent' AND (j.deadline <= $1 OR j.status = 'failed')
          AND NOT EXISTS (SELECT 1 FROM mail_outbox x WHERE x.entry_id = j.entry_id AND x.kind = 'escalation')
        ORDER BY j.branch_id, j.deadline
        FOR UPDATE OF j SKIP LOCKED`,
      [now.toISOString()],
    );
    const escalated: string[] = [];
    for (const r of rows) {
      const facts = { status: r.status, deadline: new Date(r.deadline), escalated: r.escalated };
      if (!escalationDue(facts, now)) continue;
      const inserted = await client.query(
        `INSERT INTO mail_outbox (id, kind, entry_id, branch_id, message_id, deadline, next_attempt_at, created_at)
         VALUES ($1, 'escalation', $2, $3, $4, $5, $6, $6) ON CONFLICT DO NOTHING`,
        [
          mailJobId('escalation', r.entry_id),
          r.entry_id,
          r.branch_id,
          bookEscalationMessageId(r.entry_id),
          r.deadline,
          now.toISOString(),
        ],
      );
      if (inserted.rowCount === 0) continue;
      const to = escalatedTo({
        headOfSalesName: r.head_of_sales_name,
        headOfSalesEmail: r.head_of_sales_email,
      });
      await recordEscalation(client, r.entry_id, { at: now, to }, await nextVersion(client, r.branch_id));
      escalated.push(r.entry_id);
    }
    return escalated;
  });
}

/** Where the entry's own mail job stands, for its escalation e-mail (R11); none before the entry is submitted. */
export async function bookMailJobOf(
  pool: Pool,
  entryId: string,
): Promise<
  | { status: MailJobStatus; attempts: number; lastError: string | null; lastErrorKind: MailErrorKind | null }
  | undefined
> {
  const { rows } = await pool.query<{
    status: MailJobStatus;
    attempts: number;
    last_error: string | null;
    last_error_kind: MailErrorKind | null;
  }>(
    `SELECT status, attempts, last_error, last_error_kind FROM mail_outbox
      WHERE entry_id = $1 AND kind = 'book_entry'`,
    [entryId],
  );
  const r = rows[0];
  return r
    ? { status: r.status, attempts: r.attempts, lastError: r.last_error, lastErrorKind: r.last_error_kind }
    : undefined;
}

/**
 * "Send again" (issue 14, the console's unsent-mail queue): a job not sent yet is due at once; one that
 * failed for good goes back to the queue with its attempts kept (the address was fixed meanwhile). A job
 * a worker holds right now is left to it. The entry gets a new version when its state for the branch
 * changes (failed → queued). Returns the status it had, or undefined when there was nothing to retry.
 */
export async function retryMailJob(
  client: PoolClient,
  jobId: string,
  now: Date,
): Promise<MailJobStatus | undefined> {
  const { rows } = await client.query<{
    status: MailJobStatus;
    kind: MailJobKind;
    entry_id: string;
    branch_id: number;
  }>(
    `SELECT status, kind, entry_id, branch_id FROM mail_outbox
      WHERE id = $1 AND status <> 'sent' AND (leased_until IS NULL OR leased_until <= $2) FOR UPDATE`,
    [jobId, now.toISOString()],
  );
  const job = rows[0];
  if (!job) return undefined;
  await client.query(`UPDATE mail_outbox SET status = 'pending', next_attempt_at = $2 WHERE id = $1`, [
    jobId,
    now.toISOString(),
  ]);
  if (job.status === 'failed' && job.kind === 'book_entry')
    await touchEntry(client, job.entry_id, await nextVersion(client, job.branch_id));
  return job.status;
}

import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Complaint } from '../../shared/complaints/model';
import {
  documentMailJobId,
  documentMessageId,
  documentsToEmail,
  type EmailedDocument,
} from '../../shared/documents/email-copy';
import { HANDLING_EVENT_DATA } from '../../shared/handling/event-data';
import { nextMailAttempt } from '../../shared/mail/policy';
import type { Language } from '../../shared/settings/workstation';
import { branchTx, lockBranch } from '../branches/versions';
import { appendEvents } from '../complaints/history';
import { inTransaction } from '../db/database';
import { claimLeasedJobs } from './lease';

/**
 * Issue 16 item 5: the queue of the customer's e-mail copies (table `document_mail`, migration 011). Rows
 * are written in the transaction that brings a registration or a decision to HQ (hq/sync/dispatch), so a
 * received complaint is never left without its copy; sent through the mail worker's rounds with the
 * feedback-book mail's guarantees; a sent copy becomes a `document_emailed` event in the complaint's
 * history, which the branch receives with its next pull.
 */

export interface DocumentMailJob {
  id: string;
  complaint_id: string;
  branch_id: number;
  document: EmailedDocument;
  /** The decision a decision letter is for (its `decidedAt`; migration 012); null for acknowledgements. */
  decided_at: string | null;
  message_id: string;
  attempts: number;
  created_at: string;
}

/** How long HQ keeps retrying a copy before it is failed for good: the backoff's horizon. */
const RETRY_HORIZON_MS = 3 * 86_400_000;
/** The HQ actor of the history line (the branch shows it as who sent the copy). */
export const HQ_ACTOR = 'HQ';

/** Queues the copies the complaint's customer is due now (none without consent and address); idempotent. */
export async function enqueueDocumentMail(
  client: PoolClient,
  complaintId: string,
  now: Date,
): Promise<number> {
  const { rows } = await client.query<{ branch_id: number; record: Complaint }>(
    'SELECT branch_id, record FROM complaints WHERE id = $1',
    [complaintId],
  );
  const c = rows[0];
  return c ? enqueueDocumentMails(client, c.branch_id, [c.record], now) : 0;
}

/**
 * The same for complaints just stored in this transaction, as they were stored (the set-based registration,
 * hq/sync/batch.ts): one statement for all of them, none when no customer is due a copy (the usual case).
 */
export async function enqueueDocumentMails(
  client: PoolClient,
  branchId: number,
  records: readonly Complaint[],
  now: Date,
): Promise<number> {
  const jobs = records.flatMap((record) =>
    documentsToEmail(record).map((kind) => {
      // Issue 16 item 5: a decision letter per decision (a reopened complaint decided again gets another).
      const decidedAt = kind === 'decision_letter' ? record.progress.decidedAt : undefined;
      return {
        id: documentMailJobId(kind, record.id, decidedAt),
        complaint_id: record.id,
        document: kind,
        decided_at: decidedAt ?? null,
        message_id: documentMessageId(kind, record.id, decidedAt),
      };
    }),
  );
  if (jobs.length === 0) return 0;
  const inserted = await client.query(
    `INSERT INTO document_mail (id, complaint_id, branch_id, document, decided_at, message_id, next_attempt_at,
       created_at)
     SELECT x.id, x.complaint_id, $2, x.document, x.decided_at, x.message_id, $3, $3
     FROM jsonb_to_recordset($1::jsonb)
       AS x(id text, complaint_id uuid, document text, decided_at text, message_id text)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(jobs), branchId, now.toISOString()],
  );
  return inserted.rowCount ?? 0;
}

/** Claims due copies and leases them (committed before any SMTP conversation), like claimMailJobs. */
export function claimDocumentMail(
  pool: Pool,
  now: Date,
  options: { limit: number; leaseMs: number },
): Promise<DocumentMailJob[]> {
  return claimLeasedJobs<DocumentMailJob>(
    pool,
    'document_mail',
    ['id', 'complaint_id', 'branch_id', 'document', 'decided_at', 'message_id', 'attempts', 'created_at'],
    now,
    options,
  );
}

/**
 * The server has the copy: the row is sent for good and the complaint's history gets its `document_emailed`
 * line, in one transaction (a second worker finishing the same job late writes nothing).
 */
export async function recordDocumentSent(
  pool: Pool,
  job: DocumentMailJob,
  sent: { at: Date; to: string; language: Language },
): Promise<void> {
  await inTransaction(pool, async (client) => {
    await lockBranch(client, job.branch_id); // the branch's lock first, as every writer of its data
    const updated = await client.query(
      `UPDATE document_mail SET status = 'sent', sent_at = $2, recipient = $3, language = $4,
              leased_until = NULL, last_error = NULL
        WHERE id = $1 AND status = 'pending'`,
      [job.id, sent.at.toISOString(), sent.to, sent.language],
    );
    if (updated.rowCount === 0) return;
    const data = HANDLING_EVENT_DATA.document_emailed.parse({
      document: job.document,
      language: sent.language,
      to: sent.to,
      messageId: job.message_id,
    });
    await appendEvents(branchTx(client, job.branch_id, 1), null, job.complaint_id, [
      {
        id: randomUUID(),
        complaintId: job.complaint_id,
        type: 'document_emailed',
        at: sent.at.toISOString(),
        actor: HQ_ACTOR,
        data,
      },
    ]);
  });
}

/** Nothing to send any more (consent withdrawn, decision reopened): done, without a history line. */
export async function recordDocumentSkipped(pool: Pool, job: DocumentMailJob, why: string): Promise<void> {
  await pool.query(
    `UPDATE document_mail SET status = 'skipped', leased_until = NULL, last_error = $2
      WHERE id = $1 AND status = 'pending'`,
    [job.id, why.slice(0, 2000)],
  );
}

/** A failed attempt: retried with the mail queue's backoff, or failed for good (an incident for a person). */
export async function recordDocumentFailure(
  pool: Pool,
  job: DocumentMailJob,
  now: Date,
  failure: { permanent: boolean; message: string },
  retryFirstMs?: number,
): Promise<void> {
  const horizon = new Date(new Date(job.created_at).getTime() + RETRY_HORIZON_MS);
  const next = nextMailAttempt(job.attempts, now, horizon, retryFirstMs);
  const message = failure.message.slice(0, 2000);
  await inTransaction(pool, async (client) => {
    const updated = await client.query(
      `UPDATE document_mail SET status = $2, next_attempt_at = $3, last_error = $4, leased_until = NULL
        WHERE id = $1 AND status = 'pending'`,
      [job.id, failure.permanent ? 'failed' : 'pending', next.toISOString(), message],
    );
    if (failure.permanent && updated.rowCount)
      await client.query(
        `INSERT INTO incidents (branch_id, kind, detail, at) VALUES ($1, 'document_mail_failed', $2, $3)`,
        [job.branch_id, JSON.stringify({ job: job.id, error: message }), now.toISOString()],
      );
  });
}

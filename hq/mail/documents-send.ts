import type { Pool } from 'pg';
import { isPermanentFailure } from '../../shared/mail/policy';
import { composeDocumentMail } from './documents-compose';
import {
  claimDocumentMail,
  recordDocumentFailure,
  recordDocumentSent,
  recordDocumentSkipped,
  type DocumentMailJob,
} from './documents-queue';
import type { MailTransport } from './transport';

export interface DocumentRound {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
}

/**
 * Issue 16 item 5: one pass over the due customer copies, run by the mail worker after the feedback-book
 * mail in each round (hq/mail/worker.ts). Every claimed copy is sent, retried later, failed for good or
 * skipped; the outcome is on record before the next one starts.
 */
export async function sendDocumentMails(o: {
  pool: Pool;
  transport: MailTransport;
  leaseMs: number;
  clock: () => Date;
  batch?: number;
  retryFirstMs?: number;
}): Promise<DocumentRound> {
  const round: DocumentRound = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  for (;;) {
    const jobs = await claimDocumentMail(o.pool, o.clock(), { limit: o.batch ?? 5, leaseMs: o.leaseMs });
    if (jobs.length === 0) return round;
    for (const job of jobs) round[await sendOne(o, job)] += 1;
  }
}

async function sendOne(
  o: { pool: Pool; transport: MailTransport; clock: () => Date; retryFirstMs?: number },
  job: DocumentMailJob,
): Promise<keyof DocumentRound> {
  let sentTo: string;
  let language;
  try {
    const composed = await composeDocumentMail(o.pool, job, o.clock());
    if (!composed) {
      await recordDocumentSkipped(o.pool, job, 'no longer due (consent, address or decision changed)');
      return 'skipped';
    }
    const accepted = await o.transport.send(composed.mail);
    if (!accepted.to.includes(composed.to))
      throw Object.assign(new Error('recipient refused'), { responseCode: 550 });
    sentTo = composed.to;
    language = composed.language;
  } catch (error) {
    const e = error as { message?: string; responseCode?: number; code?: string };
    const permanent = isPermanentFailure(e);
    const message = `${e.code ? `${e.code}: ` : ''}${e.message ?? String(error)}`;
    await recordDocumentFailure(o.pool, job, o.clock(), { permanent, message }, o.retryFirstMs);
    console.error(
      `[hq] document mail ${job.id} attempt ${job.attempts} ${permanent ? 'FAILED for good' : 'failed, will retry'}: ${message}`,
    );
    return permanent ? 'failed' : 'retrying';
  }
  await recordDocumentSent(o.pool, job, { at: o.clock(), to: sentTo, language });
  console.log(`[hq] document mail ${job.id} sent ${job.message_id}`);
  return 'sent';
}

import type { Pool } from 'pg';
import { isPermanentFailure, type MailErrorKind } from '../../shared/mail/policy';
import { DirectoryIncomplete } from '../../shared/mail/recipients';
import type { BlobStore } from '../blobs/store';
import type { FaultPoints } from '../faults';
import { DEFAULT_ESCALATION, type EscalationSettings } from '../../shared/handling/escalation';
import { composeMail } from './compose';
import { sendEscalationMails, type EscalationRound } from './escalations-send';
import { watchComplaintEscalations } from './escalations-queue';
import { sendDocumentMails, type DocumentRound } from './documents-send';
import { claimMailJobs, recordFailure, recordSent, watchDeadlines, type MailJob } from './queue';
import type { MailTransport } from './transport';

export interface MailWorkerOptions {
  pool: Pool;
  blobs: BlobStore;
  transport: MailTransport;
  /** How long a claimed job belongs to this worker; longer than any SMTP conversation can last. */
  leaseMs: number;
  /** The first wait before a failed mail is tried again (MAIL_RETRY_FIRST_MS; 30 s by default). */
  retryFirstMs?: number;
  /** The worker's clock: real time, or a simulated one in the time-travel test. */
  clock?: () => Date;
  faults?: FaultPoints;
  batch?: number;
  /** Issue 15 (R11): when overdue complaints go to the branch manager, then the head of sales. */
  escalation?: EscalationSettings;
}

export interface MailRound {
  sent: number;
  retrying: number;
  failed: number;
  escalated: number;
  /** Issue 15 (R11, R14): complaint escalation steps queued this round, and their mails. */
  complaints?: EscalationRound & { queued: number };
  /** Issue 16: the customers' e-mail copies of their documents, sent after the feedback-book mail. */
  documents?: DocumentRound;
}

/**
 * Sends what the mail queue holds (R7), records delivery (R8) and escalates overdue entries (R11). Runs inside
 * HQ (interval + wake-up on pushes and photo uploads) or as `npm run hq -- mail-worker`; any number of
 * workers may run against one database.
 */
export class MailWorker {
  private readonly clock: () => Date;
  private running: Promise<MailRound> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: MailWorkerOptions) {
    this.clock = o.clock ?? (() => new Date());
  }

  /** One round: the deadline watch, then every due and ready job until none is left. */
  async runOnce(): Promise<MailRound> {
    const round: MailRound = { sent: 0, retrying: 0, failed: 0, escalated: 0 };
    round.escalated = (await watchDeadlines(this.o.pool, this.clock())).length;
    for (;;) {
      const jobs = await claimMailJobs(this.o.pool, this.clock(), {
        limit: this.o.batch ?? 5,
        leaseMs: this.o.leaseMs,
      });
      if (jobs.length === 0) break;
      for (const job of jobs) round[await this.send(job)] += 1;
    }
    const queued = await watchComplaintEscalations(
      this.o.pool,
      this.clock(),
      this.o.escalation ?? DEFAULT_ESCALATION,
    );
    round.complaints = { queued, ...(await sendEscalationMails({ ...this.o, clock: this.clock })) };
    round.documents = await sendDocumentMails({ ...this.o, clock: this.clock });
    return round;
  }

  private async send(job: MailJob): Promise<'sent' | 'retrying' | 'failed'> {
    let accepted: { to: string[]; cc: string[] };
    let toName: string | undefined;
    try {
      const mail = await composeMail(this.o.pool, this.o.blobs, job);
      accepted = await this.o.transport.send(mail);
      // R8 "delivered to <manager>": the directory's name of the first recipient the server accepted.
      toName = mail.to.find((p) => accepted.to.includes(p.address) && p.name?.trim())?.name?.trim();
    } catch (error) {
      const e = error as { message?: string; responseCode?: number; code?: string };
      const kind: MailErrorKind =
        error instanceof DirectoryIncomplete
          ? 'directory'
          : isPermanentFailure(e)
            ? 'permanent'
            : 'transient';
      const permanent = kind === 'permanent';
      const message = `${e.code ? `${e.code}: ` : ''}${e.message ?? String(error)}`;
      await recordFailure(this.o.pool, job, this.clock(), { kind, message }, this.o.retryFirstMs);
      console.error(
        `[hq] mail ${job.id} attempt ${job.attempts} ${permanent ? 'FAILED for good' : 'failed, will retry'}: ${message}`,
      );
      return permanent ? 'failed' : 'retrying';
    }
    await this.o.faults?.reach('mail.afterSend');
    await recordSent(this.o.pool, job, { sentAt: this.clock(), ...accepted, ...(toName ? { toName } : {}) });
    await this.o.faults?.reach('mail.afterRecord');
    console.log(`[hq] mail ${job.id} sent ${job.message_id} to ${accepted.to.join(', ')}`);
    return 'sent';
  }

  /** Runs a round now (or right after the current one): a push or a photo may have made a job ready. */
  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runOnce()
      .catch((error: unknown) => {
        console.error('[hq] mail worker round failed:', error instanceof Error ? error.message : error);
        return { sent: 0, retrying: 0, failed: 0, escalated: 0 };
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  start(intervalMs: number): void {
    this.wake();
    this.timer = setInterval(() => this.wake(), intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.again = false;
    await this.running;
    this.o.transport.close();
  }
}

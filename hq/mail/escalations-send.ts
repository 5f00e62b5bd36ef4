import i18next from 'i18next';
import type { Pool } from 'pg';
import type { Complaint } from '../../shared/complaints/model';
import { complaintEscalationContent } from '../../shared/mail/complaint-escalation';
import type { Translate } from '../../shared/mail/content';
import { isPermanentFailure } from '../../shared/mail/policy';
import { isLanguage, LANGUAGES } from '../../shared/settings/workstation';
import cs from '../../locales/cs/escalation.json';
import csComplaints from '../../locales/cs/complaints.json';
import csLifecycle from '../../locales/cs/lifecycle.json';
import csMail from '../../locales/cs/mail.json';
import en from '../../locales/en/escalation.json';
import enComplaints from '../../locales/en/complaints.json';
import enLifecycle from '../../locales/en/lifecycle.json';
import enMail from '../../locales/en/mail.json';
import ko from '../../locales/ko/escalation.json';
import koComplaints from '../../locales/ko/complaints.json';
import koLifecycle from '../../locales/ko/lifecycle.json';
import koMail from '../../locales/ko/mail.json';
import ru from '../../locales/ru/escalation.json';
import ruComplaints from '../../locales/ru/complaints.json';
import ruLifecycle from '../../locales/ru/lifecycle.json';
import ruMail from '../../locales/ru/mail.json';
import uk from '../../locales/uk/escalation.json';
import ukComplaints from '../../locales/uk/complaints.json';
import ukLifecycle from '../../locales/uk/lifecycle.json';
import ukMail from '../../locales/uk/mail.json';
import {
  claimEscalationMail,
  recordEscalationFailure,
  recordEscalationSent,
  type EscalationMailJob,
} from './escalations-queue';
import type { MailTransport, OutgoingMail } from './transport';

/**
 * R11/R14 (issue 15): sends the queued complaint escalations (escalations-queue.ts) in the branch's
 * language, one message per row with the row's deterministic Message-ID, and records each attempt like the
 * book mail: leased before the SMTP conversation, retried with backoff, failed for good on a 5xx.
 */

const i18n = i18next.createInstance();
void i18n.init({
  resources: {
    ru: { escalation: ru, mail: ruMail, complaints: ruComplaints, lifecycle: ruLifecycle },
    uk: { escalation: uk, mail: ukMail, complaints: ukComplaints, lifecycle: ukLifecycle },
    en: { escalation: en, mail: enMail, complaints: enComplaints, lifecycle: enLifecycle },
    cs: { escalation: cs, mail: csMail, complaints: csComplaints, lifecycle: csLifecycle },
    ko: { escalation: ko, mail: koMail, complaints: koComplaints, lifecycle: koLifecycle },
  },
  ns: ['escalation', 'mail', 'complaints', 'lifecycle'],
  defaultNS: 'escalation',
  supportedLngs: [...LANGUAGES],
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
});

function translator(language: string): Translate {
  const t = i18n.getFixedT(isLanguage(language) ? language : 'en');
  return (key, params) => String((t as (k: string, p?: unknown) => unknown)(key, params));
}

export class EscalationAddressMissing extends Error {}

/** The message of one queued step, from the complaint and its branch as HQ has them now. */
export async function composeEscalationMail(pool: Pool, job: EscalationMailJob): Promise<OutgoingMail> {
  const { rows } = await pool.query<{
    record: Complaint;
    code: string;
    name: string;
    language: string;
    time_zone: string;
    manager_told_at: string | null;
  }>(
    `SELECT c.record, b.code, b.name, b.language, b.time_zone,
            (SELECT min(created_at) FROM escalation_mail m
              WHERE m.complaint_id = c.id AND m.due_key = $2 AND m.step = 'branch_manager') AS manager_told_at
       FROM complaints c JOIN branches b ON b.id = c.branch_id WHERE c.id = $1 AND c.branch_id = $3`,
    [job.complaint_id, job.due_key, job.branch_id],
  );
  const r = rows[0];
  if (!r) throw new Error(`complaint ${job.complaint_id} is gone`);
  // A directory without the address: retried (someone fills it in), as the book mail does.
  if (!job.to_email.trim())
    throw new EscalationAddressMissing(
      `branch ${r.code} has no e-mail for the ${job.step.replace(/_/g, ' ')}`,
    );
  const c = r.record;
  const content = complaintEscalationContent(translator(r.language), {
    step: job.step,
    complaintNumber: c.number,
    branchCode: r.code,
    branchName: r.name,
    toName: job.to_name,
    dueKind: job.due_kind,
    dueAt: new Date(job.due_at),
    receivedAt: new Date(c.receivedAt),
    status: c.status,
    customerName: c.customer.name,
    summary: c.description,
    healthAndSafety: c.healthAndSafety,
    ...(job.step === 'head_of_sales' && r.manager_told_at
      ? { managerToldAt: new Date(r.manager_told_at) }
      : {}),
    language: r.language,
    timeZone: r.time_zone,
  });
  return {
    to: [{ name: job.to_name, address: job.to_email.trim() }],
    cc: [],
    ...content,
    messageId: job.message_id,
    attachments: [],
  };
}

export interface EscalationRound {
  sent: number;
  retrying: number;
  failed: number;
}

/** Sends every due escalation mail until none is left. */
export async function sendEscalationMails(o: {
  pool: Pool;
  transport: MailTransport;
  clock: () => Date;
  leaseMs: number;
  batch?: number;
  retryFirstMs?: number;
}): Promise<EscalationRound> {
  const round: EscalationRound = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const jobs = await claimEscalationMail(o.pool, o.clock(), { limit: o.batch ?? 5, leaseMs: o.leaseMs });
    if (jobs.length === 0) return round;
    for (const job of jobs) {
      try {
        await o.transport.send(await composeEscalationMail(o.pool, job));
      } catch (error) {
        const e = error as { message?: string; responseCode?: number; code?: string };
        const permanent = !(error instanceof EscalationAddressMissing) && isPermanentFailure(e);
        const message = `${e.code ? `${e.code}: ` : ''}${e.message ?? String(error)}`;
        await recordEscalationFailure(o.pool, job, o.clock(), { permanent, message }, o.retryFirstMs);
        console.error(`[hq] escalation mail ${job.id} attempt ${job.attempts} failed: ${message}`);
        round[permanent ? 'failed' : 'retrying'] += 1;
        continue;
      }
      await recordEscalationSent(o.pool, job, o.clock());
      console.log(`[hq] escalation mail ${job.id} sent ${job.message_id} to ${job.to_email}`);
      round.sent += 1;
    }
  }
}

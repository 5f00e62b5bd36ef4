import i18next from 'i18next';
import type { Pool } from 'pg';
import { bookMailAttachments, bookMailContent, type Translate } from '../../shared/book/mail';
import { branchSafeError, missingPhotos } from '../../shared/book/outbox';
import { isLanguage } from '../../shared/settings/workstation';
import cs from '../../locales/cs/mail.json';
import en from '../../locales/en/mail.json';
import ko from '../../locales/ko/mail.json';
import ru from '../../locales/ru/mail.json';
import uk from '../../locales/uk/mail.json';
import type { BlobStore } from '../blobs/store';
import type { MailJob } from './outbox';

/** The R7 message of an entry, or its R11 escalation, as nodemailer takes it (SMTP and `.eml` alike). */
export interface OutgoingMail {
  to: Array<{ name: string; address: string }>;
  cc: Array<{ name: string; address: string }>;
  subject: string;
  text: string;
  messageId: string;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
}

/** Why a message cannot be made yet: the admin has to complete the branch directory (retried). */
export class DirectoryIncomplete extends Error {}

const i18n = i18next.createInstance();
void i18n.init({
  resources: { ru: { mail: ru }, uk: { mail: uk }, en: { mail: en }, cs: { mail: cs }, ko: { mail: ko } },
  ns: ['mail'],
  defaultNS: 'mail',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
});

function translator(language: string): Translate {
  const t = i18n.getFixedT(isLanguage(language) ? language : 'en', 'mail');
  return (key, params) => String((t as (k: string, p?: unknown) => unknown)(key, params));
}

interface EntryRow {
  captured_at: string;
  captured_by: string;
  complaint_number: string | null;
  page_hashes: string[];
  summary: string | null;
  code: string;
  name: string;
  time_zone: string;
  language: string;
  manager_name: string;
  manager_email: string;
  head_of_sales_name: string;
  head_of_sales_email: string;
}

const person = (name: string, address: string) => ({ name, address });

/** Builds the message of a claimed job from the entry, its branch directory and the stored photos. */
export async function composeMail(pool: Pool, blobs: BlobStore, job: MailJob): Promise<OutgoingMail> {
  const { rows } = await pool.query<EntryRow>(
    `SELECT e.captured_at, e.captured_by, e.complaint_number, e.page_hashes, c.record->>'description' AS summary,
            b.code, b.name, b.time_zone, b.language, b.manager_name, b.manager_email, b.head_of_sales_name,
            b.head_of_sales_email
       FROM book_entries e JOIN branches b ON b.id = e.branch_id LEFT JOIN complaints c ON c.id = e.complaint_id
      WHERE e.id = $1`,
    [job.entry_id],
  );
  const e = rows[0];
  if (!e) throw new Error(`entry ${job.entry_id} is gone`);
  const hashes = e.page_hashes ?? [];
  const t = translator(e.language);
  const data = {
    entryId: job.entry_id,
    complaintNumber: e.complaint_number ?? undefined,
    branchCode: e.code,
    branchName: e.name,
    employee: e.captured_by,
    capturedAt: new Date(e.captured_at),
    deadline: new Date(job.deadline),
    summary: e.summary ?? '',
    pageCount: hashes.length,
    managerName: e.manager_name,
    language: e.language,
    timeZone: e.time_zone,
    fallback: false,
  };
  const base = bookMailContent(t, data);
  const manager = e.manager_email ? [person(e.manager_name, e.manager_email)] : [];
  const headOfSales = e.head_of_sales_email ? [person(e.head_of_sales_name, e.head_of_sales_email)] : [];

  if (job.kind === 'escalation') {
    if (headOfSales.length === 0)
      throw new DirectoryIncomplete(`branch ${e.code} has no head-of-sales e-mail`);
    const arrived = new Set(
      (
        await pool.query<{ sha256: string }>('SELECT sha256 FROM photos WHERE sha256 = ANY($1)', [hashes])
      ).rows.map((r) => r.sha256),
    );
    const missing = missingPhotos(hashes, arrived);
    const { rows: jobRows } = await pool.query<{
      status: string;
      attempts: number;
      last_error: string | null;
    }>(`SELECT status, attempts, last_error FROM mail_outbox WHERE entry_id = $1 AND kind = 'book_entry'`, [
      job.entry_id,
    ]);
    const main = jobRows[0];
    const state =
      main?.status === 'failed' ? 'failed' : missing.length > 0 || !main?.attempts ? 'waiting' : 'retrying';
    const when = (d: Date) =>
      new Intl.DateTimeFormat(e.language, {
        timeZone: e.time_zone,
        dateStyle: 'long',
        timeStyle: 'short',
      }).format(d);
    const deadline = when(data.deadline);
    const number = e.complaint_number ?? t('noNumber');
    const lines = [
      e.head_of_sales_name ? t('greetingNamed', { name: e.head_of_sales_name }) : t('greeting'),
      '',
      t('escalation.intro'),
      '',
      `${t('fields.number')}: ${number}`,
      `${t('fields.branch')}: ${e.name} (${e.code})`,
      `${t('fields.employee')}: ${e.captured_by}`,
      `${t('fields.capturedAt')}: ${when(data.capturedAt)}`,
      `${t('fields.deadline')}: ${deadline}`,
      `${t('fields.summary')}: ${data.summary.trim() || t('noSummary')}`,
      `${t('escalation.manager')}: ${e.manager_name} <${e.manager_email}>`,
      `${t('escalation.pages')}: ${t('escalation.pagesValue', { arrived: hashes.length - missing.length, total: hashes.length })}`,
      `${t('escalation.status')}: ${t(`escalation.statusValue.${state}`)}`,
      ...(main?.last_error ? [`${t('escalation.lastError')}: ${branchSafeError(main.last_error)}`] : []),
      '',
      t('signature'),
    ];
    return {
      to: headOfSales,
      cc: manager,
      subject: t('escalation.subject', { branch: `${e.name} (${e.code})`, number, deadline }),
      text: lines.join('\n'),
      messageId: job.message_id,
      attachments: [],
    };
  }

  if (manager.length === 0) throw new DirectoryIncomplete(`branch ${e.code} has no manager e-mail`);
  const { rows: pages } = await pool.query<{ sha256: string; mime: string }>(
    'SELECT DISTINCT ON (sha256) sha256, mime FROM book_pages WHERE entry_id = $1 ORDER BY sha256',
    [job.entry_id],
  );
  const mimeOf = new Map(pages.map((p) => [p.sha256, p.mime]));
  const files = await Promise.all(
    hashes.map(async (sha, i) => {
      const content = await blobs.read(sha);
      if (!content) throw new Error(`photo ${sha} is not in the blob store`);
      return { pageNo: i + 1, mime: mimeOf.get(sha) ?? 'image/jpeg', content };
    }),
  );
  return {
    to: manager,
    cc: headOfSales,
    subject: base.subject,
    text: base.text,
    messageId: job.message_id,
    attachments: bookMailAttachments(files).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
    })),
  };
}

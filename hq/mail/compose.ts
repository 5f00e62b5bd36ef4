import i18next from 'i18next';
import type { Pool } from 'pg';
import {
  bookMailAttachments,
  bookMailContent,
  escalationMailContent,
  type EntryMailFacts,
  type Translate,
} from '../../shared/mail/content';
import { mailRecipients, type MailDirectory } from '../../shared/mail/recipients';
import { branchSafeError, escalationMailStatus, mailStateOf } from '../../shared/mail/state';
import { isLanguage } from '../../shared/settings/workstation';
import cs from '../../locales/cs/mail.json';
import en from '../../locales/en/mail.json';
import ko from '../../locales/ko/mail.json';
import ru from '../../locales/ru/mail.json';
import uk from '../../locales/uk/mail.json';
import type { BlobStore } from '../blobs/store';
import { submittedPages } from '../book/pages';
import { missingPhotoCount } from '../book/photos';
import { bookMailJobOf, type MailJob } from './queue';
import type { OutgoingMail } from './transport';

/**
 * A claimed job's message (R7 entry e-mail, R11 escalation) from the entry, its branch's directory and the
 * stored photos. What the messages say and to whom they go are shared/mail, the same rules the branch's
 * `.eml` fallback follows; a directory without the addressee's e-mail throws DirectoryIncomplete (retried).
 */

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

export async function composeMail(pool: Pool, blobs: BlobStore, job: MailJob): Promise<OutgoingMail> {
  const { rows } = await pool.query<EntryRow>(
    `SELECT e.captured_at, e.captured_by, e.complaint_number, c.record->>'description' AS summary,
            b.code, b.name, b.time_zone, b.language, b.manager_name, b.manager_email, b.head_of_sales_name,
            b.head_of_sales_email
       FROM book_entries e JOIN branches b ON b.id = e.branch_id LEFT JOIN complaints c
         ON c.id = e.complaint_id AND c.branch_id = e.branch_id
      WHERE e.id = $1`,
    [job.entry_id],
  );
  const e = rows[0];
  if (!e) throw new Error(`entry ${job.entry_id} is gone`);
  const directory: MailDirectory = {
    branchCode: e.code,
    managerName: e.manager_name,
    managerEmail: e.manager_email,
    headOfSalesName: e.head_of_sales_name,
    headOfSalesEmail: e.head_of_sales_email,
  };
  const recipients = mailRecipients(job.kind, directory);
  const t = translator(e.language);
  const pages = await submittedPages(pool, job.entry_id);
  const facts: EntryMailFacts = {
    complaintNumber: e.complaint_number ?? undefined,
    branchCode: e.code,
    branchName: e.name,
    employee: e.captured_by,
    capturedAt: new Date(e.captured_at),
    deadline: new Date(job.deadline),
    summary: e.summary ?? '',
    language: e.language,
    timeZone: e.time_zone,
  };

  if (job.kind === 'escalation') {
    const missing = await missingPhotoCount(pool, job.entry_id);
    const main = await bookMailJobOf(pool, job.entry_id);
    const attempts = main?.attempts ?? 0;
    const state = mailStateOf({
      status: main?.status ?? 'pending',
      attempts,
      lastErrorKind: main?.lastErrorKind ?? null,
      missingPhotos: missing,
    });
    const content = escalationMailContent(t, {
      ...facts,
      headOfSalesName: e.head_of_sales_name,
      managerName: e.manager_name,
      managerEmail: e.manager_email,
      photos: { arrived: pages.length - missing, total: pages.length },
      status: escalationMailStatus(state, attempts),
      ...(main?.lastError ? { lastError: branchSafeError(main.lastError) } : {}),
    });
    return { ...recipients, ...content, messageId: job.message_id, attachments: [] };
  }

  const content = bookMailContent(t, {
    ...facts,
    pageCount: pages.length,
    managerName: e.manager_name,
    fallback: false,
  });
  const files = await Promise.all(
    pages.map(async (p, i) => {
      const bytes = await blobs.read(p.sha256);
      if (!bytes) throw new Error(`photo ${p.sha256} is not in the blob store`);
      return { pageNo: i + 1, mime: p.mime ?? 'image/jpeg', content: bytes };
    }),
  );
  return {
    ...recipients,
    ...content,
    messageId: job.message_id,
    attachments: bookMailAttachments(files).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
    })),
  };
}

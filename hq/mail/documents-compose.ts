import i18next from 'i18next';
import type { Pool } from 'pg';
import type { Complaint, ComplaintEvent } from '../../shared/complaints/model';
import {
  acknowledgementOf,
  customerLanguageOf,
  decisionLetterOf,
  type BranchDetails,
  type DocumentSource,
} from '../../shared/documents';
import { acknowledgementBlocks, decisionLetterBlocks } from '../../shared/documents/blocks';
import { documentFilename, documentMailContent, documentsToEmail } from '../../shared/documents/email-copy';
import { docDue } from '../../shared/documents/format';
import type { Translate } from '../../shared/mail/content';
import {
  COUNTRIES,
  isLanguage,
  LANGUAGES,
  type Country,
  type Language,
} from '../../shared/settings/workstation';
import complaintsCs from '../../locales/cs/complaints.json';
import complaintsEn from '../../locales/en/complaints.json';
import complaintsKo from '../../locales/ko/complaints.json';
import complaintsRu from '../../locales/ru/complaints.json';
import complaintsUk from '../../locales/uk/complaints.json';
import documentsCs from '../../locales/cs/documents.json';
import documentsEn from '../../locales/en/documents.json';
import documentsKo from '../../locales/ko/documents.json';
import documentsRu from '../../locales/ru/documents.json';
import documentsUk from '../../locales/uk/documents.json';
import lifecycleCs from '../../locales/cs/lifecycle.json';
import lifecycleEn from '../../locales/en/lifecycle.json';
import lifecycleKo from '../../locales/ko/lifecycle.json';
import lifecycleRu from '../../locales/ru/lifecycle.json';
import lifecycleUk from '../../locales/uk/lifecycle.json';
import mailCs from '../../locales/cs/mail.json';
import mailEn from '../../locales/en/mail.json';
import mailKo from '../../locales/ko/mail.json';
import mailRu from '../../locales/ru/mail.json';
import mailUk from '../../locales/uk/mail.json';
import { branchDeadlineInputs } from '../db/complaint-rows';
import type { DocumentMailJob } from './documents-queue';
import { documentPdf } from './documents-pdf';
import type { OutgoingMail } from './transport';

/**
 * Issue 16 item 5: a claimed copy's e-mail — the document made from the complaint as HQ holds it (the same
 * shared/documents models the branch prints), as an A4 PDF, with a short text, all in the customer's
 * language. Null when there is nothing to send any more (consent withdrawn, the decision reopened).
 */

const i18n = i18next.createInstance();
void i18n.init({
  resources: {
    ru: { mail: mailRu, documents: documentsRu, complaints: complaintsRu, lifecycle: lifecycleRu },
    uk: { mail: mailUk, documents: documentsUk, complaints: complaintsUk, lifecycle: lifecycleUk },
    en: { mail: mailEn, documents: documentsEn, complaints: complaintsEn, lifecycle: lifecycleEn },
    cs: { mail: mailCs, documents: documentsCs, complaints: complaintsCs, lifecycle: lifecycleCs },
    ko: { mail: mailKo, documents: documentsKo, complaints: complaintsKo, lifecycle: lifecycleKo },
  },
  supportedLngs: [...LANGUAGES],
  ns: ['mail', 'documents', 'complaints', 'lifecycle'],
  defaultNS: 'documents',
  fallbackLng: 'ru',
  interpolation: { escapeValue: false },
  initAsync: false,
});

function translator(language: Language, ns: 'mail' | 'documents'): Translate {
  const t = i18n.getFixedT(language, ns);
  return (key, params) => String((t as (k: string, p?: unknown) => unknown)(key, params));
}

interface ComplaintRow {
  record: Complaint;
  code: string;
  name: string;
  language: string;
  head_of_sales_name: string;
}

export interface DocumentMail {
  mail: OutgoingMail;
  to: string;
  language: Language;
}

export async function composeDocumentMail(
  pool: Pool,
  job: DocumentMailJob,
  now: Date,
): Promise<DocumentMail | null> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<ComplaintRow>(
      `SELECT c.record, b.code, b.name, b.language, b.head_of_sales_name
         FROM complaints c JOIN branches b ON b.id = c.branch_id
        WHERE c.id = $1 AND c.branch_id = $2`,
      [job.complaint_id, job.branch_id],
    );
    const row = rows[0];
    if (!row) throw new Error(`complaint ${job.complaint_id} is gone`);
    const complaint = row.record;
    if (!documentsToEmail(complaint).includes(job.document)) return null;
    const events = await client.query<ComplaintEvent>(
      `SELECT id, complaint_id AS "complaintId", type, at, actor, data FROM complaint_events
        WHERE complaint_id = $1 ORDER BY hq_seq`,
      [job.complaint_id],
    );
    const { calendar, policy } = await branchDeadlineInputs(client, job.branch_id);
    const branchLanguage: Language = isLanguage(row.language) ? row.language : 'ru';
    const country = (COUNTRIES as readonly string[]).includes(calendar.country)
      ? (calendar.country as Country)
      : 'RU';
    // HQ keeps no branch address, phone, e-mail or office hours: the copy names the branch alone.
    const branch: BranchDetails = {
      code: row.code,
      name: row.name,
      address: '',
      phone: '',
      email: '',
      country,
      timeZone: calendar.timeZone,
      language: branchLanguage,
      opens: '',
      closes: '',
      headOfSalesName: row.head_of_sales_name.trim(),
    };
    const language = customerLanguageOf(complaint, branchLanguage);
    const source: DocumentSource = {
      complaint,
      events: events.rows.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
      branch,
      calendar,
      policy,
      language,
      now,
    };
    const t = translator(language, 'documents');
    let blocks;
    let answerBy: string | undefined;
    if (job.document === 'acknowledgement') {
      const doc = acknowledgementOf(source);
      blocks = acknowledgementBlocks(doc, t);
      answerBy = docDue(doc.answerBy, language, branch.timeZone);
    } else {
      const doc = decisionLetterOf(source);
      if (!doc) return null;
      blocks = decisionLetterBlocks(doc, t);
    }
    const to = complaint.customer.email.trim();
    const content = documentMailContent(translator(language, 'mail'), {
      kind: job.document,
      number: complaint.number,
      branchName: branch.name,
      ...(answerBy ? { answerBy } : {}),
    });
    const pdf = await documentPdf(blocks, { title: t(`title.${job.document}`) });
    return {
      to,
      language,
      mail: {
        to: [{ name: complaint.customer.name.trim(), address: to }],
        cc: [],
        ...content,
        messageId: job.message_id,
        attachments: [
          {
            filename: documentFilename(job.document, complaint.number),
            contentType: 'application/pdf',
            content: pdf,
          },
        ],
      },
    };
  } finally {
    client.release();
  }
}

import type { Pool } from 'pg';
import type { Complaint, ComplaintEvent } from '../../shared/complaints/model';
import {
  acknowledgementOf,
  branchDetailsOfDirectory,
  customerLanguageOf,
  decisionLetterOf,
  type BranchDetails,
  type DocumentSource,
} from '../../shared/documents';
import { acknowledgementBlocks, decisionLetterBlocks } from '../../shared/documents/blocks';
import { documentFilename, documentMailContent, documentsToEmail } from '../../shared/documents/email-copy';
import { docDue } from '../../shared/documents/format';
import type { Language } from '../../shared/settings/workstation';
import { recourseTableOf } from '../../shared/documents/recourse';
import { COMPANY_POLICY_COLUMN, branchDeadlineInputs, recourseConfigOf } from '../db/complaint-rows';
import { customerTranslator as translator } from '../i18n';
import type { DocumentMailJob } from './documents-queue';
import { documentPdf } from './documents-pdf';
import type { OutgoingMail } from './transport';

/**
 * Issue 16 item 5: a claimed copy's e-mail — the document made from the complaint as HQ holds it (the same
 * shared/documents models the branch prints), as an A4 PDF, with a short text, all in the customer's
 * language. Null when there is nothing to send any more (consent withdrawn, the decision reopened).
 */

interface ComplaintRow {
  record: Complaint;
  code: string;
  name: string;
  language: string;
  head_of_sales_name: string;
  address: string;
  phone: string;
  hours: string;
  policy: unknown;
  company_policy: unknown;
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
      `SELECT c.record, b.code, b.name, b.language, b.head_of_sales_name, b.address, b.phone, b.hours,
              b.policy, ${COMPANY_POLICY_COLUMN}
         FROM complaints c JOIN branches b ON b.id = c.branch_id
        WHERE c.id = $1 AND c.branch_id = $2`,
      [job.complaint_id, job.branch_id],
    );
    const row = rows[0];
    if (!row) throw new Error(`complaint ${job.complaint_id} is gone`);
    const complaint = row.record;
    if (!documentsToEmail(complaint).includes(job.document)) return null;
    // Issue 16 item 5: a copy of a decision reopened since (and perhaps decided again: that one has its own).
    if (job.decided_at && job.decided_at !== complaint.progress.decidedAt) return null;
    const events = await client.query<ComplaintEvent>(
      `SELECT id, complaint_id AS "complaintId", type, at, actor, data FROM complaint_events
        WHERE complaint_id = $1 ORDER BY hq_seq`,
      [job.complaint_id],
    );
    const { calendar, policy } = await branchDeadlineInputs(client, job.branch_id);
    // Issue 16 item 3: the branch's address, phone and hours as HQ's directory has them — the same values
    // the branch prints and the console shows.
    const branch: BranchDetails = branchDetailsOfDirectory({
      code: row.code,
      name: row.name,
      country: calendar.country,
      timeZone: calendar.timeZone,
      language: row.language,
      address: row.address,
      phone: row.phone,
      hours: row.hours,
      headOfSalesName: row.head_of_sales_name,
    });
    const branchLanguage = branch.language;
    const language = customerLanguageOf(complaint, branchLanguage);
    const source: DocumentSource = {
      complaint,
      events: events.rows.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
      branch,
      calendar,
      policy,
      language,
      now,
      // R17: the routes HQ configured for the branch, as the branch's own letter names them.
      recourseTable: recourseTableOf(undefined, recourseConfigOf(row)),
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

import type { EmlAttachment, MailAddress } from './eml';

/**
 * The R7 e-mail of a feedback-book entry: what the manager (cc head of sales) receives, whether HQ sends it
 * or the branch hands it over as an `.eml` file. Texts come from locales/<lng>/mail.json through `t`, so
 * HQ (i18next in Node) and the branch (i18next in the page) word it the same way.
 */

export type Translate = (key: string, params?: Record<string, unknown>) => string;

export interface BookMailData {
  entryId: string;
  complaintNumber?: string;
  branchCode: string;
  branchName: string;
  employee: string;
  capturedAt: Date;
  deadline: Date;
  summary: string;
  pageCount: number;
  managerName: string;
  /** Branch language for the texts; branch zone for the times. */
  language: string;
  timeZone: string;
  /** Produced at the branch because HQ could not be reached (R7 fallback). */
  fallback: boolean;
}

/** One Message-ID per entry: a re-send (HQ retry, or HQ after a branch fallback) is the same message. */
export function bookEntryMessageId(entryId: string): string {
  return `<book-entry.${entryId}@otklik>`;
}

export function pageFilename(pageNo: number, mime: string): string {
  return `page-${String(pageNo).padStart(2, '0')}.${mime === 'image/png' ? 'png' : 'jpg'}`;
}

function when(d: Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(d);
}

export function bookMailContent(t: Translate, d: BookMailData): { subject: string; text: string } {
  const branch = `${d.branchName} (${d.branchCode})`;
  const number = d.complaintNumber ?? t('noNumber');
  const captured = when(d.capturedAt, d.language, d.timeZone);
  const subject = t('subject', { branch, number, capturedAt: captured });
  const lines = [
    d.managerName ? t('greetingNamed', { name: d.managerName }) : t('greeting'),
    '',
    t('intro', { branch, count: d.pageCount }),
    '',
    `${t('fields.number')}: ${number}`,
    `${t('fields.branch')}: ${branch}`,
    `${t('fields.employee')}: ${d.employee}`,
    `${t('fields.capturedAt')}: ${captured}`,
    `${t('fields.deadline')}: ${when(d.deadline, d.language, d.timeZone)}`,
    `${t('fields.summary')}: ${d.summary.trim() || t('noSummary')}`,
    '',
    ...(d.fallback ? [t('fallbackNote'), ''] : []),
    t('signature'),
  ];
  return { subject, text: lines.join('\n') };
}

export interface BookMailRecipients {
  to: MailAddress[];
  cc: MailAddress[];
}

export function bookMailAttachments(
  pages: ReadonlyArray<{ pageNo: number; mime: string; content: Uint8Array }>,
): EmlAttachment[] {
  return [...pages]
    .sort((a, b) => a.pageNo - b.pageNo)
    .map((p, i) => ({ filename: pageFilename(i + 1, p.mime), contentType: p.mime, content: p.content }));
}

import type { EmlAttachment } from './eml';
import type { EscalationMailStatus } from './state';

/**
 * What the feedback-book e-mails say (R7, R11, R25): the entry's own e-mail — what the manager (cc head of
 * sales) receives, whether HQ sends it or the branch hands it over as an `.eml` file — and HQ's escalation
 * to the head of sales when it was not out by the deadline. Texts come from locales/<lng>/mail.json through
 * `t`, so HQ (i18next in Node) and the branch (i18next in the page) word them the same way; both messages
 * state the entry's facts with the same lines.
 */

export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** What both messages state about the entry, in the branch's language and time zone. */
export interface EntryMailFacts {
  complaintNumber?: string;
  branchCode: string;
  branchName: string;
  employee: string;
  capturedAt: Date;
  deadline: Date;
  summary: string;
  /** Branch language for the texts; branch zone for the times. */
  language: string;
  timeZone: string;
}

export interface BookMailData extends EntryMailFacts {
  pageCount: number;
  managerName: string;
  /** Produced at the branch because HQ could not be reached (R7 fallback). */
  fallback: boolean;
}

export interface EscalationMailData extends EntryMailFacts {
  headOfSalesName: string;
  managerName: string;
  managerEmail: string;
  /** Photos of the entry HQ has, of all its pages. */
  photos: { arrived: number; total: number };
  status: EscalationMailStatus;
  /** The entry's e-mail's last error, as the branch may see it (state.ts branchSafeError). */
  lastError?: string;
}

/** One Message-ID per entry: a re-send (HQ retry, or HQ after a branch fallback) is the same message. */
export function bookEntryMessageId(entryId: string): string {
  return `<book-entry.${entryId}@otklik>`;
}

/** Message-ID of the escalation about an entry: one per entry, like the entry's own message. */
export function bookEscalationMessageId(entryId: string): string {
  return `<book-entry-escalation.${entryId}@otklik>`;
}

function pageFilename(pageNo: number, mime: string): string {
  return `page-${String(pageNo).padStart(2, '0')}.${mime === 'image/png' ? 'png' : 'jpg'}`;
}

function when(d: Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(d);
}

const branchOf = (d: EntryMailFacts) => `${d.branchName} (${d.branchCode})`;
const numberOf = (t: Translate, d: EntryMailFacts) => d.complaintNumber ?? t('noNumber');
const greeting = (t: Translate, name: string) => (name ? t('greetingNamed', { name }) : t('greeting'));

function factLines(t: Translate, d: EntryMailFacts): string[] {
  return [
    `${t('fields.number')}: ${numberOf(t, d)}`,
    `${t('fields.branch')}: ${branchOf(d)}`,
    `${t('fields.employee')}: ${d.employee}`,
    `${t('fields.capturedAt')}: ${when(d.capturedAt, d.language, d.timeZone)}`,
    `${t('fields.deadline')}: ${when(d.deadline, d.language, d.timeZone)}`,
    `${t('fields.summary')}: ${d.summary.trim() || t('noSummary')}`,
  ];
}

export function bookMailContent(t: Translate, d: BookMailData): { subject: string; text: string } {
  const branch = branchOf(d);
  const subject = t('subject', {
    branch,
    number: numberOf(t, d),
    capturedAt: when(d.capturedAt, d.language, d.timeZone),
  });
  const lines = [
    greeting(t, d.managerName),
    '',
    t('intro', { branch, count: d.pageCount }),
    '',
    ...factLines(t, d),
    '',
    ...(d.fallback ? [t('fallbackNote'), ''] : []),
    t('signature'),
  ];
  return { subject, text: lines.join('\n') };
}

export function escalationMailContent(
  t: Translate,
  d: EscalationMailData,
): { subject: string; text: string } {
  const subject = t('escalation.subject', {
    branch: branchOf(d),
    number: numberOf(t, d),
    deadline: when(d.deadline, d.language, d.timeZone),
  });
  const lines = [
    greeting(t, d.headOfSalesName),
    '',
    t('escalation.intro'),
    '',
    ...factLines(t, d),
    `${t('escalation.manager')}: ${d.managerName} <${d.managerEmail}>`,
    `${t('escalation.pages')}: ${t('escalation.pagesValue', d.photos)}`,
    `${t('escalation.status')}: ${t(`escalation.statusValue.${d.status}`)}`,
    ...(d.lastError ? [`${t('escalation.lastError')}: ${d.lastError}`] : []),
    '',
    t('signature'),
  ];
  return { subject, text: lines.join('\n') };
}

/** The pages as attachments, in page order, named page-01.jpg, page-02.png… */
export function bookMailAttachments(
  pages: ReadonlyArray<{ pageNo: number; mime: string; content: Uint8Array }>,
): EmlAttachment[] {
  return [...pages]
    .sort((a, b) => a.pageNo - b.pageNo)
    .map((p, i) => ({ filename: pageFilename(i + 1, p.mime), contentType: p.mime, content: p.content }));
}

/**
 * Issue 16 item 5 (R9, R15, R25): the customer's e-mail copy of their acknowledgement and decision letter,
 * which HQ sends as PDF through its mail queue. Which documents a complaint gets, under which Message-ID,
 * and what the e-mail says around the attachment — pure, so the rules are table-tested.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { Complaint } from '../complaints/model';
import { isValidEmail } from '../complaints/validation';
import type { Translate } from '../mail/content';
import type { DocumentKind } from './model';

/** The documents HQ e-mails; the complaint record is for the file, never sent to the customer. */
export const EMAILED_DOCUMENTS = ['acknowledgement', 'decision_letter'] as const;
export type EmailedDocument = (typeof EMAILED_DOCUMENTS)[number];

export function isEmailedDocument(kind: DocumentKind | string): kind is EmailedDocument {
  return (EMAILED_DOCUMENTS as readonly string[]).includes(kind);
}

/**
 * The documents a complaint's customer is e-mailed now: only with their consent (R3) and a valid e-mail
 * address, never for the internal register (the complainant is an employee, R2, R24); the acknowledgement at
 * once, the decision letter once a decision is in force.
 */
export function documentsToEmail(
  complaint: Pick<Complaint, 'consent' | 'confidential' | 'customer' | 'progress'>,
): EmailedDocument[] {
  if (!complaint.consent || complaint.confidential) return [];
  const to = complaint.customer.email.trim();
  if (!to || !isValidEmail(to)) return [];
  const kinds: EmailedDocument[] = ['acknowledgement'];
  if (complaint.progress.decision && complaint.progress.decidedAt) kinds.push('decision_letter');
  return kinds;
}

/**
 * The decision a decision letter's copy is for (issue 16 item 5): its `decidedAt` in milliseconds — a
 * complaint reopened and decided again gets a letter, and a copy, per decision.
 */
function decisionKey(decidedAt: string): string {
  const ms = Date.parse(decidedAt);
  if (!Number.isFinite(ms)) throw new Error(`Not a decision time: ${decidedAt}`);
  return String(ms);
}

/**
 * The complaint as the customer's mail names it: a digest of its id, never the id itself — whoever knows the
 * id can compute the receipt's check code (check-code.ts), and the customer receives this header.
 */
export function documentMailKey(complaintId: string): string {
  const digest = sha256(new TextEncoder().encode(`otklik/document-mail/v1\u0000${complaintId}`));
  return Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One message per acknowledgement per complaint, one per decision letter per decision: a retry, or a send
 * after an HQ restart, is the same message; a second decision is a new one.
 */
export function documentMessageId(kind: EmailedDocument, complaintId: string, decidedAt?: string): string {
  if (kind === 'decision_letter' && decidedAt)
    return `<document.${kind}.${documentMailKey(complaintId)}.${decisionKey(decidedAt)}@otklik>`;
  return `<document.${kind}.${documentMailKey(complaintId)}@otklik>`;
}

export function documentMailJobId(kind: EmailedDocument, complaintId: string, decidedAt?: string): string {
  if (kind === 'decision_letter' && decidedAt) return `${kind}:${complaintId}:${decisionKey(decidedAt)}`;
  return `${kind}:${complaintId}`;
}

/** The attachment's name: the document and the complaint number (letters, digits and '-' only). */
export function documentFilename(kind: EmailedDocument, number: string): string {
  const safe = number.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 60);
  return `${kind === 'acknowledgement' ? 'acknowledgement' : 'decision-letter'}-${safe}.pdf`;
}

export interface DocumentMailFacts {
  kind: EmailedDocument;
  number: string;
  branchName: string;
  /** For the acknowledgement: the answer date as the document prints it. */
  answerBy?: string;
}

/** Subject and text of the e-mail the PDF goes with, in the customer's language (`t` fixed to it). */
export function documentMailContent(
  t: Translate,
  facts: DocumentMailFacts,
): { subject: string; text: string } {
  const subject = t(`document.subject.${facts.kind}`, { number: facts.number, branch: facts.branchName });
  const lines = [
    t('document.greeting'),
    '',
    t(`document.intro.${facts.kind}`, { number: facts.number, branch: facts.branchName }),
  ];
  if (facts.kind === 'acknowledgement' && facts.answerBy)
    lines.push(t('document.answerBy', { date: facts.answerBy }));
  lines.push('', t('document.attached'), '', t('document.noReply'), '', facts.branchName);
  return { subject, text: `${lines.join('\n')}\n` };
}

/**
 * Issue 16 item 6: what the public status page tells whoever holds a receipt — the complaint's number, its
 * status and the answer date (or the day it was answered), never a name, contact or text. A wrong check
 * code, an internal complaint and an unknown number are the same answer: nothing (null).
 */
import type { Complaint, ComplaintStatus } from '../complaints/model';
import { complaintDueMoments, type BranchCalendar, type ConsiderationPolicy } from '../deadlines';
import { timelineOf } from '../lifecycle/milestones';
import { isLanguage, LANGUAGES, type Language } from '../settings/languages';
import { isCheckCodeOf } from './check-code';
import { customerLanguageOf } from './language';
import type { DocumentDue } from './model';
import { documentDue } from './source';

/** A look-up bounded before any work: a number is about 20 characters, a check code 8 (9 with a dash). */
export const STATUS_NUMBER_MAX = 40;
export const STATUS_CODE_MAX = 16;

export interface StatusPageFacts {
  number: string;
  status: ComplaintStatus;
  language: Language;
  /** The branch's zone: every date is told in it. */
  timeZone: string;
  /** Not answered yet: the final-answer deadline, as the acknowledgement printed it. */
  answerBy?: DocumentDue;
  /** Answered: the day of the decision (ISO instant). */
  answeredAt?: string;
}

export function statusPageFacts(input: {
  complaint: Complaint;
  code: string;
  calendar: BranchCalendar;
  policy: ConsiderationPolicy;
  branchLanguage: Language;
  now: Date;
}): StatusPageFacts | null {
  const { complaint } = input;
  if (complaint.confidential) return null;
  if (input.code.length > STATUS_CODE_MAX || !isCheckCodeOf(complaint, input.code)) return null;
  const facts: StatusPageFacts = {
    number: complaint.number,
    status: complaint.status,
    language: customerLanguageOf(complaint, input.branchLanguage),
    timeZone: input.calendar.timeZone,
  };
  const decidedAt = complaint.progress.decision ? complaint.progress.decidedAt : undefined;
  if (decidedAt) facts.answeredAt = decidedAt;
  else {
    const final = complaintDueMoments(timelineOf(complaint), input.calendar, input.policy, input.now).find(
      (m) => m.kind === 'final_answer',
    );
    if (final) facts.answerBy = documentDue(final, input.calendar.timeZone);
  }
  return facts;
}

/** The page's language when no complaint says it: the best of Accept-Language the app has, else Russian. */
export function languageOfAcceptLanguage(header: string | undefined): Language {
  const ranked = (header ?? '')
    .slice(0, 500)
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((x) => x.lang).find(isLanguage) ?? LANGUAGES[0];
}

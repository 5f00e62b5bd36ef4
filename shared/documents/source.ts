import type { Complaint, ComplaintEvent } from '../complaints/model';
import {
  complaintDueMoments,
  type BranchCalendar,
  type ConsiderationPolicy,
  type DueMoment,
} from '../deadlines';
import { timelineOf } from '../lifecycle/milestones';
import type { Language } from '../settings/workstation';
import { zonedParts } from '../time/zoned';
import type { BranchDetails } from './branch';
import { complaintCheckCode } from './check-code';
import type { CustomerBlock, DocumentBase, DocumentDue, DocumentKind } from './model';
import type { Money } from './money';
import type { RecourseTable } from './recourse';

/** Everything a document is made from. The same inputs the complaint screens use, so the dates agree. */
export interface DocumentSource {
  complaint: Complaint;
  /** Its history, in the order it happened. */
  events: readonly ComplaintEvent[];
  branch: BranchDetails;
  calendar: BranchCalendar;
  policy: ConsiderationPolicy;
  /** The customer's language: customerLanguageOf(complaint, branch language) unless the caller chooses. */
  language: Language;
  now: Date;
  /** Overrides the compensation in force on the complaint (see compensationOf). */
  compensation?: Money;
  /** R17 routes; the company's shipped table when absent. */
  recourseTable?: RecourseTable;
  /** When the company runs the public status page, the QR code opens it. */
  statusPageUrl?: string;
}

export function documentBase<K extends DocumentKind>(
  source: DocumentSource,
  kind: K,
): DocumentBase & { kind: K } {
  const { complaint } = source;
  return {
    kind,
    language: source.language,
    number: complaint.number,
    checkCode: complaintCheckCode(complaint),
    branch: source.branch,
    printedAt: source.now.toISOString(),
  };
}

export function customerBlock(complaint: Complaint): CustomerBlock {
  const c = complaint.customer;
  const contacts: CustomerBlock['contacts'] = [];
  for (const kind of ['phone', 'email', 'address'] as const) {
    const value = c[kind]?.trim();
    if (value) contacts.push({ kind, value });
  }
  return {
    name: c.name.trim(),
    contacts,
    preferredContact: c.preferredContact,
    noContactReason: contacts.length === 0 ? complaint.noContactReason.trim() : '',
  };
}

/** Day-based terms end at 23:59:59.999 of their day and print as a date; hour-based ones print the time. */
export function documentDue(moment: Pick<DueMoment, 'dueAt' | 'dueDate'>, timeZone: string): DocumentDue {
  const p = zonedParts(moment.dueAt, timeZone);
  return {
    date: moment.dueDate,
    at: moment.dueAt.toISOString(),
    withTime: !(p.hour === 23 && p.minute === 59),
  };
}

/** The complaint's due moments exactly as the complaint screens compute them (renderer/complaints/deadlines). */
export function dueMomentsOfSource(source: DocumentSource): DueMoment[] {
  return complaintDueMoments(timelineOf(source.complaint), source.calendar, source.policy, source.now);
}

/**
 * R16: the compensation a document states — the caller's, else the one in force on the complaint once it
 * binds the company (approved, or below the approval threshold). One awaiting approval or refused is not
 * promised to the customer.
 */
export function compensationOf(source: DocumentSource): Money | undefined {
  if (source.compensation) return source.compensation;
  const c = source.complaint.progress.compensation;
  return c && (c.approval === 'approved' || c.approval === 'not_required') ? c.amount : undefined;
}

import { EVENT_TYPES, STATUSES, type ComplaintEvent, type ComplaintStatus } from '../complaints/model';
import type { RecordedDecision, RecordedFollowUp } from '../lifecycle/decision';
import type { ComplaintRecordDocument, HistoryLine } from './model';
import {
  compensationOf,
  customerBlock,
  documentBase,
  documentDue,
  dueMomentsOfSource,
  type DocumentSource,
} from './source';

const isStatus = (v: unknown): v is ComplaintStatus =>
  typeof v === 'string' && (STATUSES as readonly string[]).includes(v);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** One history event as the record prints it; an event type this version does not know is skipped. */
export function historyLine(
  event: Pick<ComplaintEvent, 'type' | 'at' | 'actor' | 'data'>,
): HistoryLine | null {
  if (!(EVENT_TYPES as readonly string[]).includes(event.type)) return null;
  const line: HistoryLine = { at: event.at, actor: event.actor, type: event.type };
  const data = isObject(event.data) ? event.data : {};
  switch (event.type) {
    case 'status_changed': {
      if (isStatus(data.from)) line.from = data.from;
      if (isStatus(data.to)) line.to = data.to;
      if (isObject(data.decision) && typeof data.decision.outcome === 'string')
        line.decision = data.decision as unknown as RecordedDecision;
      if (isObject(data.followUp) && typeof data.followUp.outcome === 'string')
        line.followUp = data.followUp as unknown as RecordedFollowUp;
      const t = text(data.reason) ?? text(data.note);
      if (t) line.text = t;
      break;
    }
    case 'owner_changed': {
      // R14: the new owner's name (none: given back to the branch).
      const owner = isObject(data.owner) ? text(data.owner.name) : undefined;
      if (owner) line.text = owner;
      break;
    }
    case 'book_entry_linked':
      if (typeof data.pages === 'number' && Number.isInteger(data.pages) && data.pages >= 0)
        line.pages = data.pages;
      break;
    default: {
      const t = text(data.text);
      if (t) line.text = t;
    }
  }
  return line;
}

/** The complaint record for the file (a manager or an inspector): every field and the full history. */
export function complaintRecordOf(source: DocumentSource): ComplaintRecordDocument {
  const { complaint } = source;
  const p = complaint.progress;
  const tz = source.branch.timeZone;
  const doc: ComplaintRecordDocument = {
    ...documentBase(source, 'record'),
    status: complaint.status,
    channel: complaint.channel,
    confidential: complaint.confidential,
    receivedAt: complaint.receivedAt,
    registeredAt: complaint.registeredAt,
    receivedBy: complaint.receivedBy,
    customer: customerBlock(complaint),
    description: complaint.description.trim(),
    demand: complaint.remedy.trim(),
    concerns: { ...complaint.concerns },
    category: complaint.category,
    severity: complaint.severity,
    healthAndSafety: complaint.healthAndSafety,
    consent: complaint.consent,
    reopenCount: p.reopenCount,
    termExtended: p.termExtended === true,
    due: dueMomentsOfSource(source).map((m) => {
      const due: ComplaintRecordDocument['due'][number] = {
        kind: m.kind,
        due: documentDue(m, tz),
        state: m.state,
        projected: m.projected,
      };
      if (m.doneAt) {
        due.doneAt = m.doneAt.toISOString();
        due.late = m.late === true;
      }
      return due;
    }),
    history: source.events.map(historyLine).filter((l): l is HistoryLine => l !== null),
  };
  // The record keeps the customer's reason for giving no contact even when some contact exists.
  doc.customer.noContactReason = complaint.noContactReason.trim();
  if (p.decision) doc.decision = p.decision;
  if (p.decidedAt) doc.decidedAt = p.decidedAt;
  if (p.followUpOutcome) doc.followUpOutcome = p.followUpOutcome;
  const compensation = compensationOf(source);
  if (compensation) doc.compensation = compensation;
  return doc;
}

import type { Channel, Complaint, ComplaintEvent, ComplaintStatus } from '../../shared/complaints/model';
import { matchesQuery, parseSearchQuery } from '../../shared/complaints/search';
import type { OtklikDatabase } from '../db/database';

export type Register = 'customers' | 'internal';

export interface ComplaintFilter {
  query: string;
  status: ComplaintStatus | '';
  channel: Channel | '';
  /** Internal complaints are a separate, confidential register (R2, R24): never mixed into the main list. */
  register: Register;
  limit: number;
  /** A further condition computed by the caller (e.g. deadline urgency, which depends on now and settings). */
  match?: (c: Complaint) => boolean;
}

export interface ComplaintPage {
  rows: Complaint[];
  /** More rows match than were returned. */
  more: boolean;
}

/** Newest first. Text search uses the multi-entry word index; no full scan of years of data. */
export async function listComplaints(db: OtklikDatabase, f: ComplaintFilter): Promise<ComplaintPage> {
  const keep = (c: Complaint) =>
    (f.register === 'internal') === c.confidential &&
    (f.status === '' || c.status === f.status) &&
    (f.channel === '' || c.channel === f.channel) &&
    (f.match === undefined || f.match(c));

  const query = parseSearchQuery(f.query);
  if (query.length === 0) {
    const rows = await db.complaints
      .orderBy('registeredAt')
      .reverse()
      .filter(keep)
      .limit(f.limit + 1)
      .toArray();
    return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
  }

  const found = new Map<string, Complaint>();
  for (const alternative of query) {
    const candidates = await db.complaints
      .where('searchWords')
      .startsWith(alternative[0]!)
      .distinct()
      .toArray();
    for (const c of candidates) if (keep(c) && matchesQuery(c.searchWords, [alternative])) found.set(c.id, c);
  }
  const rows = [...found.values()].sort((a, b) => b.registeredAt.localeCompare(a.registeredAt));
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
}

export function getComplaint(db: OtklikDatabase, id: string): Promise<Complaint | undefined> {
  return db.complaints.get(id);
}

/** The history in the order it happened. */
export function complaintHistory(db: OtklikDatabase, complaintId: string): Promise<ComplaintEvent[]> {
  return db.events.where('[complaintId+at]').between([complaintId, ''], [complaintId, '\uffff']).toArray();
}

/** Every complaint not closed yet, of one register: what deadlines are counted over (R11). */
export function openComplaints(db: OtklikDatabase, register: Register): Promise<Complaint[]> {
  return db.complaints
    .where('status')
    .notEqual('closed')
    .filter((c) => (register === 'internal') === c.confidential)
    .toArray();
}

import {
  STATUSES,
  type Channel,
  type Complaint,
  type ComplaintEvent,
  type ComplaintStatus,
} from '../../shared/complaints/model';
import { isOpenStatus } from '../../shared/lifecycle';
import { matchesQuery, parseSearchQuery } from '../../shared/complaints/search';
import type { OtklikDatabase } from '../db/database';

export type Register = 'customers' | 'internal';

const SEARCH_BATCH = 100;

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

  // Only the keys of every match are read; the records are read newest first, a batch at a time, until a
  // page is full. UUIDv7 ids sort by the time they were made, i.e. by registration.
  const ids = new Set<string>();
  for (const alternative of query) {
    for (const id of await db.complaints.where('searchWords').startsWith(alternative[0]!).primaryKeys())
      ids.add(id);
  }
  const newestFirst = [...ids].sort().reverse();
  const rows: Complaint[] = [];
  for (let i = 0; i < newestFirst.length && rows.length <= f.limit; i += SEARCH_BATCH) {
    for (const c of await db.complaints.bulkGet(newestFirst.slice(i, i + SEARCH_BATCH))) {
      if (c && keep(c) && matchesQuery(c.searchWords, query)) rows.push(c);
    }
  }
  rows.sort((a, b) => b.registeredAt.localeCompare(a.registeredAt));
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
}

export function getComplaint(db: OtklikDatabase, id: string): Promise<Complaint | undefined> {
  return db.complaints.get(id);
}

/** The history in the order it happened. */
export function complaintHistory(db: OtklikDatabase, complaintId: string): Promise<ComplaintEvent[]> {
  return db.events.where('[complaintId+at]').between([complaintId, ''], [complaintId, '\uffff']).toArray();
}

/**
 * Every complaint not closed yet, of one register: what deadlines are counted over (R11). One equality
 * query per open status (each a single IndexedDB getAll), not a cursor walk over the closed majority.
 */
export async function openComplaints(db: OtklikDatabase, register: Register): Promise<Complaint[]> {
  const perStatus = await Promise.all(
    STATUSES.filter(isOpenStatus).map((s) => db.complaints.where('status').equals(s).toArray()),
  );
  return perStatus.flat().filter((c) => (register === 'internal') === c.confidential);
}

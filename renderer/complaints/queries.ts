import { Dexie } from 'dexie';
import type { Channel, Complaint, ComplaintEvent, ComplaintStatus } from '../../shared/complaints/model';
import { urgencyAt } from '../../shared/deadlines';
import { matchesQuery, parseSearchQuery } from '../../shared/complaints/search';
import type { OtklikDatabase } from '../db/database';
import { registerOf, type Register, type StoredComplaint } from '../db/listKeys';
import type { Urgency } from './deadlines';

export type { Register };

const SEARCH_BATCH = 100;

/** Where a page of the list ends: the next page starts after this row. */
export interface ListCursor {
  registeredAt: string;
  id: string;
  /** R13: the row is a health-and-safety complaint (they come first, so the cursor says which part). */
  safety?: boolean;
}

export const cursorOf = (c: Pick<Complaint, 'registeredAt' | 'id' | 'healthAndSafety'>): ListCursor => ({
  registeredAt: c.registeredAt,
  id: c.id,
  ...(c.healthAndSafety ? { safety: true } : {}),
});

export interface ComplaintFilter {
  query: string;
  status: ComplaintStatus | '';
  channel: Channel | '';
  /** Internal complaints are a separate, confidential register (R2, R24): never mixed into the main list. */
  register: Register;
  /** R11: only what is overdue, or due soon, at `now`. */
  urgency?: Urgency | '';
  /** The instant urgency is judged at; default: the current time. */
  now?: Date;
  limit: number;
  /** Keyset paging: only rows after this one (the last row of the page before). */
  after?: ListCursor;
  /** A page already shown keeps its end: rows up to and including this one, whatever `limit` says. */
  through?: ListCursor;
}

export interface ComplaintPage {
  rows: StoredComplaint[];
  /** More rows match after the last one returned (always false for a page ended by `through`). */
  more: boolean;
}

type Bounds = Pick<ComplaintFilter, 'after' | 'through' | 'limit'>;

/** The rows of one filter, page by page; what each page costs does not grow with the years of data. */
interface PageSource {
  page(bounds: Bounds): Promise<ComplaintPage>;
}

/**
 * Newest first, one page. Without search or urgency the page is a key range of the one index that has the
 * filter's status and channel before `registeredAt`: read from `after`, never scanned.
 * Search and urgency first collect the matching ids from their indexes (the multi-entry word index; the
 * urgency keys, which hold only open complaints) and read the records of one page; UUIDv7 ids sort by the
 * time they were made, i.e. by registration.
 */
export async function listComplaints(db: OtklikDatabase, f: ComplaintFilter): Promise<ComplaintPage> {
  return (await pageSource(db, f)).page(f);
}

/**
 * Several consecutive pages of one filter (the pages a list has shown, each ended by the cursor it had,
 * then one more), collecting the ids of a search or urgency filter once for all of them.
 */
export async function listComplaintPages(
  db: OtklikDatabase,
  f: Omit<ComplaintFilter, 'after' | 'through'>,
  ends: readonly ListCursor[],
): Promise<ComplaintPage> {
  const source = await pageSource(db, f);
  const rows: StoredComplaint[] = [];
  let after: ListCursor | undefined;
  for (const through of ends) {
    rows.push(...(await source.page({ after, through, limit: f.limit })).rows);
    after = through;
  }
  const last = await source.page({ after, limit: f.limit });
  return { rows: [...rows, ...last.rows], more: last.more };
}

/**
 * R13 (issue 15 item 4): health-and-safety complaints first in the paged list itself, newest first among
 * them, then every other row in the filter's order. The first part is read from its own sparse index
 * (`safetyAt`: few rows whatever the years); the cursor says which part a page ended in.
 */
async function pageSource(db: OtklikDatabase, f: ComplaintFilter): Promise<PageSource> {
  const query = parseSearchQuery(f.query);
  const urgency = f.urgency ?? '';
  const now = f.now ?? new Date();
  const matches = (c: StoredComplaint) =>
    registerOf(c) === f.register &&
    (f.status === '' || c.status === f.status) &&
    (f.channel === '' || c.channel === f.channel) &&
    (urgency === '' || urgencyOfKeys(c, now) === urgency) &&
    (query.length === 0 || matchesQuery(c.searchWords, query));
  const safety = (await db.complaints.where('safetyAt').above('').reverse().toArray()).filter(matches);
  return safetyFirst(safety, await otherRows(db, f));
}

/** (registeredAt, id) newest first: whether `c` comes after the cursor's row in the list. */
const comesAfter = (c: ListCursor, cursor: ListCursor) =>
  c.registeredAt < cursor.registeredAt || (c.registeredAt === cursor.registeredAt && c.id < cursor.id);

function safetyFirst(safety: StoredComplaint[], rest: PageSource): PageSource {
  return {
    async page({ after, through, limit }) {
      const rows: StoredComplaint[] = [];
      if (!after || after.safety) {
        const max = through ? Infinity : limit;
        for (const c of safety) {
          if (after && !comesAfter(c, after)) continue;
          if (through?.safety && comesAfter(c, through)) break;
          rows.push(c);
          if (rows.length > max) return { rows: rows.slice(0, max), more: true };
        }
        if (through?.safety) return { rows, more: false };
      }
      const others = await rest.page({
        after: after && !after.safety ? after : undefined,
        through,
        limit: through ? limit : limit - rows.length,
      });
      return { rows: [...rows, ...others.rows], more: others.more };
    },
  };
}

/** Every row of the filter but the health-and-safety ones, in the filter's order. */
async function otherRows(db: OtklikDatabase, f: ComplaintFilter): Promise<PageSource> {
  const query = parseSearchQuery(f.query);
  const urgency = f.urgency ?? '';
  if (query.length === 0 && urgency === '') return indexSource(db, f);
  const now = f.now ?? new Date();

  let ids: Set<string> | undefined;
  if (urgency !== '') ids = await urgentIds(db, f.register, urgency, now);
  if (query.length > 0) {
    const words = new Set<string>();
    for (const alternative of query) {
      for (const id of await db.complaints.where('searchWords').startsWith(alternative[0]!).primaryKeys())
        if (!ids || ids.has(id)) words.add(id);
    }
    ids = words;
  }
  ids = await narrowByIndex(db, f, ids!);
  const newestFirst = [...ids].sort().reverse();

  const keep = (c: StoredComplaint) =>
    !c.healthAndSafety &&
    registerOf(c) === f.register &&
    (f.status === '' || c.status === f.status) &&
    (f.channel === '' || c.channel === f.channel) &&
    (urgency === '' || urgencyOfKeys(c, now) === urgency) &&
    (query.length === 0 || matchesQuery(c.searchWords, query));

  return {
    async page({ after, through, limit }) {
      const max = through ? Infinity : limit;
      let from = 0;
      if (after) while (from < newestFirst.length && newestFirst[from]! >= after.id) from++;
      const rows: StoredComplaint[] = [];
      for (let i = from; i < newestFirst.length && rows.length <= max; i += SEARCH_BATCH) {
        const batch = newestFirst.slice(i, i + SEARCH_BATCH);
        const inPage = through ? batch.filter((id) => id >= through.id) : batch;
        for (const c of await db.complaints.bulkGet(inPage)) if (c && keep(c)) rows.push(c);
        if (inPage.length < batch.length) break;
      }
      return { rows: rows.slice(0, max), more: rows.length > max };
    },
  };
}

/**
 * The compound index whose key is the filter's status and/or channel, then `registeredAt`, and the part of
 * the key the filter fixes. The internal register is the `internal` channel; the customers' list skips the
 * internal complaints between its rows (few: they are employees' complaints). Null: nothing can match.
 */
function orderIndex(f: ComplaintFilter): { index: string; prefix: string[] } | null {
  const channel = f.register === 'internal' ? 'internal' : f.channel;
  if (f.channel !== '' && f.channel !== channel) return null;
  if (f.register === 'customers' && f.channel === 'internal') return null;
  if (f.status !== '' && channel !== '')
    return { index: '[status+channel+registeredAt]', prefix: [f.status, channel] };
  if (f.status !== '') return { index: '[status+registeredAt]', prefix: [f.status] };
  if (channel !== '') return { index: '[channel+registeredAt]', prefix: [channel] };
  return { index: 'registeredAt', prefix: [] };
}

const NOTHING: PageSource = { page: async () => ({ rows: [], more: false }) };

function indexSource(db: OtklikDatabase, f: ComplaintFilter): PageSource {
  const order = orderIndex(f);
  if (!order) return NOTHING;
  const { index, prefix } = order;
  const key = (registeredAt: string | typeof Dexie.minKey) =>
    prefix.length === 0 ? registeredAt : [...prefix, registeredAt];
  const keep = (c: StoredComplaint) => registerOf(c) === f.register && !c.healthAndSafety;
  return {
    /**
     * Reads key ranges newest first, a chunk at a time (each one IndexedDB request), each chunk starting
     * at the last row of the one before; rows registered in the same millisecond are ordered by id, as
     * the index orders them, so the cursor is (registeredAt, id).
     */
    async page({ after, through, limit }) {
      const max = through ? Infinity : limit;
      const rows: StoredComplaint[] = [];
      let from = after;
      // A little over a page: the customers' list skips the internal complaints between its rows.
      let chunk = Math.min(limit + 1 + Math.ceil(limit / 4), CHUNK_MAX);
      for (;;) {
        const got = await db.complaints
          .where(index)
          .between(
            key(through?.registeredAt ?? Dexie.minKey),
            key(from?.registeredAt ?? MAX_INSTANT),
            true,
            true,
          )
          .reverse()
          .limit(chunk)
          .toArray();
        let fresh = 0;
        let end = false;
        for (const c of got) {
          if (from && c.registeredAt === from.registeredAt && c.id >= from.id) continue;
          if (through && c.registeredAt === through.registeredAt && c.id < through.id) {
            end = true;
            break;
          }
          fresh++;
          if (keep(c)) rows.push(c);
          if (rows.length > max) break;
        }
        if (end || rows.length > max || got.length < chunk) break;
        // More rows of one millisecond than a chunk holds: read a larger one from the same place.
        if (fresh === 0) chunk *= 2;
        else from = { registeredAt: got.at(-1)!.registeredAt, id: got.at(-1)!.id };
      }
      return { rows: rows.slice(0, max), more: rows.length > max };
    },
  };
}

/** The largest chunk one read asks for when rows are skipped (internal complaints, a page's end). */
const CHUNK_MAX = 200;
/** Above every ISO instant the app writes. */
const MAX_INSTANT = '\uffff';

/**
 * A status or channel filter beside search or urgency: when its own index range holds fewer ids than were
 * collected, the intersection is taken from the keys alone, so a rare combination is not found by reading
 * every record of a common word. Never reads more keys than it could save.
 */
async function narrowByIndex(db: OtklikDatabase, f: ComplaintFilter, ids: Set<string>): Promise<Set<string>> {
  if ((f.status === '' && f.channel === '') || ids.size === 0) return ids;
  const order = orderIndex(f);
  if (!order) return new Set();
  const keys = await db.complaints
    .where(order.index)
    .between([...order.prefix, Dexie.minKey], [...order.prefix, Dexie.maxKey])
    .limit(ids.size + 1)
    .primaryKeys();
  if (keys.length > ids.size) return ids;
  return new Set(keys.filter((id) => ids.has(id)));
}

const windowOf = ({ urgency }: StoredComplaint) =>
  urgency && { dueAt: new Date(urgency.dueAt), dueSoonFrom: new Date(urgency.soonFrom) };

/** R11 from the stored keys (renderer/db/listKeys.ts), without the deadline engine. */
export const urgencyOfKeys = (c: StoredComplaint, now: Date) => urgencyAt(windowOf(c), now);

/**
 * Overdue: the earliest open deadline is before now. Due soon or worse: its due-soon instant is not after.
 * Read from the urgency mirrors (renderer/db/urgencyMirror.ts), whose keys are `[register, instant, id]`.
 */
function urgencyRange(db: OtklikDatabase, register: Register, kind: 'overdue' | 'soonOrOverdue', now: Date) {
  const at = now.toISOString();
  return kind === 'overdue'
    ? db.urgencyDue.where(':id').between([register, Dexie.minKey], [register, at], true, false)
    : db.urgencySoon.where(':id').between([register, Dexie.minKey], [register, at, Dexie.maxKey], true, true);
}

async function urgentIds(
  db: OtklikDatabase,
  register: Register,
  urgency: Urgency,
  now: Date,
): Promise<Set<string>> {
  const read = async (kind: 'overdue' | 'soonOrOverdue') =>
    (await urgencyRange(db, register, kind, now).primaryKeys()).map((key) => key[2]);
  const overdue = await read('overdue');
  if (urgency === 'overdue') return new Set(overdue);
  const late = new Set(overdue);
  return new Set((await read('soonOrOverdue')).filter((id) => !late.has(id)));
}

/**
 * R11 at a glance: how many complaints of a register are overdue and due soon at `now`: two key counts of
 * the urgency mirrors (every overdue complaint is also past its due-soon instant).
 */
export async function urgencyCounts(
  db: OtklikDatabase,
  register: Register,
  now: Date,
): Promise<Record<Urgency, number>> {
  const [overdue, soonOrOverdue] = await Promise.all([
    urgencyRange(db, register, 'overdue', now).count(),
    urgencyRange(db, register, 'soonOrOverdue', now).count(),
  ]);
  return { overdue, due_soon: soonOrOverdue - overdue };
}

/** Whether this workstation has any complaint at all (an empty list says "none yet", not "nothing found"). */
export async function hasComplaints(db: OtklikDatabase): Promise<boolean> {
  return (await db.complaints.limit(1).primaryKeys()).length > 0;
}

export function getComplaint(db: OtklikDatabase, id: string): Promise<StoredComplaint | undefined> {
  return db.complaints.get(id);
}

/** The history in the order it happened. */
export function complaintHistory(db: OtklikDatabase, complaintId: string): Promise<ComplaintEvent[]> {
  return db.events.where('[complaintId+at]').between([complaintId, ''], [complaintId, '\uffff']).toArray();
}

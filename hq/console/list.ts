import type { Pool, PoolClient } from 'pg';
import { consoleDueState } from '../../shared/console/complaint-row';
import type { ComplaintListItem, complaintListQuerySchema } from '../../shared/console/protocol';
import { consoleSearchQuery } from '../../shared/console/search';
import { isMoney, type Money } from '../../shared/documents/money';
import type { z } from 'zod';
import { inTransaction } from '../db/database';
import { HqError } from '../errors';
import type { ConsolePrincipal } from '../people/sessions';
import { scopeCondition } from './scope';

/**
 * The register of every complaint the user may see (issue 14): filters, full-text search, two orders and
 * keyset paging, health-and-safety first (R13). Each page is at most two index range scans — one for
 * health-and-safety complaints, one for the rest — each starting after the cursor, so the millionth row
 * costs what the first does.
 */

export type ListQuery = z.output<typeof complaintListQuerySchema>;

interface Cursor {
  /** the sort the cursor belongs to */
  s: 'registered' | 'due';
  /** health and safety of the last row */
  h: boolean;
  /** its sort key: registered_at or due_sort, as text */
  k: string;
  i: string;
}

const badCursor = () =>
  new HqError(400, 'bad_request', 'This page cursor is not valid; start from the first page.');

function decodeCursor(text: string | undefined, sort: Cursor['s']): Cursor | undefined {
  if (!text) return undefined;
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    const keyOk = c.k === 'infinity' || !Number.isNaN(Date.parse(c.k));
    if (c.s !== sort || typeof c.h !== 'boolean' || !keyOk || !/^[0-9a-f-]{36}$/.test(c.i)) throw badCursor();
    return c;
  } catch {
    throw badCursor();
  }
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

export const LIST_COLUMNS = `c.id, c.number, b.code AS branch_code, c.status, c.channel, c.category, c.severity,
  c.health_safety, c.confidential, c.record->'customer'->>'name' AS customer_name,
  left(c.record->>'description', 300) AS summary, c.registered_at, c.next_due_at, c.next_due_kind,
  c.due_soon_at, c.due_sort, c.escalated, c.owner_id, c.owner_name, c.approval_pending_since,
  CASE WHEN c.approval_pending_since IS NOT NULL THEN c.record->'progress'->'compensation'->'amount' END
    AS approval_amount`;

export interface ListRow {
  id: string;
  number: string;
  branch_code: string;
  status: ComplaintListItem['status'];
  channel: ComplaintListItem['channel'];
  category: ComplaintListItem['category'];
  severity: ComplaintListItem['severity'];
  health_safety: boolean;
  confidential: boolean;
  customer_name: string | null;
  summary: string | null;
  registered_at: string;
  next_due_at: string | null;
  next_due_kind: string | null;
  due_soon_at: string | null;
  due_sort: string;
  escalated: boolean;
  owner_id: string | null;
  owner_name: string | null;
  approval_pending_since: string | null;
  approval_amount: Money | null;
}

export function listItem(r: ListRow, now: Date): ComplaintListItem {
  return {
    id: r.id,
    number: r.number,
    branchCode: r.branch_code,
    status: r.status,
    channel: r.channel,
    category: r.category,
    severity: r.severity,
    healthAndSafety: r.health_safety,
    confidential: r.confidential,
    customerName: r.customer_name ?? '',
    summary: r.summary ?? '',
    registeredAt: r.registered_at,
    ...(r.next_due_at ? { nextDueAt: r.next_due_at } : {}),
    ...(r.next_due_kind ? { nextDueKind: r.next_due_kind } : {}),
    dueState: consoleDueState({ nextDueAt: r.next_due_at, dueSoonAt: r.due_soon_at }, now),
    escalated: r.escalated,
    ...(r.owner_id ? { owner: { id: r.owner_id, name: r.owner_name ?? '' } } : {}),
    ...(r.approval_pending_since && isMoney(r.approval_amount)
      ? { awaitingApproval: { amount: r.approval_amount, since: r.approval_pending_since } }
      : {}),
  };
}

/** The WHERE conditions of the filters (scope included), with their parameters appended to `params`. */
async function filterConditions(
  pool: Pool,
  principal: ConsolePrincipal,
  q: ListQuery,
  params: unknown[],
  now: Date,
): Promise<string[]> {
  const where = [scopeCondition(principal, params)];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (q.branch && q.branch.length > 0) {
    const { rows } = await pool.query<{ id: number }>(
      'SELECT id FROM branches WHERE code = ANY($1::text[])',
      [q.branch.map((b) => b.toUpperCase())],
    );
    add(
      (n) => `c.branch_id = ANY($${n}::bigint[])`,
      rows.map((r) => r.id),
    );
  }
  if (q.status?.length) add((n) => `c.status = ANY($${n}::text[])`, q.status);
  if (q.channel?.length) add((n) => `c.channel = ANY($${n}::text[])`, q.channel);
  if (q.category?.length) add((n) => `c.category = ANY($${n}::text[])`, q.category);
  if (q.severity?.length) add((n) => `c.severity = ANY($${n}::text[])`, q.severity);
  if (q.escalated) add((n) => `c.escalated = $${n}`, q.escalated === 'true');
  if (q.approval === 'pending') where.push('c.approval_pending_since IS NOT NULL');
  if (q.owner) add((n) => `c.owner_id = $${n}::uuid`, q.owner === 'me' ? principal.user.id : q.owner);
  if (q.due) {
    params.push(now.toISOString());
    const t = `$${params.length}::timestamptz`;
    if (q.due === 'overdue') where.push(`c.next_due_at < ${t}`);
    else if (q.due === 'soon') where.push(`c.next_due_at >= ${t} AND c.due_soon_at <= ${t}`);
    else where.push(`c.due_soon_at > ${t}`);
  }
  return where;
}

/** Search: the newest this many rows (under the other filters) are looked through before the index is asked. */
export const SEARCH_WINDOW = 1000;

interface Part {
  hs: boolean;
  /** Conditions of this part (filters, health and safety, the cursor), the search left out. */
  where: string[];
}

/**
 * The ordered ids of one part. Without search: an index-only walk of the order's covering index (every
 * filter column is in it). With search there is no good estimate of how many rows a word matches (the
 * planner guesses 0.5 % for any word it has no statistics of, and walks a million rows for a rare one), so:
 * the newest SEARCH_WINDOW rows are checked first — a common word fills the page there — and only when the
 * page is not full and the window was, the GIN index is asked for every match (then a rare or mid-frequency
 * word: few enough rows to sort).
 */
async function partIds(
  client: PoolClient,
  part: Part,
  params: unknown[],
  order: { key: string; sql: string },
  want: number,
  tsquery: string | undefined,
  searchWindow: number,
): Promise<Array<{ id: string }>> {
  const args = [...params, want];
  const limit = `$${args.length}`;
  const where = part.where.join(' AND ');
  const ordered = `SELECT c.id, ${order.key} AS k FROM complaints c WHERE ${where} ORDER BY ${order.sql}`;
  if (tsquery === undefined)
    return (await client.query<{ id: string }>(`${ordered} LIMIT ${limit}`, args)).rows;
  args.push(tsquery, searchWindow);
  const [q, window] = [`$${args.length - 1}::tsquery`, `$${args.length}`];
  const outer = order.sql.replaceAll('c.id', 'w.id').replaceAll(order.key, 'w.k');
  const found = await client.query<{ id: string }>(
    `SELECT w.id FROM (${ordered} LIMIT ${window}) w JOIN complaints m ON m.id = w.id
      WHERE m.search @@ ${q} ORDER BY ${outer} LIMIT ${limit}`,
    args,
  );
  if (found.rows.length >= want) return found.rows;
  const seen = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (${ordered} LIMIT $${params.length + 1}) w`,
    [...params, searchWindow],
  );
  if (seen.rows[0]!.n < searchWindow) return found.rows; // the window held every row: nothing more matches
  // Every match through the GIN index (a bitmap), then sorted: the planner is kept off the ordered walk.
  await client.query('SET LOCAL enable_indexscan = off');
  await client.query('SET LOCAL enable_indexonlyscan = off');
  const all = await client.query<{ id: string }>(
    `SELECT c.id FROM complaints c WHERE ${where} AND c.search @@ $${params.length + 2}::tsquery
      ORDER BY ${order.sql} LIMIT $${params.length + 1}`,
    [...params, want, tsquery],
  );
  await client.query('SET LOCAL enable_indexscan = on');
  await client.query('SET LOCAL enable_indexonlyscan = on');
  return all.rows;
}

/** One page of the register. */
export async function listComplaints(
  pool: Pool,
  principal: ConsolePrincipal,
  q: ListQuery,
  now = new Date(),
  /** Tests: a small window takes the GIN path of a search as a large register would. */
  searchWindow = SEARCH_WINDOW,
): Promise<{ items: ComplaintListItem[]; nextCursor?: string }> {
  const cursor = decodeCursor(q.cursor, q.sort);
  const params: unknown[] = [];
  const where = await filterConditions(pool, principal, q, params, now);
  const tsquery = q.q !== undefined && q.q.trim() !== '' ? consoleSearchQuery(q.q) : undefined;
  if (q.q !== undefined && q.q.trim() !== '' && tsquery === undefined) return { items: [] };
  const key = q.sort === 'due' ? 'c.due_sort' : 'c.registered_at';
  const order = { key, sql: q.sort === 'due' ? `${key}, c.id` : `${key} DESC, c.id DESC` };
  // Health-and-safety complaints first: their part, then the others' (only the part the cursor is in, on).
  const parts: Part[] = (cursor ? (cursor.h ? [true, false] : [false]) : [true, false]).map((hs) => {
    const conditions = [...where, `c.health_safety = ${hs}`];
    if (cursor && cursor.h === hs) {
      params.push(cursor.k, cursor.i);
      const k = `$${params.length - 1}::timestamptz`;
      const i = `$${params.length}::uuid`;
      conditions.push(q.sort === 'due' ? `(${key}, c.id) > (${k}, ${i})` : `(${key}, c.id) < (${k}, ${i})`);
    }
    return { hs, where: conditions };
  });
  const ids = await inTransaction(pool, async (client) => {
    const found: string[] = [];
    for (const part of parts) {
      if (found.length > q.limit) break;
      const rows = await partIds(
        client,
        part,
        params,
        order,
        q.limit + 1 - found.length,
        tsquery,
        searchWindow,
      );
      found.push(...rows.map((r) => r.id));
    }
    return found;
  });
  if (ids.length === 0) return { items: [] };
  // The page's rows, by id (the order is the ids').
  const { rows } = await pool.query<ListRow>(
    `SELECT ${LIST_COLUMNS} FROM complaints c JOIN branches b ON b.id = c.branch_id WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids.map((id) => byId.get(id)!).filter(Boolean);
  const page = ordered.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    ordered.length > q.limit && last
      ? encodeCursor({
          s: q.sort,
          h: last.health_safety,
          k: q.sort === 'due' ? last.due_sort : last.registered_at,
          i: last.id,
        })
      : undefined;
  return { items: page.map((r) => listItem(r, now)), ...(nextCursor ? { nextCursor } : {}) };
}

import type { Pool } from 'pg';
import { consoleDueState } from '../../shared/console/complaint-row';
import type { ComplaintListItem, complaintListQuerySchema } from '../../shared/console/protocol';
import { consoleSearchQuery } from '../../shared/console/search';
import type { z } from 'zod';
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
  c.due_soon_at, c.due_sort, c.escalated, c.owner_id, c.owner_name`;

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
  if (q.owner) add((n) => `c.owner_id = $${n}::uuid`, q.owner === 'me' ? principal.user.id : q.owner);
  if (q.due) {
    params.push(now.toISOString());
    const t = `$${params.length}::timestamptz`;
    if (q.due === 'overdue') where.push(`c.next_due_at < ${t}`);
    else if (q.due === 'soon') where.push(`c.next_due_at >= ${t} AND c.due_soon_at <= ${t}`);
    else where.push(`c.due_soon_at > ${t}`);
  }
  if (q.q !== undefined && q.q.trim() !== '') {
    const tsquery = consoleSearchQuery(q.q);
    // Typed only punctuation: nothing can match it.
    if (tsquery === undefined) where.push('FALSE');
    else add((n) => `c.search @@ $${n}::tsquery`, tsquery);
  }
  return where;
}

/** One page of the register. */
export async function listComplaints(
  pool: Pool,
  principal: ConsolePrincipal,
  q: ListQuery,
  now = new Date(),
): Promise<{ items: ComplaintListItem[]; nextCursor?: string }> {
  const cursor = decodeCursor(q.cursor, q.sort);
  const params: unknown[] = [];
  const where = await filterConditions(pool, principal, q, params, now);
  params.push(q.limit + 1);
  const limit = `$${params.length}`;
  const key = q.sort === 'due' ? 'c.due_sort' : 'c.registered_at';
  const order = q.sort === 'due' ? `${key}, c.id` : `${key} DESC, c.id DESC`;
  // Health-and-safety complaints first: their part, then the others' (only the part the cursor is in, on).
  const parts = cursor ? (cursor.h ? [true, false] : [false]) : [true, false];
  const selects = parts.map((hs, part) => {
    const conditions = [...where, `c.health_safety = ${hs}`];
    if (cursor && cursor.h === hs) {
      params.push(cursor.k, cursor.i);
      const k = `$${params.length - 1}::timestamptz`;
      const i = `$${params.length}::uuid`;
      conditions.push(q.sort === 'due' ? `(${key}, c.id) > (${k}, ${i})` : `(${key}, c.id) < (${k}, ${i})`);
    }
    return `(SELECT ${part} AS part, ${LIST_COLUMNS} FROM complaints c JOIN branches b ON b.id = c.branch_id
              WHERE ${conditions.join(' AND ')} ORDER BY ${order} LIMIT ${limit})`;
  });
  const { rows } = await pool.query<ListRow & { part: number }>(
    `SELECT * FROM (${selects.join(' UNION ALL ')}) u ORDER BY part, ${order.replaceAll('c.', '')}`,
    params,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last
      ? encodeCursor({
          s: q.sort,
          h: last.health_safety,
          k: q.sort === 'due' ? last.due_sort : last.registered_at,
          i: last.id,
        })
      : undefined;
  return { items: page.map((r) => listItem(r, now)), ...(nextCursor ? { nextCursor } : {}) };
}

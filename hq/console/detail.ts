import type { Pool } from 'pg';
import type { Complaint, ComplaintEvent } from '../../shared/complaints/model';
import type { ComplaintDetail } from '../../shared/console/protocol';
import { complaintDueMoments } from '../../shared/deadlines';
import { timelineOf } from '../../shared/lifecycle';
import type { RecourseConfig } from '../../shared/documents/recourse';
import {
  COMPANY_POLICY_COLUMN,
  deadlineInputsOf,
  recourseConfigOf,
  type BranchDeadlineColumns,
} from '../db/complaint-rows';
import { HqError } from '../errors';
import type { ConsolePrincipal } from '../people/sessions';
import { entryStateOf, type EntryStateRow } from '../mail/entry-changes';
import { complaintAttachments } from './attachments';
import { scopeCondition } from './scope';

/**
 * A complaint's page in the console (issue 14): every field, the full history with who did each step, the
 * due moments computed for the branch's own calendar and policy (as HQ holds them), and the feedback-book
 * entries linked to it with their pages, delivery record and mail state. A complaint outside the user's
 * scope is "not found", exactly like one that does not exist.
 */

export const notFound = () =>
  new HqError(404, 'not_found', 'No such complaint (or not one of your branches).');

type Branch = BranchDeadlineColumns & {
  code: string;
  name: string;
  language: string;
  address: string;
  phone: string;
  hours: string;
  head_of_sales_name: string;
  policy: unknown;
};

/** What HQ runs beside the console that a complaint's page names (issue 16 item 4: the status page). */
export interface DetailOptions {
  now?: Date;
  statusPageUrl?: string | undefined;
}

export async function complaintDetail(
  pool: Pool,
  principal: ConsolePrincipal,
  id: string,
  { now = new Date(), statusPageUrl }: DetailOptions = {},
): Promise<ComplaintDetail> {
  const params: unknown[] = [id];
  const scope = scopeCondition(principal, params);
  const found = await pool.query<{ record: Complaint; branch_id: number } & Branch>(
    `SELECT c.record, c.branch_id, b.code, b.name, b.language, b.country, b.time_zone, b.extra_days_off,
            b.extra_working_days, b.ukraine_martial_law, b.policy_id, b.address, b.phone, b.hours,
            b.head_of_sales_name, b.policy, ${COMPANY_POLICY_COLUMN}
       FROM complaints c JOIN branches b ON b.id = c.branch_id WHERE c.id = $1 AND ${scope}`,
    params,
  );
  const row = found.rows[0];
  if (!row) throw notFound();
  const [history, entries, attachments] = await Promise.all([
    complaintHistory(pool, id),
    linkedEntries(pool, id, row.branch_id),
    complaintAttachments(pool, id, row.branch_id),
  ]);
  const complaint = row.record;
  const { calendar, policy } = deadlineInputsOf(row);
  const moments = complaintDueMoments(timelineOf(complaint), calendar, policy, now);
  const owner = complaint.progress.owner;
  return {
    complaint,
    history,
    branch: {
      code: row.code,
      name: row.name,
      country: row.country,
      timeZone: row.time_zone,
      language: row.language,
      // Issue 16: what the complaint's documents are made from in the console.
      address: row.address,
      phone: row.phone,
      hours: row.hours,
      headOfSalesName: row.head_of_sales_name,
      extraDaysOff: calendar.extraDaysOff ?? [],
      extraWorkingDays: calendar.extraWorkingDays ?? [],
      ...(calendar.ukraineMartialLaw !== undefined ? { ukraineMartialLaw: calendar.ukraineMartialLaw } : {}),
      policyId: policy.id,
      ...recourseOf(recourseConfigOf(row)),
    },
    ...(statusPageUrl ? { statusPageUrl } : {}),
    due: moments.map((m) => ({
      kind: m.kind,
      at: m.dueAt.toISOString(),
      met: m.done,
      state: m.state,
      date: m.dueDate,
      ...(m.doneAt ? { doneAt: m.doneAt.toISOString() } : {}),
      ...(m.late !== undefined ? { late: m.late } : {}),
    })),
    ...(owner ? { owner } : {}),
    bookEntries: entries,
    attachments,
  };
}

/** The history in HQ's order, with the actor's id when the event carries one. */
export async function complaintHistory(pool: Pool, complaintId: string): Promise<ComplaintEvent[]> {
  const { rows } = await pool.query<{
    id: string;
    complaint_id: string;
    type: ComplaintEvent['type'];
    at: string;
    actor: string;
    actor_id: string | null;
    data: Record<string, unknown>;
  }>(
    `SELECT id, complaint_id, type, at, actor, actor_id, data FROM complaint_events
      WHERE complaint_id = $1 ORDER BY hq_seq`,
    [complaintId],
  );
  return rows.map((r) => ({
    id: r.id,
    complaintId: r.complaint_id,
    type: r.type,
    at: r.at,
    actor: r.actor,
    ...(r.actor_id ? { actorId: r.actor_id } : {}),
    data: r.data,
  }));
}

/** The complaint's submitted feedback-book entries of its own branch, pages in their final order. */
async function linkedEntries(
  pool: Pool,
  complaintId: string,
  branchId: number,
): Promise<ComplaintDetail['bookEntries']> {
  const { rows } = await pool.query<
    EntryStateRow & {
      captured_at: string;
      deadline: string;
      pages: Array<{ pageNo: number; sha256: string; width: number | null; height: number | null }>;
    }
  >(
    `SELECT e.id, e.captured_at, e.deadline, e.delivery, e.escalated_at, e.escalated_to,
            j.status AS mail_status, j.attempts, j.last_error, j.last_error_kind,
            (SELECT count(*)::int FROM book_entry_photos_missing m WHERE m.entry_id = e.id) AS missing,
            coalesce((SELECT jsonb_agg(jsonb_build_object('pageNo', p.final_page_no, 'sha256', p.sha256,
                                                          'width', p.width, 'height', p.height)
                                       ORDER BY p.final_page_no)
                        FROM book_pages p WHERE p.entry_id = e.id AND p.final_page_no IS NOT NULL), '[]') AS pages
       FROM book_entries e LEFT JOIN mail_outbox j ON j.entry_id = e.id AND j.kind = 'book_entry'
      WHERE e.complaint_id = $1 AND e.branch_id = $2
      ORDER BY e.captured_at, e.id`,
    [complaintId, branchId],
  );
  return rows.map((r) => ({
    id: r.id,
    capturedAt: r.captured_at,
    deadline: r.deadline,
    pages: r.pages.map((p) => ({
      pageNo: p.pageNo,
      sha256: p.sha256,
      width: p.width ?? 0,
      height: p.height ?? 0,
    })),
    state: entryStateOf(r),
  }));
}

/**
 * A feedback-book photo for the console: its bytes' media type when a page of a branch in the user's scope
 * has it, else undefined (the route answers 404, exactly as for a photo that does not exist).
 */
export async function scopedPhoto(
  pool: Pool,
  principal: ConsolePrincipal,
  sha256: string,
): Promise<{ mime: string } | undefined> {
  const params: unknown[] = [sha256];
  const scope = scopeCondition(principal, params, 'p.branch_id');
  const { rows } = await pool.query<{ mime: string | null }>(
    `SELECT p.mime FROM book_pages p WHERE p.sha256 = $1 AND ${scope}
      ORDER BY p.mime IS NULL LIMIT 1`,
    params,
  );
  return rows[0] && { mime: rows[0].mime ?? 'image/jpeg' };
}

/** The configured routes, when there are any (none: the console's documents use the shipped table). */
function recourseOf(config: RecourseConfig): { recourse?: RecourseConfig } {
  return Object.keys(config).length ? { recourse: config } : {};
}

import type { PoolClient } from 'pg';
import type { Complaint } from '../../shared/complaints/model';
import { complaintRow, type ComplaintRow } from '../../shared/console/complaint-row';
import {
  DEFAULT_POLICY_ID,
  POLICY_PRESETS,
  UKRAINE_MARTIAL_LAW_DEFAULT,
  type BranchCalendar,
  type ConsiderationPolicy,
  type PolicyPresetId,
} from '../../shared/deadlines';
import type { RecourseConfig } from '../../shared/documents/recourse';
import { parsePolicyLayer } from '../../shared/settings/policy-layers';

/**
 * The console's indexed columns beside each complaint's record (issue 14, shared/console/complaint-row.ts):
 * written by the complaints domain whenever events change a complaint, by the branch administration when a
 * calendar or policy changes, and once by migration 005 for the complaints HQ already had. SQL only here;
 * what the columns hold is the shared rule.
 */

/** A branch's deadline inputs as HQ keeps them (migration 005: NULL = HQ has not set it). */
export interface BranchDeadlineColumns {
  country: string;
  time_zone: string;
  extra_days_off: string[] | null;
  extra_working_days: string[] | null;
  ukraine_martial_law: boolean | null;
  policy_id: string | null;
  /** Issue 15 item 7 (migration 014): the company's policy layer, under the branch's columns. */
  company_policy?: unknown;
}

/** The company layer beside a branch row (one row, id 1; a subquery, so it reads in the branch's query). */
export const COMPANY_POLICY_COLUMN =
  '(SELECT cs.policy FROM company_settings cs WHERE cs.id = 1) AS company_policy';

/** The branch's own deadline inputs (issue 14), as migrations before 014 have them. */
const BRANCH_OWN_DEADLINE_COLUMNS =
  'country, time_zone, extra_days_off, extra_working_days, ukraine_martial_law, policy_id';
export const BRANCH_DEADLINE_COLUMNS = `${BRANCH_OWN_DEADLINE_COLUMNS}, ${COMPANY_POLICY_COLUMN}`;

/**
 * R17 (issue 15): the recourse routes HQ configured for a branch — per country its own layer's (`policy`),
 * else the company's; a document fills the other countries from the shipped table (recourseTableOf). The
 * console's and the e-mailed decision letters so name the routes the branch's own letter names.
 */
export function recourseConfigOf(b: { policy?: unknown; company_policy?: unknown }): RecourseConfig {
  return { ...parsePolicyLayer(b.company_policy).recourse, ...parsePolicyLayer(b.policy).recourse };
}

/**
 * The calendar and consideration policy HQ computes a branch's due moments with (R10): the branch's own
 * columns, else the company's layer, else the defaults (what a branch HQ sets nothing for uses).
 */
export function deadlineInputsOf(b: BranchDeadlineColumns): {
  calendar: BranchCalendar;
  policy: ConsiderationPolicy;
} {
  const company = parsePolicyLayer(b.company_policy);
  return {
    calendar: {
      country: b.country,
      timeZone: b.time_zone,
      extraDaysOff: b.extra_days_off ?? company.extraDaysOff ?? [],
      extraWorkingDays: b.extra_working_days ?? company.extraWorkingDays ?? [],
      ukraineMartialLaw: b.ukraine_martial_law ?? company.ukraineMartialLaw ?? UKRAINE_MARTIAL_LAW_DEFAULT,
    },
    policy:
      POLICY_PRESETS[(b.policy_id ?? company.policyId ?? DEFAULT_POLICY_ID) as PolicyPresetId] ??
      POLICY_PRESETS[DEFAULT_POLICY_ID],
  };
}

/**
 * `company`: read the company's layer too (migration 014's table); false only for a migration that runs
 * before that table exists (migration 005's backfill), when there is no company layer yet.
 */
export async function branchDeadlineInputs(client: PoolClient, branchId: number, company = true) {
  const { rows } = await client.query<BranchDeadlineColumns>(
    `SELECT ${company ? BRANCH_DEADLINE_COLUMNS : BRANCH_OWN_DEADLINE_COLUMNS} FROM branches WHERE id = $1`,
    [branchId],
  );
  return deadlineInputsOf(rows[0]!);
}

/** The columns of a row by their SQL names (without the two derived from them: due_sort and search). */
export function complaintRowColumns(row: ComplaintRow) {
  return {
    category: row.category,
    severity: row.severity,
    health_safety: row.healthAndSafety,
    owner_id: row.ownerId,
    owner_name: row.ownerName,
    escalated: row.escalated,
    next_due_at: row.nextDueAt,
    next_due_kind: row.nextDueKind,
    due_soon_at: row.dueSoonAt,
    approval_pending_since: row.approvalPendingSince,
    words: row.searchWords,
  };
}

/**
 * Which schema the columns are written to: the current one, or the one migration 005's backfill runs on
 * (before migration 014's company layer and migration 015's approval column exist).
 */
export type RowSchema = 'current' | '005';

/** Writes the columns of many complaints in one statement. */
export async function writeComplaintRows(
  client: PoolClient,
  rows: ReadonlyArray<{ id: string; row: ComplaintRow }>,
  schema: RowSchema = 'current',
): Promise<void> {
  if (rows.length === 0) return;
  const approval = schema === 'current';
  await client.query(
    `UPDATE complaints c SET category = x.category, severity = x.severity, health_safety = x.health_safety,
       owner_id = x.owner_id, owner_name = x.owner_name, escalated = x.escalated, next_due_at = x.next_due_at,
       next_due_kind = x.next_due_kind, due_soon_at = x.due_soon_at,
       ${approval ? 'approval_pending_since = x.approval_pending_since,' : ''}
       due_sort = coalesce(x.next_due_at, 'infinity'::timestamptz),
       search = array_to_tsvector(x.words)
     FROM (SELECT r.id, r.category, r.severity, r.health_safety, r.owner_id, r.owner_name, r.escalated,
                  r.next_due_at, r.next_due_kind, r.due_soon_at, r.approval_pending_since,
                  ARRAY(SELECT jsonb_array_elements_text(r.words)) AS words
             FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, category text, severity text, health_safety boolean,
               owner_id uuid, owner_name text, escalated boolean, next_due_at timestamptz, next_due_kind text,
               due_soon_at timestamptz, approval_pending_since timestamptz, words jsonb)) x
    WHERE c.id = x.id`,
    [JSON.stringify(rows.map(({ id, row }) => ({ id, ...complaintRowColumns(row) })))],
  );
}

/** Recomputes one complaint's columns from its stored record (after its history changed). */
export async function refreshComplaintRow(client: PoolClient, complaintId: string): Promise<void> {
  const { rows } = await client.query<{ branch_id: number; record: Complaint }>(
    'SELECT branch_id, record FROM complaints WHERE id = $1',
    [complaintId],
  );
  const c = rows[0];
  if (!c) return;
  const { calendar, policy } = await branchDeadlineInputs(client, c.branch_id);
  await writeComplaintRows(client, [{ id: complaintId, row: complaintRow(c.record, calendar, policy) }]);
}

/**
 * Recomputes the columns of every complaint of a branch (its calendar or policy changed; migration 005),
 * `batch` at a time in id order. Returns how many complaints it went through.
 */
export async function refreshBranchRows(
  client: PoolClient,
  branchId: number,
  batch = 2000,
  schema: RowSchema = 'current',
): Promise<number> {
  const { calendar, policy } = await branchDeadlineInputs(client, branchId, schema === 'current');
  let after = '00000000-0000-0000-0000-000000000000';
  let total = 0;
  for (;;) {
    const { rows } = await client.query<{ id: string; record: Complaint }>(
      'SELECT id, record FROM complaints WHERE branch_id = $1 AND id > $2 ORDER BY id LIMIT $3',
      [branchId, after, batch],
    );
    if (rows.length === 0) return total;
    await writeComplaintRows(
      client,
      rows.map((r) => ({ id: r.id, row: complaintRow(r.record, calendar, policy) })),
      schema,
    );
    total += rows.length;
    after = rows.at(-1)!.id;
  }
}

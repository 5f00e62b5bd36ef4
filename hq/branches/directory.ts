import type { Pool, PoolClient } from 'pg';
import { isValidBranchCode } from '../../shared/complaints/numbering';
import { isValidPhone } from '../../shared/complaints/validation';
import { COUNTRIES, DEFAULT_TIME_ZONE, isLanguage, type Country } from '../../shared/settings/workstation';
import {
  branchDirectorySchema,
  DIRECTORY_LIMITS,
  MAX_CALENDAR_EXTRAS,
  type BranchDirectory,
  type Change,
} from '../../shared/sync/protocol';
import { isLocalDate } from '../../shared/time/local-date';
import { isValidTimeZone } from '../../shared/time/zoned';
import { POLICY_PRESET_IDS } from '../../shared/deadlines/policies';
import { recordAudit, SYSTEM, type AuditContext } from '../audit/log';
import { refreshBranchRows } from '../db/complaint-rows';
import { inTransaction } from '../db/database';
import { HqError } from '../errors';
import { branchLayerOf, readCompany, type CompanySettings } from './policy';
import { nextVersion } from './versions';

/**
 * The branch directory (issue 6): each branch's name, country, zone, language, and who receives its
 * feedback-book mail. Set by the admin commands at HQ; the branch receives it at enrollment and on pull.
 * Issue 14: also its calendar extras and consideration policy (NULL until HQ sets them), from which HQ
 * computes the branch's due moments; changing any input of those recomputes them for every complaint of
 * the branch, in the same transaction. Every change is audited.
 */

/** The deadline inputs HQ may set; null: HQ no longer sets it (the branch keeps its own). */
export interface BranchDeadlineInput {
  extraDaysOff?: string[] | null;
  extraWorkingDays?: string[] | null;
  ukraineMartialLaw?: boolean | null;
  policyId?: string | null;
}

export type BranchInput = Partial<
  Omit<BranchDirectory, 'extraDaysOff' | 'extraWorkingDays' | 'ukraineMartialLaw' | 'policyId'>
> &
  BranchDeadlineInput & { code: string };

export interface BranchRow {
  id: number;
  code: string;
  name: string;
  country: string;
  time_zone: string;
  language: string;
  manager_name: string;
  manager_email: string;
  head_of_sales_name: string;
  head_of_sales_email: string;
  extra_days_off: string[] | null;
  extra_working_days: string[] | null;
  ukraine_martial_law: boolean | null;
  policy_id: string | null;
  /** Migration 014: the branch layer's other fields (hq/branches/policy). */
  policy?: unknown;
  /** Issue 16 item 3 (migration 012): '' when not set. */
  address: string;
  phone: string;
  hours: string;
}

/**
 * The branch's directory entry. With the company's settings (issue 15 items 3 and 7): the company name and
 * both policy layers, and the calendar fields as they resolve at HQ (branch, else company) for workstations
 * that predate the layers. Without: the entry as issue 14 sent it (the audit's before/after).
 */
export function directoryOf(row: BranchRow, company?: CompanySettings): BranchDirectory {
  const branchLayer = company ? branchLayerOf(row) : undefined;
  const hq = company ? { ...company.policy, ...branchLayer } : undefined;
  const col = <T>(v: T | null, fromHq: T | undefined) => (v !== null ? v : fromHq);
  const calendar = {
    extraDaysOff: col(row.extra_days_off, hq?.extraDaysOff),
    extraWorkingDays: col(row.extra_working_days, hq?.extraWorkingDays),
    ukraineMartialLaw: col(row.ukraine_martial_law, hq?.ukraineMartialLaw),
    policyId: col(row.policy_id, hq?.policyId),
  };
  return branchDirectorySchema.parse({
    ...Object.fromEntries(Object.entries(calendar).filter(([, v]) => v !== undefined)),
    ...(company
      ? { companyName: company.name, policy: { company: company.policy, branch: branchLayer } }
      : {}),
    ...(row.address ? { address: row.address } : {}),
    ...(row.phone ? { phone: row.phone } : {}),
    ...(row.hours ? { hours: row.hours } : {}),
    code: row.code,
    name: row.name,
    country: row.country,
    timeZone: row.time_zone,
    language: row.language,
    managerName: row.manager_name,
    managerEmail: row.manager_email,
    headOfSalesName: row.head_of_sales_name,
    headOfSalesEmail: row.head_of_sales_email,
  });
}

function validateBranch(input: BranchInput): void {
  if (!isValidBranchCode(input.code))
    throw new HqError(400, 'invalid_body', `Not a branch code: "${input.code}" (e.g. MSK-01)`);
  if (input.country !== undefined && !(COUNTRIES as readonly string[]).includes(input.country))
    throw new HqError(400, 'invalid_body', `Country must be one of ${COUNTRIES.join(', ')}`);
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone))
    throw new HqError(400, 'invalid_body', `Not a time zone: "${input.timeZone}"`);
  if (input.language !== undefined && !isLanguage(input.language))
    throw new HqError(400, 'invalid_body', `Not a language: "${input.language}"`);
  // Issue 13: what HQ sends down must fit the branch's own limits (or every pull would be refused there).
  const longest = {
    name: DIRECTORY_LIMITS.name,
    managerName: DIRECTORY_LIMITS.person,
    headOfSalesName: DIRECTORY_LIMITS.person,
    managerEmail: DIRECTORY_LIMITS.email,
    headOfSalesEmail: DIRECTORY_LIMITS.email,
    address: DIRECTORY_LIMITS.address,
    phone: DIRECTORY_LIMITS.phone,
    hours: DIRECTORY_LIMITS.hours,
  } as const;
  for (const [field, max] of Object.entries(longest))
    if ((input[field as keyof typeof longest]?.length ?? 0) > max)
      throw new HqError(400, 'invalid_body', `${field} may be at most ${max} characters`);
  for (const field of ['extraDaysOff', 'extraWorkingDays'] as const) {
    const dates = input[field];
    if (dates && (dates.length > MAX_CALENDAR_EXTRAS || dates.some((d) => !isLocalDate(d))))
      throw new HqError(
        400,
        'invalid_body',
        `${field} must be at most ${MAX_CALENDAR_EXTRAS} dates YYYY-MM-DD`,
      );
  }
  // Issue 16 item 3: printed on the customer's documents — one line each, a phone of phone characters.
  for (const field of ['address', 'phone', 'hours'] as const)
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (input[field] !== undefined && /[\u0000-\u001f\u007f]/.test(input[field]))
      throw new HqError(400, 'invalid_body', `${field} must be one line of text`);
  if (input.phone && !isValidPhone(input.phone))
    throw new HqError(400, 'invalid_body', 'phone: digits, spaces, +, brackets and dashes; 5 to 15 digits');
  if (input.policyId && !(POLICY_PRESET_IDS as readonly string[]).includes(input.policyId))
    throw new HqError(400, 'invalid_body', `policyId must be one of ${POLICY_PRESET_IDS.join(', ')}`);
}

/** The fields a branch change may name, and the column of each (json: stored as jsonb). */
const FIELDS: ReadonlyArray<[keyof BranchInput, string, 'json'?]> = [
  ['name', 'name'],
  ['country', 'country'],
  ['timeZone', 'time_zone'],
  ['language', 'language'],
  ['managerName', 'manager_name'],
  ['managerEmail', 'manager_email'],
  ['headOfSalesName', 'head_of_sales_name'],
  ['headOfSalesEmail', 'head_of_sales_email'],
  ['extraDaysOff', 'extra_days_off', 'json'],
  ['extraWorkingDays', 'extra_working_days', 'json'],
  ['ukraineMartialLaw', 'ukraine_martial_law'],
  ['policyId', 'policy_id'],
  ['address', 'address'],
  ['phone', 'phone'],
  ['hours', 'hours'],
];
/** A change of any of these moves the branch's due moments. */
const DEADLINE_INPUTS = new Set<keyof BranchInput>([
  'country',
  'timeZone',
  'extraDaysOff',
  'extraWorkingDays',
  'ukraineMartialLaw',
  'policyId',
]);

/**
 * The directory admin command (issue 6): creates the branch or changes the fields given — who receives its
 * feedback-book mail. The branch gets the entry with its next pull and uses it instead of local settings.
 */
export async function updateDirectory(
  pool: Pool,
  input: BranchInput,
  ctx: AuditContext = SYSTEM,
): Promise<BranchDirectory> {
  return inTransaction(pool, async (client) => directoryOf(await upsertBranch(client, input, ctx)));
}

/**
 * Creates the branch, or changes the fields given; a change of an existing branch gets a new version, so
 * the branch's next pull carries its directory entry.
 */
export async function upsertBranch(
  client: PoolClient,
  input: BranchInput,
  ctx: AuditContext = SYSTEM,
): Promise<BranchRow> {
  input = { ...input };
  for (const field of ['address', 'phone', 'hours'] as const)
    if (input[field]) input[field] = input[field].trim();
  validateBranch(input);
  const country = (input.country ?? 'RU') as Country;
  const existing = await client.query<BranchRow>('SELECT * FROM branches WHERE code = $1 FOR UPDATE', [
    input.code,
  ]);
  const value = (k: keyof BranchInput, json?: 'json') => {
    const v = input[k];
    return json && v !== null && v !== undefined ? JSON.stringify(v) : v;
  };
  let row = existing.rows[0];
  if (!row) {
    const inserted = await client.query<BranchRow>(
      `INSERT INTO branches (code, name, country, time_zone, language, manager_name, manager_email,
         head_of_sales_name, head_of_sales_email, extra_days_off, extra_working_days, ukraine_martial_law, policy_id,
         address, phone, hours)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING *`,
      [
        input.code,
        input.name ?? input.code,
        country,
        input.timeZone ?? DEFAULT_TIME_ZONE[country],
        input.language ?? 'ru',
        input.managerName ?? '',
        input.managerEmail ?? '',
        input.headOfSalesName ?? '',
        input.headOfSalesEmail ?? '',
        value('extraDaysOff', 'json') ?? null,
        value('extraWorkingDays', 'json') ?? null,
        input.ukraineMartialLaw ?? null,
        input.policyId ?? null,
        input.address ?? '',
        input.phone ?? '',
        input.hours ?? '',
      ],
    );
    row = inserted.rows[0]!;
    await recordAudit(client, ctx, 'branch.add', `branch:${row.code}`, { after: directoryOf(row) });
    return row;
  }
  const changed = FIELDS.filter(([k]) => input[k] !== undefined);
  if (changed.length === 0) return row;
  const version = await nextVersion(client, row.id);
  const sets = changed.map(([, col, json], i) => `${col} = $${i + 3}${json ? '::jsonb' : ''}`).join(', ');
  const before = row;
  const updated = await client.query<BranchRow>(
    `UPDATE branches SET ${sets}, changed_version = $2, updated_at = now() WHERE id = $1 RETURNING *`,
    [row.id, version, ...changed.map(([k, , json]) => value(k, json))],
  );
  row = updated.rows[0]!;
  if (changed.some(([k]) => DEADLINE_INPUTS.has(k))) await refreshBranchRows(client, row.id);
  await recordAudit(client, ctx, 'branch.change', `branch:${row.code}`, {
    before: directoryOf(before),
    after: directoryOf(row),
  });
  return row;
}

/** The directory entry as a pull change, when it changed after `cursor` (the branch's own entry only). */
export async function directoryChanges(pool: Pool, branchId: number, cursor: number): Promise<Change[]> {
  const { rows } = await pool.query<BranchRow & { changed_version: number }>(
    'SELECT * FROM branches WHERE id = $1 AND changed_version > $2',
    [branchId, cursor],
  );
  if (rows.length === 0) return [];
  const company = await readCompany(pool);
  return rows.map((r) => ({ version: r.changed_version, kind: 'branch', branch: directoryOf(r, company) }));
}

import type { Pool, PoolClient } from 'pg';
import { isValidBranchCode } from '../../shared/complaints/numbering';
import { COUNTRIES, DEFAULT_TIME_ZONE, isLanguage, type Country } from '../../shared/settings/workstation';
import {
  branchDirectorySchema,
  DIRECTORY_LIMITS,
  type BranchDirectory,
  type Change,
} from '../../shared/sync/protocol';
import { isValidTimeZone } from '../../shared/time/zoned';
import { inTransaction } from '../db/database';
import { nextVersion } from './versions';

/**
 * The branch directory (issue 6): each branch's name, country, zone, language, and who receives its
 * feedback-book mail. Set by the admin commands at HQ; the branch receives it at enrollment and on pull.
 */

export type BranchInput = Partial<BranchDirectory> & { code: string };

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
}

export function directoryOf(row: BranchRow): BranchDirectory {
  return branchDirectorySchema.parse({
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
  if (!isValidBranchCode(input.code)) throw new Error(`Not a branch code: "${input.code}" (e.g. MSK-01)`);
  if (input.country !== undefined && !(COUNTRIES as readonly string[]).includes(input.country))
    throw new Error(`Country must be one of ${COUNTRIES.join(', ')}`);
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone))
    throw new Error(`Not a time zone: "${input.timeZone}"`);
  if (input.language !== undefined && !isLanguage(input.language))
    throw new Error(`Not a language: "${input.language}"`);
  // Issue 13: what HQ sends down must fit the branch's own limits (or every pull would be refused there).
  const longest = {
    name: DIRECTORY_LIMITS.name,
    managerName: DIRECTORY_LIMITS.person,
    headOfSalesName: DIRECTORY_LIMITS.person,
    managerEmail: DIRECTORY_LIMITS.email,
    headOfSalesEmail: DIRECTORY_LIMITS.email,
  } as const;
  for (const [field, max] of Object.entries(longest))
    if ((input[field as keyof typeof longest]?.length ?? 0) > max)
      throw new Error(`${field} may be at most ${max} characters`);
}

/**
 * The directory admin command (issue 6): creates the branch or changes the fields given — who receives its
 * feedback-book mail. The branch gets the entry with its next pull and uses it instead of local settings.
 */
export async function updateDirectory(pool: Pool, input: BranchInput): Promise<BranchDirectory> {
  return inTransaction(pool, async (client) => directoryOf(await upsertBranch(client, input)));
}

/**
 * Creates the branch, or changes the fields given; a change of an existing branch gets a new version, so
 * the branch's next pull carries its directory entry.
 */
export async function upsertBranch(client: PoolClient, input: BranchInput): Promise<BranchRow> {
  validateBranch(input);
  const country = (input.country ?? 'RU') as Country;
  const existing = await client.query<BranchRow>('SELECT * FROM branches WHERE code = $1 FOR UPDATE', [
    input.code,
  ]);
  let row = existing.rows[0];
  if (!row) {
    const inserted = await client.query<BranchRow>(
      `INSERT INTO branches (code, name, country, time_zone, language, manager_name, manager_email,
         head_of_sales_name, head_of_sales_email)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
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
      ],
    );
    row = inserted.rows[0]!;
  } else {
    const fields: Array<[keyof BranchDirectory, string]> = [
      ['name', 'name'],
      ['country', 'country'],
      ['timeZone', 'time_zone'],
      ['language', 'language'],
      ['managerName', 'manager_name'],
      ['managerEmail', 'manager_email'],
      ['headOfSalesName', 'head_of_sales_name'],
      ['headOfSalesEmail', 'head_of_sales_email'],
    ];
    const changed = fields.filter(([k]) => input[k] !== undefined);
    if (changed.length > 0) {
      const version = await nextVersion(client, row.id);
      const sets = changed.map(([, col], i) => `${col} = $${i + 3}`).join(', ');
      const updated = await client.query<BranchRow>(
        `UPDATE branches SET ${sets}, changed_version = $2, updated_at = now() WHERE id = $1 RETURNING *`,
        [row.id, version, ...changed.map(([k]) => input[k])],
      );
      row = updated.rows[0]!;
    }
  }
  return row;
}

/** The directory entry as a pull change, when it changed after `cursor` (the branch's own entry only). */
export async function directoryChanges(pool: Pool, branchId: number, cursor: number): Promise<Change[]> {
  const { rows } = await pool.query<BranchRow & { changed_version: number }>(
    'SELECT * FROM branches WHERE id = $1 AND changed_version > $2',
    [branchId, cursor],
  );
  return rows.map((r) => ({ version: r.changed_version, kind: 'branch', branch: directoryOf(r) }));
}

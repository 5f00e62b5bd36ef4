import type { Pool, PoolClient } from 'pg';
import { isValidBranchCode } from '../shared/complaints/numbering';
import { COUNTRIES, DEFAULT_TIME_ZONE, isLanguage, type Country } from '../shared/settings/workstation';
import {
  branchDirectorySchema,
  DIRECTORY_LIMITS,
  type BranchDirectory,
  type EnrollRequest,
  type EnrollResponse,
} from '../shared/sync/protocol';
import { isValidTimeZone } from '../shared/time/zoned';
import { enrollmentCodeHash, hashSecret, newDeviceToken, newEnrollmentCode } from './auth';
import { inTransaction } from './db/database';
import { HqError } from './errors';

export const ENROLLMENT_CODE_DAYS = 7;

export type BranchInput = Partial<BranchDirectory> & { code: string };

interface BranchRow {
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

/**
 * Versions for one transaction's writes, reserved from the branch in blocks (one UPDATE per block instead of
 * one per row). The first reservation locks the branch row until the transaction ends, so versions of a
 * branch commit in order; numbers reserved and not used leave gaps, which a cursor does not mind.
 */
export class BranchVersions {
  private next = 1;
  private last = 0;

  constructor(
    private readonly client: PoolClient,
    readonly branchId: number,
    private readonly block = 64,
  ) {}

  async take(): Promise<number> {
    if (this.next > this.last) {
      const { rows } = await this.client.query<{ version: number }>(
        'UPDATE branches SET version = version + $2 WHERE id = $1 RETURNING version',
        [this.branchId, this.block],
      );
      this.last = rows[0]!.version;
      this.next = this.last - this.block + 1;
    }
    return this.next++;
  }
}

/** Hands out the branch's next version: the pull cursor. Locks the branch row until the transaction ends. */
export async function nextVersion(client: PoolClient, branchId: number): Promise<number> {
  const { rows } = await client.query<{ version: number }>(
    'UPDATE branches SET version = version + 1 WHERE id = $1 RETURNING version',
    [branchId],
  );
  return rows[0]!.version;
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
 * The admin command: creates the branch (or updates the fields given) and issues a one-time enrollment
 * code. Returns the code in clear; HQ keeps only its hash.
 */
export async function createEnrollment(
  pool: Pool,
  input: BranchInput,
  now = new Date(),
): Promise<{ code: string; branch: BranchDirectory; expiresAt: string }> {
  return inTransaction(pool, async (client) => {
    const row = await upsertBranch(client, input);
    const code = newEnrollmentCode();
    const expiresAt = new Date(now.getTime() + ENROLLMENT_CODE_DAYS * 86_400_000).toISOString();
    await client.query(
      'INSERT INTO enrollment_codes (code_hash, branch_id, expires_at) VALUES ($1, $2, $3)',
      [enrollmentCodeHash(code), row.id, expiresAt],
    );
    return { code, branch: directoryOf(row), expiresAt };
  });
}

/**
 * The directory admin command (issue 6): creates the branch or changes the fields given — who receives its
 * feedback-book mail. The branch gets the entry with its next pull and uses it instead of local settings.
 */
export async function updateDirectory(pool: Pool, input: BranchInput): Promise<BranchDirectory> {
  return inTransaction(pool, async (client) => directoryOf(await upsertBranch(client, input)));
}

async function upsertBranch(client: PoolClient, input: BranchInput): Promise<BranchRow> {
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

/**
 * The app exchanges a one-time code for a device token. A code of another branch is refused without being
 * used up, so the employee can fix the workstation's branch and try again.
 */
export async function enrollDevice(
  pool: Pool,
  request: EnrollRequest,
  now = new Date(),
): Promise<EnrollResponse> {
  return inTransaction(pool, async (client) => {
    const found = await client.query<
      BranchRow & { expires_at: string; used_at: string | null; branch_id: number }
    >(
      `SELECT e.expires_at, e.used_at, e.branch_id, b.* FROM enrollment_codes e JOIN branches b ON b.id = e.branch_id
       WHERE e.code_hash = $1 FOR UPDATE OF e`,
      [enrollmentCodeHash(request.code)],
    );
    const row = found.rows[0];
    if (!row || row.used_at !== null || new Date(row.expires_at) <= now)
      throw new HqError(
        403,
        'enrollment_code_invalid',
        'This enrollment code is unknown, expired or already used. Ask HQ for a new one.',
      );
    if (row.code !== request.branchCode.trim().toUpperCase())
      throw new HqError(
        409,
        'branch_mismatch',
        `This code is for branch ${row.code}, but this workstation is set up for ${request.branchCode}.`,
      );
    const other = await client.query<{ branch_id: number }>('SELECT branch_id FROM devices WHERE id = $1', [
      request.deviceId,
    ]);
    if (other.rows[0] && other.rows[0].branch_id !== row.branch_id)
      throw new HqError(409, 'branch_mismatch', 'This device is enrolled for another branch.');
    const token = newDeviceToken();
    // Re-enrolling a device replaces its token (the old one stops working) and keeps its sequence.
    await client.query(
      `INSERT INTO devices (id, branch_id, token_hash) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash, revoked_at = NULL, enrolled_at = now()`,
      [request.deviceId, row.branch_id, hashSecret(token)],
    );
    await client.query('UPDATE enrollment_codes SET used_at = $2, device_id = $3 WHERE code_hash = $1', [
      enrollmentCodeHash(request.code),
      now.toISOString(),
      request.deviceId,
    ]);
    return { deviceId: request.deviceId, deviceToken: token, branch: directoryOf(row) };
  });
}

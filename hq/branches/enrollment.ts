import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import {
  MAX_PUSH_BATCH,
  type BranchDirectory,
  type EnrollRequest,
  type EnrollResponse,
} from '../../shared/sync/protocol';
import { enrollmentCodeHash, hashSecret, newDeviceToken, newEnrollmentCode } from '../auth';
import { recordAudit, SYSTEM, type AuditContext } from '../audit/log';
import { inTransaction } from '../db/database';
import { HqError } from '../errors';
import { readCompany } from './policy';
import { directoryOf, upsertBranch, type BranchInput, type BranchRow } from './directory';

/** Enrollment: a one-time code issued at HQ, exchanged by the app for its device token (only hashes kept). */

const ENROLLMENT_CODE_DAYS = 7;

/**
 * The admin command: creates the branch (or updates the fields given) and issues a one-time enrollment
 * code. Returns the code in clear; HQ keeps only its hash.
 */
export async function createEnrollment(
  pool: Pool,
  input: BranchInput,
  now = new Date(),
  ctx: AuditContext = SYSTEM,
): Promise<{ code: string; branch: BranchDirectory; expiresAt: string }> {
  return inTransaction(pool, async (client) => {
    const row = await upsertBranch(client, input, ctx);
    const code = newEnrollmentCode();
    const expiresAt = new Date(now.getTime() + ENROLLMENT_CODE_DAYS * 86_400_000).toISOString();
    await client.query(
      'INSERT INTO enrollment_codes (code_hash, branch_id, expires_at) VALUES ($1, $2, $3)',
      [enrollmentCodeHash(code), row.id, expiresAt],
    );
    // The code itself never goes into the audit: only that one was issued, for which branch, until when.
    await recordAudit(client, ctx, 'enrollment_code.issue', `branch:${row.code}`, { after: { expiresAt } });
    return { code, branch: directoryOf(row), expiresAt };
  });
}

/**
 * The app exchanges a one-time code for a device token and a device id. A code of another branch is refused
 * without being used up, so the employee can fix the workstation's branch and try again.
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
    // Issue 13: enrollment creates a new device and never touches another (re-enrolling with another
    // device's id replaced that device's token). HQ gives the id, whatever the app proposes: an answer that
    // kept a free proposed id and changed a taken one told whether a device (of any branch) had it. The app
    // adopts the id it is given (renderer/sync/enroll.ts).
    const token = newDeviceToken();
    const deviceId = randomUUID();
    await client.query('INSERT INTO devices (id, branch_id, token_hash) VALUES ($1, $2, $3)', [
      deviceId,
      row.branch_id,
      hashSecret(token),
    ]);
    await client.query('UPDATE enrollment_codes SET used_at = $2, device_id = $3 WHERE code_hash = $1', [
      enrollmentCodeHash(request.code),
      now.toISOString(),
      deviceId,
    ]);
    return {
      deviceId,
      deviceToken: token,
      branch: directoryOf(row, await readCompany(client)),
      maxPushBatch: MAX_PUSH_BATCH,
    };
  });
}

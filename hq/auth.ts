import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Pool } from 'pg';
import { ENROLLMENT_CODE_ALPHABET, normalizeEnrollmentCode } from '../shared/sync/protocol';
import { HqError } from './errors';

/** HQ stores only hashes of enrollment codes and device tokens. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

/** 12 characters from an alphabet without 0/O and 1/I, shown as XXXX-XXXX-XXXX (60 bits). */
export function newEnrollmentCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += ENROLLMENT_CODE_ALPHABET[randomInt(ENROLLMENT_CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

export function enrollmentCodeHash(code: string): string {
  return hashSecret(normalizeEnrollmentCode(code));
}

/** The device a request comes from: every query it makes is confined to this branch. */
export interface DevicePrincipal {
  deviceId: string;
  branchId: number;
  branchCode: string;
}

export async function authenticate(pool: Pool, header: string | undefined): Promise<DevicePrincipal> {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!token)
    throw new HqError(401, 'unauthorized', 'This request needs the device token (Authorization: Bearer …).');
  const { rows } = await pool.query<{ id: string; branch_id: number; code: string }>(
    `SELECT d.id, d.branch_id, b.code FROM devices d JOIN branches b ON b.id = d.branch_id
     WHERE d.token_hash = $1 AND d.revoked_at IS NULL`,
    [hashSecret(token)],
  );
  const row = rows[0];
  if (!row)
    throw new HqError(
      401,
      'unauthorized',
      'The device token is unknown or was revoked; enroll this device again.',
    );
  return { deviceId: row.id, branchId: row.branch_id, branchCode: row.code };
}

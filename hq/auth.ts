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

function bearerToken(header: string | undefined): string {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!token)
    throw new HqError(401, 'unauthorized', 'This request needs the device token (Authorization: Bearer …).');
  return token;
}

/** Days a device token stays valid without being used (HQ_DEVICE_TOKEN_DAYS; 0: for ever). */
export const DEVICE_TOKEN_DAYS = 90;

/**
 * The device holding this token, if it may still sync. A token not used for `tokenDays` has expired: a PC
 * stolen or thrown out months ago must not come back. Using it notes when it was last seen (at most once a
 * minute, so the lookup stays a read).
 */
async function lookUpDevice(
  pool: Pool,
  tokenHash: string,
  tokenDays: number,
): Promise<DevicePrincipal & { validMs?: number }> {
  const { rows } = await pool.query<{
    id: string;
    branch_id: number;
    code: string;
    revoked?: boolean;
    expired?: boolean;
    valid_ms?: number | null;
  }>(
    `WITH d AS (
       SELECT d.id, d.branch_id, b.code, d.revoked_at IS NOT NULL AS revoked,
              ($2::int > 0 AND coalesce(d.last_seen_at, d.enrolled_at) <= now() - make_interval(days => $2::int))
                AS expired,
              d.last_seen_at, d.enrolled_at
         FROM devices d JOIN branches b ON b.id = d.branch_id WHERE d.token_hash = $1),
     seen AS (
       UPDATE devices SET last_seen_at = now()
        WHERE id IN (SELECT id FROM d WHERE NOT revoked AND NOT expired
                      AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute'))
       RETURNING id)
     SELECT id, branch_id, code, revoked, expired,
            CASE WHEN $2::int > 0 THEN (extract(epoch FROM
              CASE WHEN EXISTS (SELECT 1 FROM seen) THEN now() ELSE coalesce(last_seen_at, enrolled_at) END
              + make_interval(days => $2::int) - now()) * 1000)::float8 END AS valid_ms
       FROM d`,
    [tokenHash, tokenDays],
  );
  const row = rows[0];
  if (!row)
    throw new HqError(
      401,
      'unauthorized',
      'The device token is unknown or was replaced; enroll this device again.',
    );
  if (row.revoked)
    throw new HqError(401, 'device_revoked', 'HQ revoked this device; enroll it again with a new code.');
  if (row.expired)
    throw new HqError(
      401,
      'device_expired',
      `This device has not synced for ${tokenDays} days, so its token expired; enroll it again with a new code.`,
    );
  return {
    deviceId: row.id,
    branchId: row.branch_id,
    branchCode: row.code,
    ...(typeof row.valid_ms === 'number' ? { validMs: row.valid_ms } : {}),
  };
}

/** How long HQ trusts a device token it has checked against the database (HQ_AUTH_CACHE_MS). */
export const AUTH_CACHE_MS = 5_000;

/**
 * Device tokens this HQ process has checked recently, by token hash (R23: a photo upload is one request
 * per photo, and the token lookup was one database round trip each, queued behind the others on the
 * embedded database's single connection). Only successes are kept, for `ttlMs` at most and never past
 * the token's expiry: a token that stops being valid (the device was revoked, moved or removed, or its
 * expiry was set in the database) is forgotten at once (`forgetDevice`) — on PostgreSQL by every HQ process,
 * told by a trigger's NOTIFY (migration 008, devices/revocation.ts); on the embedded database by the one
 * server, through its own route or its control socket. `ttlMs` 0 turns the cache off.
 */
export class DeviceAuthCache {
  private readonly entries = new Map<string, { device: DevicePrincipal; until: number }>();
  /** Bumped by every `forgetDevice`: a lookup that overlapped one is not kept. */
  private generation = 0;

  constructor(
    private readonly pool: Pool,
    private readonly ttlMs: number = AUTH_CACHE_MS,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = () => performance.now(),
    private readonly tokenDays: number = DEVICE_TOKEN_DAYS,
  ) {}

  async authenticate(header: string | undefined): Promise<DevicePrincipal> {
    const tokenHash = hashSecret(bearerToken(header));
    if (this.ttlMs <= 0) {
      const { validMs: _valid, ...device } = await lookUpDevice(this.pool, tokenHash, this.tokenDays);
      return device;
    }
    const hit = this.entries.get(tokenHash);
    if (hit && hit.until > this.now()) return hit.device;
    if (hit) this.entries.delete(tokenHash);
    const started = this.now();
    const generation = this.generation;
    const { validMs, ...device } = await lookUpDevice(this.pool, tokenHash, this.tokenDays);
    if (generation === this.generation) {
      // Full: the oldest entry goes (a Map keeps insertion order).
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      // Never trusted past the moment the token expires (issue 17).
      this.entries.set(tokenHash, { device, until: started + Math.min(this.ttlMs, validMs ?? Infinity) });
    }
    return device;
  }

  /** The device's token changed (or it was revoked): stop trusting whatever this process remembers of it. */
  forgetDevice(deviceId: string): void {
    this.generation++;
    for (const [hash, entry] of this.entries)
      if (entry.device.deviceId === deviceId) this.entries.delete(hash);
  }

  /** Revocations may have been missed (the notification channel dropped): trust nothing remembered. */
  forgetAll(): void {
    this.generation++;
    this.entries.clear();
  }
}

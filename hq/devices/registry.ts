import type { Pool } from 'pg';
import { recordAudit, SYSTEM, type AuditContext } from '../audit/log';
import { inTransaction } from '../db/database';

/** The NOTIFY channel on which a revocation reaches every HQ process on PostgreSQL (revocation.ts). */
export const DEVICE_CHANNEL = 'otklik_device_revoked';

/** An enrolled workstation as the admin sees it (`npm run hq -- devices`). */
export interface DeviceListing {
  id: string;
  branch: string;
  enrolledAt: string;
  lastSeenAt?: string;
  revokedAt?: string;
  /** `expired`: unused for longer than HQ_DEVICE_TOKEN_DAYS (it must enroll again). */
  state: 'active' | 'revoked' | 'expired';
}

interface Row {
  id: string;
  branch: string;
  enrolled_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  expired: boolean;
}

const listing = (r: Row): DeviceListing => ({
  id: r.id,
  branch: r.branch,
  enrolledAt: r.enrolled_at,
  ...(r.last_seen_at ? { lastSeenAt: r.last_seen_at } : {}),
  ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
  state: r.revoked_at ? 'revoked' : r.expired ? 'expired' : 'active',
});

const COLUMNS = `d.id, b.code AS branch, d.enrolled_at, d.last_seen_at, d.revoked_at,
  ($1::int > 0 AND coalesce(d.last_seen_at, d.enrolled_at) <= now() - make_interval(days => $1::int)) AS expired`;

export async function listDevices(
  pool: Pool,
  options: { tokenDays: number; branch?: string },
): Promise<DeviceListing[]> {
  const { rows } = await pool.query<Row>(
    `SELECT ${COLUMNS} FROM devices d JOIN branches b ON b.id = d.branch_id
      WHERE $2::text IS NULL OR b.code = $2
      ORDER BY b.code, d.enrolled_at`,
    [options.tokenDays, options.branch ?? null],
  );
  return rows.map(listing);
}

/**
 * Revokes a device's token at once: later requests with it are refused (401 `device_revoked`). Every HQ
 * process on PostgreSQL drops it from its auth cache on the notification sent in the same transaction; the
 * embedded server is told through its control socket by the caller. Undefined: no such device.
 */
export async function revokeDevice(
  pool: Pool,
  deviceId: string,
  tokenDays: number,
  ctx: AuditContext = SYSTEM,
): Promise<DeviceListing | undefined> {
  return inTransaction(pool, async (client) => {
    const before = await client.query<{ revoked_at: string | null }>(
      'SELECT revoked_at FROM devices WHERE id = $1 FOR UPDATE',
      [deviceId],
    );
    const { rows } = await client.query<Row>(
      `WITH r AS (UPDATE devices SET revoked_at = coalesce(revoked_at, now()) WHERE id = $2 RETURNING *)
       SELECT ${COLUMNS.replaceAll('d.', 'r.')} FROM r JOIN branches b ON b.id = r.branch_id`,
      [tokenDays, deviceId],
    );
    if (rows[0]) {
      await client.query('SELECT pg_notify($1, $2)', [DEVICE_CHANNEL, deviceId]);
      await recordAudit(client, ctx, 'device.revoke', `device:${deviceId}`, {
        before: { revokedAt: before.rows[0]?.revoked_at ?? null },
        after: { branch: rows[0].branch, revokedAt: rows[0].revoked_at },
      });
    }
    return rows[0] && listing(rows[0]);
  });
}

export function formatDevices(devices: DeviceListing[]): string {
  if (devices.length === 0) return 'No enrolled devices.';
  const head = ['device', 'branch', 'state', 'enrolled', 'last seen', 'revoked'];
  const rows = devices.map((d) => [
    d.id,
    d.branch,
    d.state,
    d.enrolledAt,
    d.lastSeenAt ?? 'never',
    d.revokedAt ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [head, ...rows]
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

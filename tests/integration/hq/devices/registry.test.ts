import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../hq/app';
import { listDevices, revokeDevice } from '../../../../hq/devices/registry';
import { listenForRevocations } from '../../../../hq/devices/revocation';
import { HQ_PATHS } from '../../../../shared/sync/protocol';
import { call, DATABASE_KINDS, enroll, startHq, type RunningHq } from '../../harness';

/**
 * Issue 13, item 5: device tokens — listed, revoked at once, expired when unused. Before: no way to list
 * or revoke one, a revoked token was trusted from the auth cache, and a token never expired.
 */
describe.each(DATABASE_KINDS)('device tokens on %s', (kind) => {
  let hq: RunningHq;
  let n = 0;
  const branch = () => `DEV-${String(++n).padStart(2, '0')}`;
  const pull = (device: Parameters<typeof call>[1], at = hq) => call(at, device, `${HQ_PATHS.pull}?cursor=0`);

  beforeAll(async () => {
    hq = await startHq(kind, { authCacheMs: 0, deviceTokenDays: 90 });
  });
  afterAll(async () => {
    await hq?.close();
  });

  it('a token unused for longer than HQ_DEVICE_TOKEN_DAYS is refused, telling the branch to enroll again', async () => {
    const d = await enroll(hq, branch());
    expect((await pull(d)).status).toBe(200);
    const seen = await hq.db.pool.query<{ last_seen_at: string | null }>(
      'SELECT last_seen_at FROM devices WHERE id = $1',
      [d.deviceId],
    );
    expect(seen.rows[0]?.last_seen_at).toEqual(expect.any(String));

    await hq.db.pool.query(
      `UPDATE devices SET last_seen_at = now() - interval '89 days', enrolled_at = now() - interval '200 days' WHERE id = $1`,
      [d.deviceId],
    );
    expect((await pull(d)).status).toBe(200); // used 89 days ago: still valid, and now seen again
    await hq.db.pool.query(`UPDATE devices SET last_seen_at = now() - interval '91 days' WHERE id = $1`, [
      d.deviceId,
    ]);
    const refused = await pull(d);
    expect(refused.status).toBe(401);
    const body = (await refused.json()) as { code: string; message: string };
    expect(body.code).toBe('device_expired');
    expect(body.message).toMatch(/enroll it again/);
    const [listed] = await listDevices(hq.db.pool, { tokenDays: 90, branch: d.branchCode });
    expect(listed).toMatchObject({ id: d.deviceId, branch: d.branchCode, state: 'expired' });
    // An expired token stays expired: refusing it did not count as being seen.
    expect((await pull(d)).status).toBe(401);
  });

  it('devices lists branch, state, enrolled and last seen; revoke refuses the token at once', async () => {
    const a = await enroll(hq, branch());
    const b = await enroll(hq, branch());
    await pull(a);
    const all = await listDevices(hq.db.pool, { tokenDays: 90 });
    expect(all.map((x) => x.id)).toEqual(expect.arrayContaining([a.deviceId, b.deviceId]));
    expect(all.find((x) => x.id === a.deviceId)).toMatchObject({
      branch: a.branchCode,
      state: 'active',
      enrolledAt: expect.any(String),
      lastSeenAt: expect.any(String),
    });
    expect(all.find((x) => x.id === b.deviceId)?.lastSeenAt).toBeUndefined();

    const revoked = await revokeDevice(hq.db.pool, a.deviceId, 90);
    expect(revoked).toMatchObject({ id: a.deviceId, state: 'revoked', revokedAt: expect.any(String) });
    const refused = await pull(a);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'device_revoked' });
    expect((await pull(b)).status).toBe(200);
    expect(await revokeDevice(hq.db.pool, '00000000-0000-7000-8000-000000000000', 90)).toBeUndefined();
  });
});

describe('revocation across HQ processes on postgresql', () => {
  let hq: RunningHq;
  beforeAll(async () => {
    hq = await startHq('postgresql', { authCacheMs: 600_000 });
  });
  afterAll(async () => {
    await hq?.close();
  });

  it('every process drops a revoked token from its cache at once (NOTIFY), not after HQ_AUTH_CACHE_MS', async () => {
    // A second HQ process on the same database, with its own cache and its own listener.
    const other = buildApp({ db: hq.db, blobs: undefined as never, maxPhotoBytes: 1, authCacheMs: 600_000 });
    const url = await other.listen({ port: 0, host: '127.0.0.1' });
    const connectionString = (hq.db.pool.options as { connectionString: string }).connectionString;
    const listeners = [listenForRevocations(connectionString, other.deviceAuth)];
    try {
      const d = await enroll(hq, 'REV-01');
      const pullAt = (base: string) =>
        fetch(`${base}${HQ_PATHS.pull}?cursor=0`, { headers: { authorization: `Bearer ${d.token}` } });
      await listeners[0]!.ready;
      expect((await pullAt(url)).status).toBe(200); // checked, now cached for ten minutes
      await revokeDevice(hq.db.pool, d.deviceId, 90);
      await expect.poll(async () => (await pullAt(url)).status, { timeout: 5_000 }).toBe(401);
    } finally {
      await Promise.all(listeners.map((l) => l.close()));
      await other.close();
    }
  });
});

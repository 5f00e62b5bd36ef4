import { describe, expect, it } from 'vitest';
import { HQ_PATHS } from '../../../../shared/sync/protocol';
import { call } from '../../harness';
import { at, embeddedHq, enrollDevice } from '../../embedded-hq';

/**
 * Issue 13, items 1, 3 and 5 with real processes: the production bundle of HQ on its embedded database.
 * A revoked token stayed trusted by the server's auth cache.
 */

describe('HQ on its embedded database, as processes', { timeout: 240_000 }, () => {
  const suite = embeddedHq();

  it('devices lists the workstations; revoke refuses the token at once, though the server had it cached', async () => {
    const dir = suite.dataDir({ migrated: true });
    const hq = await suite.start(dir, { HQ_AUTH_CACHE_MS: '600000' }).ready();
    const device = await enrollDevice(suite, hq, dir, 'EMB-03');
    expect((await call(at(hq), device, `${HQ_PATHS.pull}?cursor=0`)).status).toBe(200);

    const listed = await suite.cli(dir, 'devices', '--json');
    expect(listed.status).toBe(0);
    const devices = JSON.parse(listed.stdout) as Array<Record<string, string>>;
    expect(devices).toEqual([
      expect.objectContaining({
        id: device.deviceId,
        branch: 'EMB-03',
        state: 'active',
        lastSeenAt: expect.any(String),
      }),
    ]);

    const revoked = await suite.cli(dir, 'revoke', '--device', device.deviceId);
    expect(revoked.status).toBe(0);
    const res = await call(at(hq), device, `${HQ_PATHS.pull}?cursor=0`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'device_revoked' });
    expect((await suite.cli(dir, 'devices')).stdout).toMatch(
      new RegExp(`${device.deviceId}\\s+EMB-03\\s+revoked`),
    );
  });
});

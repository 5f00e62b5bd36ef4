import type { Pool } from 'pg';
import { describe, expect, it } from 'vitest';
import { DeviceAuthCache, hashSecret } from '../../../hq/auth';
import { HqError } from '../../../hq/errors';

/** A `devices ⋈ branches` table in memory, counting the lookups that reach it. */
function fakeDatabase() {
  const devices = new Map<
    string,
    { id: string; branch_id: number; code: string; revoked: boolean; valid_ms?: number }
  >();
  const db = {
    lookups: 0,
    devices,
    pool: {
      query: async (_sql: string, [hash]: [string]) => {
        db.lookups++;
        const row = devices.get(hash);
        return { rows: row && !row.revoked ? [row] : [] };
      },
    } as unknown as Pool,
  };
  return db;
}

const bearer = (token: string) => `Bearer ${token}`;

describe('DeviceAuthCache (R23: one token lookup per device, not per photo)', () => {
  it('asks the database once within the time limit, again after it', async () => {
    const db = fakeDatabase();
    db.devices.set(hashSecret('t1'), { id: 'd1', branch_id: 7, code: 'MSK-01', revoked: false });
    let now = 0;
    const cache = new DeviceAuthCache(db.pool, 5_000, 100, () => now);
    const principal = { deviceId: 'd1', branchId: 7, branchCode: 'MSK-01' };
    expect(await cache.authenticate(bearer('t1'))).toEqual(principal);
    now = 4_999;
    expect(await cache.authenticate(bearer('t1'))).toEqual(principal);
    expect(db.lookups).toBe(1);
    now = 5_000;
    expect(await cache.authenticate(bearer('t1'))).toEqual(principal);
    expect(db.lookups).toBe(2);
  });

  it('a token revoked in the database is refused once the time limit has passed', async () => {
    const db = fakeDatabase();
    db.devices.set(hashSecret('t1'), { id: 'd1', branch_id: 7, code: 'MSK-01', revoked: false });
    let now = 0;
    const cache = new DeviceAuthCache(db.pool, 5_000, 100, () => now);
    await cache.authenticate(bearer('t1'));
    db.devices.get(hashSecret('t1'))!.revoked = true;
    now = 5_000;
    await expect(cache.authenticate(bearer('t1'))).rejects.toMatchObject({ statusCode: 401 });
    // Refusals are never remembered: each one asks the database.
    await expect(cache.authenticate(bearer('t1'))).rejects.toBeInstanceOf(HqError);
    expect(db.lookups).toBe(3);
  });

  it('forgetDevice refuses the old token at once, also from a lookup that was under way', async () => {
    const db = fakeDatabase();
    db.devices.set(hashSecret('old'), { id: 'd1', branch_id: 7, code: 'MSK-01', revoked: false });
    const cache = new DeviceAuthCache(db.pool, 60_000, 100, () => 0);
    await cache.authenticate(bearer('old'));
    // Re-enrolment: the row now carries the new token's hash.
    db.devices.delete(hashSecret('old'));
    db.devices.set(hashSecret('new'), { id: 'd1', branch_id: 7, code: 'MSK-01', revoked: false });
    cache.forgetDevice('d1');
    await expect(cache.authenticate(bearer('old'))).rejects.toMatchObject({ statusCode: 401 });
    expect((await cache.authenticate(bearer('new'))).deviceId).toBe('d1');

    // A lookup that read the old row before the change and answers after it is not kept.
    db.devices.set(hashSecret('older'), { id: 'd2', branch_id: 7, code: 'MSK-01', revoked: false });
    const underWay = cache.authenticate(bearer('older'));
    cache.forgetDevice('d2');
    db.devices.delete(hashSecret('older'));
    await underWay;
    await expect(cache.authenticate(bearer('older'))).rejects.toMatchObject({ statusCode: 401 });
  });

  it('without a token: 401 without asking the database; ttl 0 always asks; the oldest entry makes room', async () => {
    const db = fakeDatabase();
    for (let i = 0; i < 3; i++)
      db.devices.set(hashSecret(`t${i}`), { id: `d${i}`, branch_id: 1, code: 'X', revoked: false });
    await expect(new DeviceAuthCache(db.pool).authenticate(undefined)).rejects.toMatchObject({
      statusCode: 401,
    });
    expect(db.lookups).toBe(0);
    const off = new DeviceAuthCache(db.pool, 0);
    await off.authenticate(bearer('t0'));
    await off.authenticate(bearer('t0'));
    expect(db.lookups).toBe(2);
    const small = new DeviceAuthCache(db.pool, 60_000, 2, () => 0);
    await small.authenticate(bearer('t0'));
    await small.authenticate(bearer('t1'));
    await small.authenticate(bearer('t2')); // t0 leaves
    await small.authenticate(bearer('t1'));
    expect(db.lookups).toBe(5);
    await small.authenticate(bearer('t0'));
    expect(db.lookups).toBe(6);
  });

  it('issue 17: a token is never trusted from the cache past the moment it expires', async () => {
    const db = fakeDatabase();
    // Unused for almost HQ_DEVICE_TOKEN_DAYS: 2 s of validity left, as the database computes it.
    db.devices.set(hashSecret('t1'), {
      id: 'd1',
      branch_id: 7,
      code: 'MSK-01',
      revoked: false,
      valid_ms: 2_000,
    });
    let now = 0;
    const cache = new DeviceAuthCache(db.pool, 5_000, 100, () => now);
    await cache.authenticate(bearer('t1'));
    now = 1_999;
    await cache.authenticate(bearer('t1'));
    expect(db.lookups).toBe(1);
    db.devices.get(hashSecret('t1'))!.revoked = true; // what the database now says: expired
    now = 2_000;
    await expect(cache.authenticate(bearer('t1'))).rejects.toMatchObject({ statusCode: 401 });
    expect(db.lookups).toBe(2);
  });
});

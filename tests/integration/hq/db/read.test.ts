import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type HqDatabase } from '../../../../hq/db/database';
import { consoleReadPool, readSnapshot } from '../../../../hq/db/read';
import { startPostgres, startStandby } from '../../../postgres.mjs';

/**
 * Issue 17: console reads may go to a read replica (DATABASE_READ_URL). A real hot standby of a private
 * primary, fed by streaming replication: HQ writes to the primary, the console's reads go to the standby.
 */
describe('console reads from a hot standby (DATABASE_READ_URL)', { timeout: 120_000 }, () => {
  let primary: Awaited<ReturnType<typeof startPostgres>>;
  let standby: Awaited<ReturnType<typeof startStandby>>;
  let db: HqDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'otklik-read-'));

  beforeAll(async () => {
    primary = await startPostgres();
    standby = await startStandby(primary.url);
    db = await openDatabase({ databaseUrl: primary.url, databaseReadUrl: standby.url, dataDir });
  });
  afterAll(async () => {
    await db?.close();
    standby?.stop();
    primary?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const inRecovery = async (pool: HqDatabase['pool']) =>
    (await pool.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]!.r;

  it('writes go to the primary, the console reads on the standby what the primary committed', async () => {
    expect(await inRecovery(db.pool)).toBe(false);
    expect(await inRecovery(consoleReadPool(db))).toBe(true);
    await db.pool.query(
      `INSERT INTO branches (code, name, country, time_zone) VALUES ('RD-01', 'Replica', 'RU', 'Europe/Moscow')`,
    );
    // Replayed moments later (asynchronous replication): the console sees it without asking the primary.
    await expect
      .poll(
        () =>
          readSnapshot(db, async (c) => {
            const { rows } = await c.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM branches WHERE code = 'RD-01'`,
            );
            return rows[0]!.n;
          }),
        { timeout: 20_000, interval: 100 },
      )
      .toBe(1);
    // Nothing is written through the console's reads.
    await expect(
      readSnapshot(db, (c) => c.query(`UPDATE branches SET name = 'x' WHERE code = 'RD-01'`)),
    ).rejects.toThrow(/read-only/);
  });

  it('without DATABASE_READ_URL the console reads from the primary', async () => {
    const only = await openDatabase({ databaseUrl: primary.url, dataDir });
    try {
      expect(consoleReadPool(only)).toBe(only.pool);
      expect(await inRecovery(consoleReadPool(only))).toBe(false);
    } finally {
      await only.close();
    }
  });
});

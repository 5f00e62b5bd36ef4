import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../../../hq/db/embedded';
import { copyMigratedDatabase } from '../../harness';

/**
 * R22, R23: what HQ acknowledged survives a power cut on the embedded database too. PGlite starts PostgreSQL
 * with fsync off, and its file system on disk passes no sync on to the disk; HQ's database thread turns both
 * on (hq/db/embedded.ts). Here: the settings PostgreSQL runs with, and that each commit has the thread sync a
 * file (the syncs it counts: in npm test the folder is in memory, where a sync costs nothing). A new
 * database synced whole: migrations.test.ts, which makes one.
 */
describe('the embedded database syncs each commit to disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'otklik-durable-'));
  let db: EmbeddedDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    copyMigratedDatabase(dir);
    db = await startEmbeddedDatabase(dir);
    client = new pg.Client(db.connection);
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs with fsync on, the WAL synced by fsync()', async () => {
    const setting = async (name: string) =>
      (await client.query<{ setting: string }>('SELECT setting FROM pg_settings WHERE name = $1', [name]))
        .rows[0]?.setting;
    expect(await setting('fsync')).toBe('on');
    expect(await setting('wal_sync_method')).toBe('fsync');
    expect(await setting('synchronous_commit')).toBe('on');
  });

  it('every commit syncs the disk before it is answered; a read syncs nothing', async () => {
    await client.query('CREATE TABLE durable_probe (n int PRIMARY KEY)');
    const before = await db.syncs();
    for (let n = 1; n <= 5; n++) await client.query('INSERT INTO durable_probe VALUES ($1)', [n]);
    const after = await db.syncs();
    expect(after - before).toBeGreaterThanOrEqual(5);
    await client.query('SELECT count(*) FROM durable_probe');
    expect(await db.syncs()).toBe(after);
  });
});

describe("the embedded database's sync count", () => {
  it('asked while it closes: both answer; asked once it is closed: refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otklik-durable-'));
    try {
      copyMigratedDatabase(dir);
      const db = await startEmbeddedDatabase(dir);
      const [count] = await Promise.all([db.syncs(), db.close()]);
      expect(count).toBeGreaterThanOrEqual(0);
      await expect(db.syncs()).rejects.toThrow('closed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

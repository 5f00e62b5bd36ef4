import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { embeddedSharedBuffers, startEmbeddedDatabase } from '../../../../hq/db/embedded';
import { copyMigratedDatabase } from '../../harness';

/**
 * HQ_EMBEDDED_SHARED_BUFFERS (hq/db/embedded.ts): the embedded database's buffer cache. The suite runs with
 * 16MB (tests/hq-node.ts TEST_HQ_ENV, given by vitest.config.ts); HQ without it keeps PostgreSQL's 128MB.
 */
const VARIABLE = 'HQ_EMBEDDED_SHARED_BUFFERS';
const suiteValue = process.env[VARIABLE];
afterEach(() => {
  if (suiteValue === undefined) delete process.env[VARIABLE];
  else process.env[VARIABLE] = suiteValue;
});

async function sharedBuffersOfANewStart(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'otklik-buffers-'));
  try {
    copyMigratedDatabase(dir);
    const db = await startEmbeddedDatabase(dir);
    const client = new pg.Client(db.connection);
    try {
      await client.connect();
      return (await client.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows[0]!.shared_buffers;
    } finally {
      await client.end();
      await db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('HQ_EMBEDDED_SHARED_BUFFERS', () => {
  it('sets the embedded database’s buffer cache; unset, PostgreSQL’s 128MB', async () => {
    process.env[VARIABLE] = '24MB';
    expect(await sharedBuffersOfANewStart()).toBe('24MB');
    delete process.env[VARIABLE];
    expect(await sharedBuffersOfANewStart()).toBe('128MB');
  });

  it.each([
    ['128MB', '128MB'],
    ['512kB', '512kB'],
    ['128kB', '128kB'],
    ['1GB', '1GB'],
    ['', undefined],
  ])('%j → %j', (value, expected) => {
    expect(embeddedSharedBuffers(value)).toBe(expected);
  });

  it.each(['128', '128mb', '0MB', '-1MB', '1TB', '128 MB', '99999999MB', '64kB'])(
    '%j is refused with what is expected, before anything is made',
    async (value) => {
      expect(() => embeddedSharedBuffers(value)).toThrow(`${VARIABLE}=${value}: a size such as 128MB`);
      process.env[VARIABLE] = value;
      const dir = mkdtempSync(join(tmpdir(), 'otklik-buffers-'));
      try {
        await expect(startEmbeddedDatabase(join(dir, 'hq'))).rejects.toThrow(`${VARIABLE}=${value}`);
        expect(readdirSync(dir)).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

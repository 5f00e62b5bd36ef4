import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { compilePgliteModules, startEmbeddedDatabase } from '../../../../hq/db/embedded';
import { copyMigratedDatabase } from '../../harness';

/**
 * Issue 17 (CI time): PGlite's WebAssembly is compiled once per process and handed to each database thread.
 * Every HQ of this suite on PGlite starts with those modules (harness.ts, global-setup.ts); here, that the
 * threads do run on them, and what compiling gives.
 */
describe('compilePgliteModules', () => {
  const empty = mkdtempSync(join(tmpdir(), 'otklik-no-pglite-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it('two databases started in this process both run on its compiled program, and answer', async () => {
    for (let i = 0; i < 2; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'otklik-shared-program-'));
      copyMigratedDatabase(dir);
      const db = await startEmbeddedDatabase(dir);
      try {
        expect(db.sharedProgram).toBe(true);
        const client = new pg.Client(db.connection);
        await client.connect();
        try {
          expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
        } finally {
          await client.end();
        }
      } finally {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it("compiles the installed package's two programs", async () => {
    const dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const modules = await compilePgliteModules(dir);
    expect(modules?.pgliteWasmModule).toBeInstanceOf(WebAssembly.Module);
    expect(modules?.initdbWasmModule).toBeInstanceOf(WebAssembly.Module);
    // The database program and initdb's, not one twice.
    const names = (m: WebAssembly.Module) => WebAssembly.Module.exports(m).map((e) => e.name);
    expect(names(modules!.pgliteWasmModule)).toContain('PostgresMainLoopOnce');
    expect(names(modules!.pgliteWasmModule)).not.toEqual(names(modules!.initdbWasmModule));
  });

  it('gives nothing where the files are missing, so the thread loads them as PGlite does by default', async () => {
    expect(await compilePgliteModules(empty)).toBeUndefined();
  });
});

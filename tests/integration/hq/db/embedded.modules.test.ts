import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePgliteModules } from '../../../../hq/db/embedded';

/**
 * Issue 17 (CI time): PGlite's WebAssembly is compiled once per process and handed to each database thread.
 * Every HQ of this suite on PGlite starts with those modules (harness.ts, global-setup.ts), so the database
 * working at all is the check that PGlite takes them; here, what compiling gives.
 */
describe('compilePgliteModules', () => {
  const empty = mkdtempSync(join(tmpdir(), 'otklik-no-pglite-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

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

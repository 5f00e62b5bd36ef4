import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../hq/db/database';
import { PGLITE_NODE_FLAGS } from '../hq-node';
import { startPostgres } from '../postgres.mjs';
import { buildHq, freshDatabase, root } from './hq-process';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    /**
     * The name of a database on it with every migration applied and nothing else: each HQ of the harness
     * on PostgreSQL starts on a copy (harness.ts startHq), as its HQs on PGlite start on a copy of
     * `pgliteTemplate`. Named for this run: two runs may share a server given by OTKLIK_TEST_DATABASE_URL.
     * The tests of migrating itself make empty databases (freshDatabase, migrations.test.ts).
     */
    postgresTemplate: string;
    /** An embedded database with every migration applied and nothing else (see below). */
    pgliteTemplate: string;
    /** The production build of HQ (main.mjs) for the files that start it as a process. */
    hqMain: string;
  }
}

/** The integration suite runs against PGlite and against a real PostgreSQL server started here. */
export default async function setup(project: TestProject) {
  // One build for every file that runs HQ as a process (0.9 CPU-s a build), first: a build that fails
  // leaves no server behind.
  project.provide('hqMain', buildHq(join(root, 'dist/hq-tests')));
  const given = process.env.OTKLIK_TEST_DATABASE_URL;
  const server = given ? undefined : await startPostgres();
  const postgresUrl = given ?? server!.url;
  project.provide('postgresUrl', postgresUrl);
  // Creating an embedded database and migrating it costs PGlite seconds of CPU; each HQ of the suite on
  // PGlite starts on a copy of this one instead (issue 17: CI time). The migration tests make their own.
  const template = mkdtempSync(join(tmpdir(), 'otklik-hq-template-'));
  // The teardown, and also at the process's exit: on Ctrl+C vitest exits without running the teardown, and
  // the server must not outlive the run. Both steps may run twice (stop() does nothing the second time).
  const cleanUp = () => {
    server?.stop();
    rmSync(template, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);
  // This process compiles PGlite's WebAssembly once, for the template, as the workers and the suite's HQ
  // processes do (PGLITE_NODE_FLAGS: the baseline compiler only): with V8's defaults, making it took
  // 4.9 CPU-s, against 3.2 (issue 17 item 5: CI time).
  for (const flag of PGLITE_NODE_FLAGS) setFlagsFromString(flag);
  // Copying the PostgreSQL template is a few files, where creating a database from the empty one and
  // migrating it took PostgreSQL and the test 0.07 CPU-s more per HQ, some 45 times a run.
  let postgresTemplate: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  try {
    await (await openDatabase({ dataDir: template })).close();
    postgresTemplate = await freshDatabase(postgresUrl, 'hq_template');
    // A copy is refused while anyone is connected to its template: closed before the first test.
    await (await openDatabase({ databaseUrl: postgresTemplate.url, dataDir: '' })).close(); // no files
  } catch (error) {
    if (given) await postgresTemplate?.drop().catch(() => undefined);
    cleanUp();
    throw error;
  }
  project.provide('pgliteTemplate', join(template, 'pglite'));
  project.provide('postgresTemplate', postgresTemplate.name);
  // On a server the suite did not start, the template is dropped at the end (a run stopped with Ctrl+C,
  // whose teardown vitest skips, leaves it behind); the suite's own server goes whole.
  return async () => {
    if (given) await postgresTemplate.drop();
    cleanUp();
  };
}

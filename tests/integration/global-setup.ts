import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../hq/db/database';
import { startPostgres } from '../postgres.mjs';
import { buildHq, root } from './hq-process';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
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
  project.provide('postgresUrl', given ?? server!.url);
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
  try {
    await (await openDatabase({ dataDir: template })).close();
  } catch (error) {
    cleanUp();
    throw error;
  }
  project.provide('pgliteTemplate', join(template, 'pglite'));
  return async () => cleanUp();
}

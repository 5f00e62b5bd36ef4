import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../hq/db/database';
import { PGLITE_NODE_FLAGS } from '../hq-node';
import { startPostgres } from '../postgres.mjs';
import { buildHq, root } from './hq-process';

/**
 * The migrated database on the suite's PostgreSQL server that each HQ of the harness on PostgreSQL is a
 * copy of (`CREATE DATABASE … TEMPLATE`, tests/integration/harness.ts startHq), as its HQs on PGlite start
 * on a copy of one migrated embedded database. The tests of migrating itself make fresh databases
 * (hq-process.ts freshDatabase, migrations.test.ts). Named for this run: two runs may share a server given
 * by OTKLIK_TEST_DATABASE_URL.
 */
const POSTGRES_TEMPLATE = `hq_template_${randomUUID().replaceAll('-', '')}`;

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    /** The name of a database on it with every migration applied and nothing else (POSTGRES_TEMPLATE). */
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
  try {
    await (await openDatabase({ dataDir: template })).close();
    await makePostgresTemplate(postgresUrl);
  } catch (error) {
    if (given) await dropPostgresTemplate(given).catch(() => undefined);
    cleanUp();
    throw error;
  }
  project.provide('pgliteTemplate', join(template, 'pglite'));
  project.provide('postgresTemplate', POSTGRES_TEMPLATE);
  return async () => {
    if (given) await dropPostgresTemplate(given);
    cleanUp();
  };
}

/**
 * Makes and migrates POSTGRES_TEMPLATE: copying it is a few files, where creating a database from the empty
 * one and migrating it took PostgreSQL and the test 0.07 CPU-s more per HQ, some 45 times a run.
 */
async function makePostgresTemplate(url: string): Promise<void> {
  const admin = new pg.Client(url);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${POSTGRES_TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const at = new URL(url);
  at.pathname = `/${POSTGRES_TEMPLATE}`;
  // A copy is refused while anyone is connected to its template: closed before the first test.
  await (await openDatabase({ databaseUrl: at.toString(), dataDir: '' })).close(); // no files on PostgreSQL
}

/**
 * On a server the suite did not start (OTKLIK_TEST_DATABASE_URL), the template is dropped at the end (a
 * run stopped with Ctrl+C, whose teardown vitest skips, leaves it behind).
 */
async function dropPostgresTemplate(url: string): Promise<void> {
  const admin = new pg.Client(url);
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${POSTGRES_TEMPLATE} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

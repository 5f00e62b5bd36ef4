import type { TestProject } from 'vitest/node';
import { startPostgres } from '../postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** The integration suite runs against PGlite and against a real PostgreSQL server started here. */
export default async function setup(project: TestProject) {
  const given = process.env.OTKLIK_TEST_DATABASE_URL;
  const server = given ? undefined : await startPostgres();
  project.provide('postgresUrl', given ?? server!.url);
  return () => server?.stop();
}

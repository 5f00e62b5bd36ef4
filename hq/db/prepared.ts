import type pg from 'pg';

/**
 * Issue 17: the statements every push runs, prepared once per connection on PostgreSQL instead of parsed
 * and planned on every run. Measured: for one device pushing batches of 5 registrations, parse and bind
 * (planning) were 56 % of PostgreSQL's statement time; in bench:sync's herd (1 000 devices × 5) its CPU per
 * 1 000 operations fell from 1.34–1.49 s to 1.02–1.04 s with every statement prepared (an experiment).
 *
 * Only on PostgreSQL, and there by default only when DATABASE_URL is a direct connection: with
 * DATABASE_LISTEN_URL set, DATABASE_URL goes through a pooler in transaction mode (README, Deployment), which
 * keeps prepared statements only when set up for them (PgBouncer 1.21 or later with `max_prepared_statements`
 * above 0); HQ_DB_PREPARED=1 then turns them on, HQ_DB_PREPARED=0 off anywhere. Not on the embedded PGlite:
 * its connections share one session, and a connection opened again after an idle close would prepare a
 * name the session still has.
 */
const preparing = new WeakSet<pg.ClientBase>();

/** Lets the connections `pool` opens keep prepared statements. */
export function preparePool(pool: pg.Pool): void {
  pool.on('connect', (client) => preparing.add(client));
}

/** Whether prepared statements are used on PostgreSQL: HQ_DB_PREPARED says, else not behind a pooler. */
export function prepareStatements(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.HQ_DB_PREPARED === '0' || env.HQ_DB_PREPARED === '1') return env.HQ_DB_PREPARED === '1';
  return !env.DATABASE_LISTEN_URL;
}

/**
 * Runs `text` as the statement `name`: prepared on a connection of a pool given to preparePool, plain
 * elsewhere. One name, one text: the name is the statement's identity on the connection.
 */
export function runPrepared<R extends pg.QueryResultRow>(
  client: pg.ClientBase,
  name: string,
  text: string,
  values: unknown[],
): Promise<pg.QueryResult<R>> {
  return client.query<R>(preparing.has(client) ? { name, text, values } : { text, values });
}

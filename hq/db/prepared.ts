import type pg from 'pg';

/**
 * Issue 17: the statements every push runs, prepared once per connection on PostgreSQL instead of parsed
 * and planned on every run. Measured with bench:sync's herd (1 000 devices × 5 registrations): parsing and
 * planning were 58 % of PostgreSQL's time per push, and its CPU per 1 000 operations fell from 1.34–1.49 s
 * to 1.02–1.04 s with them prepared.
 *
 * Only on PostgreSQL, and there only when not turned off (`HQ_DB_PREPARED=0`, for a pooler in transaction
 * mode that cannot keep prepared statements; PgBouncer can since 1.21 with `max_prepared_statements`). Not
 * on the embedded PGlite: its connections share one session, and a connection opened again after an idle
 * close would prepare a name the session still has.
 */
const preparing = new WeakSet<pg.ClientBase>();

/** Lets the connections `pool` opens keep prepared statements. */
export function preparePool(pool: pg.Pool): void {
  pool.on('connect', (client) => preparing.add(client));
}

/** Whether prepared statements are used: PostgreSQL unless HQ_DB_PREPARED=0. */
export function prepareStatements(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.HQ_DB_PREPARED !== '0';
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

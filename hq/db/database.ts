import pg from 'pg';
import { startEmbeddedDatabase } from './embedded';
import { migrate } from './migrate';
import { preparePool, prepareStatements } from './prepared';

export type DatabaseKind = 'pglite' | 'postgresql';

export interface HqDatabase {
  /** The primary: every write, and every read that must see them (push, pull, auth, the mail queue). */
  pool: pg.Pool;
  /**
   * Reads that may lag a little behind the primary (the console's lists and reports): a hot standby at
   * DATABASE_READ_URL, or the primary itself without one. See read.ts.
   */
  readPool: pg.Pool;
  kind: DatabaseKind;
  /** Embedded: the private directory of its socket, where a running server also has its control socket. */
  socketDir?: string;
  close(): Promise<void>;
}

// bigint columns (versions, sequences) stay well inside 2^53: read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// Timestamps travel as ISO strings, exactly as the branch sent them back ('infinity' stays 'infinity').
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (v) =>
  v === 'infinity' || v === '-infinity'
    ? v
    : new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString(),
);

/**
 * Opens HQ's database: PostgreSQL at `databaseUrl`, or the embedded PGlite under `dataDir` (this process
 * then owns it until `close`: a second one is refused with `DatabaseLocked`), and brings its schema up to date.
 */
export async function openDatabase(options: {
  databaseUrl?: string;
  /** A read replica (hot standby) of `databaseUrl`, for `readPool`; ignored on the embedded database. */
  databaseReadUrl?: string;
  dataDir: string;
  /** Named in the embedded database's lock, for whoever is refused it (e.g. `serve`). */
  command?: string;
}): Promise<HqDatabase> {
  const embedded = options.databaseUrl
    ? undefined
    : await startEmbeddedDatabase(options.dataDir, { command: options.command });
  const pool = new pg.Pool({
    ...(options.databaseUrl ? { connectionString: options.databaseUrl } : embedded!.connection),
    // PGlite executes one statement at a time whatever the pool size; one connection keeps it simple.
    // PostgreSQL: 20, by measurement (issue 17, bench:sync's herd of 1 000 devices on two cores): with 5 or
    // 10 the queue for a connection outlasted the 60 s idle limit and a third of the pushes were cut; 20
    // pushed all of them, faster.
    max: embedded ? 1 : Number(process.env.HQ_DB_POOL ?? 20),
  });
  if (!embedded && prepareStatements()) preparePool(pool);
  // A dropped idle connection (database restart) must not crash HQ: the pool replaces it.
  pool.on('error', (error) => console.error('[hq] database connection lost:', error.message));
  const readPool =
    options.databaseUrl && options.databaseReadUrl ? replicaPool(options.databaseReadUrl) : pool;
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (readPool !== pool) await readPool.end().catch(() => undefined);
    await embedded?.close();
    throw error;
  }
  return {
    pool,
    readPool,
    kind: embedded ? 'pglite' : 'postgresql',
    ...(embedded?.socketDir ? { socketDir: embedded.socketDir } : {}),
    async close() {
      await pool.end();
      if (readPool !== pool) await readPool.end();
      await embedded?.close();
    },
  };
}

function replicaPool(connectionString: string): pg.Pool {
  const replica = new pg.Pool({
    connectionString,
    max: Number(process.env.HQ_DB_READ_POOL ?? process.env.HQ_DB_POOL ?? 10),
  });
  replica.on('error', (error) => console.error('[hq] read replica connection lost:', error.message));
  return replica;
}

/** Runs `work` in a transaction on one connection. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The database server's version, e.g. "15.14 (Debian 15.14-0+deb12u1)" or PGlite's "18.0". */
export async function serverVersion(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ server_version: string }>('SHOW server_version');
  return rows[0]!.server_version;
}

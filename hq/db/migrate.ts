import type { Pool, PoolClient } from 'pg';
import { MIGRATIONS } from './migrations';

// Runs HQ's migrations (migrations.ts lists them): each in its own transaction under one advisory lock,
// so HQ processes starting together on one database apply each exactly once.

/** The migrations' advisory lock. */
export const LOCK_KEY = 0x6f746b6c; // "otkl"
/** PostgreSQL's SQLSTATE for a table that does not exist. */
const UNDEFINED_TABLE = '42P01';

/** Applies the migrations not applied yet (`migrations`: all of them, or the first few in a test). */
export async function migrate(pool: Pool, migrations = MIGRATIONS): Promise<string[]> {
  const applied: string[] = [];
  // The usual start: every migration applied already. One read says so, without the lock; a migration's row
  // is committed with the migration itself, so a row seen is a migration done.
  const known = await appliedIds(pool);
  const missing = migrations.filter((m) => !known.has(m.id));
  if (missing.length === 0) return applied;
  // Under the lock too: two processes creating the table at once on a fresh database collide in the
  // catalogue ("duplicate key … pg_type_typname_nsp_index", IF NOT EXISTS notwithstanding), and one of
  // them failed to start — found by the two-process test (issue 17).
  await underLock(pool, (client) =>
    client.query(
      'CREATE TABLE IF NOT EXISTS hq_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    ),
  );
  // Each missing one checked again under the lock: another process may have applied it meanwhile.
  for (const m of missing)
    await underLock(pool, async (client) => {
      const done = await client.query('SELECT 1 FROM hq_migrations WHERE id = $1', [m.id]);
      if (done.rowCount !== 0) return;
      await client.query(m.sql);
      await m.backfill?.(client);
      await client.query('INSERT INTO hq_migrations (id) VALUES ($1)', [m.id]);
      applied.push(m.id);
    });
  return applied;
}

/** The migrations applied on this database; none when it has no table of them yet. */
async function appliedIds(pool: Pool): Promise<Set<string>> {
  try {
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM hq_migrations');
    return new Set(rows.map((r) => r.id));
  } catch (error) {
    if ((error as { code?: string }).code === UNDEFINED_TABLE) return new Set();
    throw error;
  }
}

/** One transaction holding the migrations' advisory lock. */
async function underLock(pool: Pool, work: (client: PoolClient) => Promise<unknown>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

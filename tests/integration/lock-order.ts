import { expect } from 'vitest';
import type { PoolClient } from 'pg';
import type { RunningHq } from './harness';

/**
 * Lock order (hq/sync/push-locks.ts): every writer of a branch's data takes the branch's row first, as a
 * push does, so the two wait for each other instead of deadlocking. What a test of it needs, on PostgreSQL
 * only: the embedded PGlite runs one session, where a lock never waits.
 */

/** Holds the branch's row in another transaction until `release`. */
export async function holdBranch(
  hq: RunningHq,
  branchCode: string,
): Promise<{ release: () => Promise<void> }> {
  const holder: PoolClient = await hq.db.pool.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT 1 FROM branches WHERE code = $1 FOR UPDATE', [branchCode]);
  return {
    release: async () => {
      await holder.query('COMMIT');
      holder.release();
    },
  };
}

/** Resolves once some backend waits for a lock (the step under test, behind the held branch). */
export async function someoneWaits(hq: RunningHq): Promise<void> {
  const waiting = async () =>
    (
      await hq.db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
      )
    ).rows[0]!.n > 0;
  await expect.poll(waiting, { timeout: 10_000 }).toBe(true);
}

/** Whether the row `sql` selects can be locked right now (NOWAIT), from yet another transaction. */
export async function rowFree(hq: RunningHq, sql: string, value: string): Promise<boolean> {
  const c = await hq.db.pool.connect();
  try {
    await c.query('BEGIN');
    await c.query(`${sql} FOR UPDATE NOWAIT`, [value]);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') return false;
    throw error;
  } finally {
    await c.query('ROLLBACK');
    c.release();
  }
}

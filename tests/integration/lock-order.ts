import { expect } from 'vitest';
import type { PoolClient } from 'pg';
import type { RunningHq } from './harness';

/**
 * Lock order (hq/sync/push-locks.ts): every writer of a branch's data takes the branch's row first, as a
 * push does, so the two wait for each other instead of deadlocking. What a test of it needs, on PostgreSQL
 * only: the embedded PGlite runs one session, where a lock never waits.
 */

/**
 * A transaction of the test's own, holding whatever it then takes until `release` ends it (`end`), for a
 * step to wait on; `pid` is its backend. `release` may be called again (from a `finally`): it ends it once.
 */
export async function holdTransaction(
  hq: RunningHq,
  end: 'COMMIT' | 'ROLLBACK' = 'COMMIT',
): Promise<{ client: PoolClient; pid: number; release: () => Promise<void> }> {
  const client: PoolClient = await hq.db.pool.connect();
  await client.query('BEGIN');
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  let held = true;
  return {
    client,
    pid: rows[0]!.pid,
    release: async () => {
      if (!held) return;
      held = false;
      await client.query(end);
      client.release();
    },
  };
}

/** Holds the branch's row in another transaction until `release`; `pid` is its backend. */
export async function holdBranch(
  hq: RunningHq,
  branchCode: string,
): Promise<{ pid: number; release: () => Promise<void> }> {
  const holder = await holdTransaction(hq);
  await holder.client.query('SELECT 1 FROM branches WHERE code = $1 FOR UPDATE', [branchCode]);
  return holder;
}

/** The backends that wait for a lock the backend `pid` holds. */
export async function blockedBy(hq: RunningHq, pid: number): Promise<number[]> {
  const { rows } = await hq.db.pool.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
    [pid],
  );
  return rows.map((r) => r.pid);
}

/** Resolves once some backend waits for the held branch: the step under test (no other runs here). */
export async function waitsForBranch(hq: RunningHq, branch: { pid: number }): Promise<void> {
  const waiting = async () => (await blockedBy(hq, branch.pid)).length > 0;
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

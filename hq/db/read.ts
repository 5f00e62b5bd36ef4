import type pg from 'pg';
import type { HqDatabase } from './database';

/**
 * Reads for the console (issue 17): lists, counts and reports of what branches sent. They go to the read
 * replica when HQ has one (DATABASE_READ_URL: a hot standby of the primary), so a head office browsing
 * years of complaints does not slow the branches' pushes; without one, to the primary.
 *
 * A replica lags the primary by a moment (usually well under a second): what a console user has just
 * changed is read back from the primary (`db.pool`), not from here — read-your-writes is the primary's.
 * Nothing is ever written through these connections (a standby refuses it anyway).
 */
export function consoleReadPool(db: HqDatabase): pg.Pool {
  return db.readPool;
}

/**
 * Several reads of one console page on one consistent snapshot (a read-only REPEATABLE READ transaction,
 * which a hot standby serves too): counts and the rows they count agree even while branches push.
 */
export async function readSnapshot<T>(
  db: HqDatabase,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await db.readPool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
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

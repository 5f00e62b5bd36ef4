import { hostname } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseKind } from './database';
import { CONTROL_SOCKET, embeddedConnection } from './embedded';
import { currentHolder, DatabaseLocked, holderAlive, LOCK_FILE, type LockHolder } from './lock';

/**
 * How an admin command reaches HQ's database (issue 13). PostgreSQL: directly, beside any number of HQ
 * processes. The embedded database has one owner: while an HQ runs on it, the command goes through that
 * process's private database socket; otherwise it opens the database itself, holding the lock for the few
 * seconds the command takes.
 */
export interface AdminConnection {
  pool: pg.Pool;
  kind: DatabaseKind;
  /** The running server's control socket (hq/control.ts), when the command goes through one. */
  controlSocket?: string;
  close(): Promise<void>;
}

export async function adminConnection(
  config: { databaseUrl?: string; dataDir: string },
  command: string,
): Promise<AdminConnection> {
  if (config.databaseUrl) {
    const db = await openDatabase({ ...config, command });
    return { pool: db.pool, kind: db.kind, close: () => db.close() };
  }
  const lockFile = join(config.dataDir, LOCK_FILE);
  const holder = await currentHolder(lockFile);
  if (holder) return throughHolder(holder, lockFile);
  try {
    const db = await openDatabase({ ...config, command });
    return { pool: db.pool, kind: db.kind, close: () => db.close() };
  } catch (error) {
    // Another process took it between the look and the open.
    if (error instanceof DatabaseLocked) return throughHolder(error.holder, lockFile);
    throw error;
  }
}

/** Waits for the holder's socket (it may still be starting its database) while the holder lives. */
async function throughHolder(
  holder: LockHolder,
  lockFile: string,
  waitMs = 60_000,
): Promise<AdminConnection> {
  if (!holder.socketDir || holder.host !== hostname()) throw new DatabaseLocked(holder, lockFile);
  const pool = new pg.Pool({ ...embeddedConnection(holder.socketDir), max: 1 });
  pool.on('error', () => undefined); // a dropped idle connection: the next query says so
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      await pool.query('SELECT 1');
      break;
    } catch (error) {
      if (Date.now() > until || !holderAlive(holder, lockFile)) {
        await pool.end().catch(() => undefined);
        throw new Error(
          `HQ (process ${holder.pid}) holds the embedded database but its socket does not answer: ${(error as Error).message}`,
          { cause: error },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    pool,
    kind: 'pglite',
    controlSocket: join(holder.socketDir, CONTROL_SOCKET),
    close: () => pool.end(),
  };
}

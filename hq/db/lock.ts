import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, open, readFile, rmdir, stat, unlink, writeFile, chmod } from 'node:fs/promises';
import { hostname } from 'node:os';
import { PRIVATE_FILE } from '../fs-modes';

/**
 * One writer per embedded database (issue 13): PGlite has no lock of its own, and two processes on one data
 * directory each wrote over the other's pages — HQ lost complaints it had confirmed. Whoever opens the
 * embedded database first holds `<DATA_DIR>/hq-embedded.lock` until it closes it; a second process is
 * refused at once and told who holds it.
 *
 * The lock dies with its process: it holds the owner's pid and start time, and a lock whose process is gone
 * (SIGKILL, a power cut) — or whose pid now belongs to another process — is taken over. Node has no flock,
 * and the packages that add one need a native build; a file created atomically (link) does the same here.
 */
export interface LockHolder {
  pid: number;
  /** Linux: the start time of the process (/proc/<pid>/stat), so a pid reused after a crash is told apart. */
  procStart?: string;
  host: string;
  since: string;
  /** What the holder runs: `serve`, `mail-worker`, `enroll`… */
  command: string;
  /** Where the holder serves its database (and its control socket); the admin commands connect there. */
  socketDir?: string;
  token: string;
}

export const LOCK_FILE = 'hq-embedded.lock';

export class DatabaseLocked extends Error {
  constructor(
    readonly holder: LockHolder,
    readonly lockFile: string,
  ) {
    super(lockedMessage(holder, lockFile));
  }
}

export function lockedMessage(holder: LockHolder, lockFile: string): string {
  const who =
    holder.host === hostname()
      ? `process ${holder.pid} (\`${holder.command}\`, since ${holder.since})`
      : `process ${holder.pid} on host ${holder.host} (\`${holder.command}\`, since ${holder.since})`;
  return (
    `The embedded database is in use by ${who}. It has one owner at a time: two processes on it lose data.\n` +
    `  - Admin commands (enroll, devices, revoke, mail-status…) go through the running HQ by themselves.\n` +
    `  - HQ runs its own mail worker; to run more HQ processes or mail workers, use PostgreSQL (DATABASE_URL).\n` +
    `  - If that process is gone for good on another host, delete ${lockFile}.`
  );
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks after boot (Linux only). */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Lock files this process holds: the same process opening the database twice is refused as well. */
const heldHere = new Set<string>();

/** Whether the process named in the lock still runs. A lock from another host cannot be checked: held. */
export function holderAlive(holder: LockHolder, lockFile: string): boolean {
  if (holder.host !== hostname()) return true;
  // A container restarted after a crash may give the new process the dead one's pid.
  if (holder.pid === process.pid) return heldHere.has(lockFile);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = holder.procStart && processStartTime(holder.pid);
  return !started || started === holder.procStart;
}

function parse(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return typeof value.pid === 'number' && typeof value.token === 'string'
      ? (value as LockHolder)
      : undefined;
  } catch {
    return undefined;
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The live holder of the lock, or undefined when nobody holds it (no file, or its process is gone). */
export async function currentHolder(lockFile: string): Promise<LockHolder | undefined> {
  const text = await readText(lockFile);
  const holder = text === undefined ? undefined : parse(text);
  return holder && holderAlive(holder, lockFile) ? holder : undefined;
}

export interface HeldLock {
  readonly holder: LockHolder;
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Removes a stale lock, once: two processes that both found it stale must not remove each other's fresh
 * lock, so the removal happens under a second, short-lived lock (a directory, created atomically).
 */
async function removeStale(lockFile: string, staleText: string): Promise<void> {
  const mutex = `${lockFile}.takeover`;
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(mutex);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Left behind by a process killed in these few lines: old after a few seconds.
      const age = await stat(mutex).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 5_000) await rmdir(mutex).catch(() => undefined);
      else if (attempt > 100)
        throw new Error(`${mutex} stays in place; delete it if no HQ is starting`, { cause: error });
      else await sleep(50);
    }
  }
  try {
    if ((await readText(lockFile)) === staleText) await unlink(lockFile);
  } finally {
    await rmdir(mutex).catch(() => undefined);
  }
}

/**
 * Takes the lock or throws `DatabaseLocked` naming the live holder. The record is written in full to a
 * private temporary file and linked into place, so a reader never sees half of it.
 */
export async function acquireLock(
  lockFile: string,
  info: { command: string; socketDir?: string },
): Promise<HeldLock> {
  const procStart = processStartTime(process.pid);
  const holder: LockHolder = {
    pid: process.pid,
    ...(procStart ? { procStart } : {}),
    host: hostname(),
    since: new Date().toISOString(),
    command: info.command,
    ...(info.socketDir ? { socketDir: info.socketDir } : {}),
    token: randomBytes(16).toString('hex'),
  };
  const text = JSON.stringify(holder);
  const tmp = `${lockFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(tmp, text, { mode: PRIVATE_FILE });
  await chmod(tmp, PRIVATE_FILE);
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        await linkInPlace(tmp, lockFile, text);
        heldHere.add(lockFile);
        return {
          holder,
          async release() {
            heldHere.delete(lockFile);
            if ((await readText(lockFile)) === text) await unlink(lockFile).catch(() => undefined);
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const found = await readText(lockFile);
      if (found === undefined) continue; // released meanwhile
      const other = parse(found);
      if (other && holderAlive(other, lockFile)) throw new DatabaseLocked(other, lockFile);
      await removeStale(lockFile, found);
    }
    throw new Error(`Could not take ${lockFile}: other processes keep taking it`);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** link(2) fails when the target exists; a file system without hard links gets an exclusive create. */
async function linkInPlace(tmp: string, lockFile: string, text: string): Promise<void> {
  try {
    await link(tmp, lockFile);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    const handle = await open(lockFile, 'wx', PRIVATE_FILE);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

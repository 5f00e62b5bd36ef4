import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  acquireLock,
  currentHolder,
  DatabaseLocked,
  processStartTime,
  type LockHolder,
} from '../../../../hq/db/lock';

// Issue 13, item 1: one process owns an embedded database directory. Real processes stand in for other
// HQs: a live one holds the lock, a dead one (or a reused pid) does not.
const dirs: string[] = [];
const children: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const lockFile = () => {
  const d = mkdtempSync(join(tmpdir(), 'otklik-lock-'));
  dirs.push(d);
  return join(d, 'hq-embedded.lock');
};
const record = (holder: Partial<LockHolder>): string =>
  JSON.stringify({
    pid: 1,
    host: hostname(),
    since: '2026-03-02T09:00:00.000Z',
    command: 'serve',
    token: 'other',
    ...holder,
  });

/** A live process that is not this one. */
async function liveProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child.pid!;
}

/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('embedded database lock', () => {
  it('is private, names its holder, refuses a second open in the same process, and is released', async () => {
    const file = lockFile();
    const lock = await acquireLock(file, { command: 'serve', socketDir: '/run/x' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      pid: process.pid,
      command: 'serve',
      socketDir: '/run/x',
    });
    const second = acquireLock(file, { command: 'mail-worker' });
    await expect(second).rejects.toBeInstanceOf(DatabaseLocked);
    await expect(second).rejects.toThrow(`in use by process ${process.pid} (\`serve\``);
    expect((await currentHolder(file))?.pid).toBe(process.pid);
    await lock.release();
    expect(existsSync(file)).toBe(false);
    await (await acquireLock(file, { command: 'serve' })).release();
  });

  it('a live process elsewhere holds it: refused with who and what to do', async () => {
    const file = lockFile();
    const pid = await liveProcess();
    writeFileSync(
      file,
      record({ pid, ...(processStartTime(pid) ? { procStart: processStartTime(pid) } : {}) }),
    );
    const refused = await acquireLock(file, { command: 'serve' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DatabaseLocked);
    expect((refused as DatabaseLocked).holder.pid).toBe(pid);
    expect((refused as Error).message).toMatch(/go through the running HQ/);
    expect((refused as Error).message).toMatch(/use PostgreSQL \(DATABASE_URL\)/);
    expect(readFileSync(file, 'utf8')).toContain(`"pid":${pid}`);
  });

  it('a lock left by a killed process does not keep the next one out', async () => {
    const file = lockFile();
    const pid = await liveProcess();
    writeFileSync(file, record({ pid, procStart: processStartTime(pid) }));
    children[0]!.kill('SIGKILL');
    await new Promise((resolve) => children[0]!.once('exit', resolve));
    expect(await currentHolder(file)).toBeUndefined();
    const lock = await acquireLock(file, { command: 'serve' });
    expect(lock.holder.pid).toBe(process.pid);
    await lock.release();
    writeFileSync(file, record({ pid: deadPid() }));
    await (await acquireLock(file, { command: 'serve' })).release();
  });

  it.runIf(existsSync('/proc/self/stat'))(
    'a pid reused by another process is no holder (start time differs)',
    async () => {
      const file = lockFile();
      const pid = await liveProcess();
      writeFileSync(file, record({ pid, procStart: '1' }));
      const lock = await acquireLock(file, { command: 'serve' });
      expect(lock.holder.pid).toBe(process.pid);
      await lock.release();
    },
  );

  it('our own pid in a lock we never took (a restarted container) is stale; a damaged file is too', async () => {
    const file = lockFile();
    writeFileSync(file, record({ pid: process.pid, procStart: 'other-boot' }));
    await (await acquireLock(file, { command: 'serve' })).release();
    writeFileSync(file, '{"pid": 12');
    await (await acquireLock(file, { command: 'serve' })).release();
  });

  it('many taking a stale lock at once: exactly one gets it', async () => {
    const file = lockFile();
    writeFileSync(file, record({ pid: deadPid() }));
    const tries = await Promise.allSettled(
      Array.from({ length: 12 }, () => acquireLock(file, { command: 'serve' })),
    );
    const won = tries.filter((t) => t.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const t of tries) if (t.status === 'rejected') expect(t.reason).toBeInstanceOf(DatabaseLocked);
    await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLock>>>).value.release();
  });
});

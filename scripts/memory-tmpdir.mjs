// @ts-check
// A temporary folder in memory for a test step whose files are many and short-lived (issue 17: CI time).
import { chmodSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { freemem } from 'node:os';
import { join } from 'node:path';

/** statfs's type of a tmpfs (Linux). */
export const TMPFS_MAGIC = 0x01021994;
const GiB = 2 ** 30;

/**
 * Where a run may keep its temporary files in memory: `/dev/shm` when it is a tmpfs with 1 GiB free and the
 * machine has 1 GiB of memory free; undefined when TMPDIR or the variable that will name the folder (TMPDIR
 * unless told) is set already (someone chose) or not on Linux.
 * @param {{ platform: string, env: Record<string, string | undefined>, statfs: (dir: string) => { type: number, bavail: number, bsize: number }, freemem: () => number }} machine
 * @param {string} [variable]
 * @returns {string | undefined}
 */
export function memoryTmpParent({ platform, env, statfs, freemem }, variable = 'TMPDIR') {
  if (env.TMPDIR || env[variable] || platform !== 'linux') return undefined;
  const dir = '/dev/shm';
  try {
    const space = statfs(dir);
    if (space.type !== TMPFS_MAGIC || space.bavail * space.bsize < GiB || freemem() < GiB) return undefined;
  } catch {
    return undefined;
  }
  return dir;
}

/**
 * A folder of this run's own in memory (memoryTmpParent), for the environment variable `variable`, removed
 * by `remove()` or when this process exits: on Ctrl+C, once the steps have stopped (scripts/test-all.mjs),
 * since the suite's own clean-up (stopping its PostgreSQL server) still needs the folder. Undefined when
 * there is none. Others may enter it: that PostgreSQL cluster runs as the `postgres` user.
 * @param {string} [variable]
 * @returns {{ dir: string, remove: () => void } | undefined}
 */
export function memoryTmpDir(variable = 'TMPDIR') {
  const parent = memoryTmpParent(
    { platform: process.platform, env: process.env, statfs: statfsSync, freemem },
    variable,
  );
  if (!parent) return undefined;
  const dir = mkdtempSync(join(parent, 'otklik-tests-'));
  chmodSync(dir, 0o755);
  // A process the step left behind may still be writing there: a folder that cannot go is said, and the
  // run goes on to its summary.
  const remove = () => {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch (error) {
      console.error(`[otklik] could not remove ${dir}: ${error instanceof Error ? error.message : error}`);
    }
  };
  process.once('exit', remove);
  return { dir, remove };
}

import { describe, expect, it } from 'vitest';
import { memoryTmpParent, TMPFS_MAGIC } from '../../../scripts/memory-tmpdir.mjs';

// Issue 17 (CI time): npm test keeps the integration suite's temporary files (and the browser suite's HQ
// data) in memory only where a tmpfs with room exists and nobody chose the folder.
const GiB = 2 ** 30;
const tmpfs = (freeGiB: number) => () => ({ type: TMPFS_MAGIC, bavail: (freeGiB * GiB) / 4096, bsize: 4096 });
const EXT4_MAGIC = 0xef53;
const linux = { platform: 'linux', env: {}, statfs: tmpfs(8), freemem: () => 8 * GiB };

describe('memoryTmpParent', () => {
  it.each([
    ['a tmpfs with room on Linux', linux, '/dev/shm'],
    ['TMPDIR set already', { ...linux, env: { TMPDIR: '/var/tmp' } }, undefined],
    ['not Linux', { ...linux, platform: 'darwin' }, undefined],
    [
      '/dev/shm is not a tmpfs',
      { ...linux, statfs: () => ({ type: EXT4_MAGIC, bavail: GiB, bsize: 4096 }) },
      undefined,
    ],
    ['under 1 GiB free on the tmpfs', { ...linux, statfs: tmpfs(0.5) }, undefined],
    ['under 1 GiB of memory free', { ...linux, freemem: () => 0.5 * GiB }, undefined],
    [
      'no /dev/shm',
      {
        ...linux,
        statfs: () => {
          throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
        },
      },
      undefined,
    ],
  ])('%s → %s', (_what, machine, expected) => {
    expect(memoryTmpParent(machine)).toBe(expected);
  });

  // The browser suite's HQ data (OTKLIK_E2E_HQ_TMPDIR): the same rule, and a folder chosen in either is kept.
  it.each([
    ['not set', linux, '/dev/shm'],
    ['set already', { ...linux, env: { OTKLIK_E2E_HQ_TMPDIR: '/var/tmp/hq' } }, undefined],
    ['TMPDIR set', { ...linux, env: { TMPDIR: '/var/tmp' } }, undefined],
  ])('OTKLIK_E2E_HQ_TMPDIR %s → %s', (_what, machine, expected) => {
    expect(memoryTmpParent(machine, 'OTKLIK_E2E_HQ_TMPDIR')).toBe(expected);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { getDiskSpace } from '../../../electron/disk-space';
import { diskSpaceSchema } from '../../../shared/ipc/contract';

describe('getDiskSpace', () => {
  it('counts the blocks this user may still write, not the ones reserved for root', async () => {
    const statfs = vi.fn(async () => ({ bsize: 4096, blocks: 1000, bfree: 300, bavail: 250 }));
    await expect(getDiskSpace('/home/u/.config/Otklik', statfs)).resolves.toEqual({
      freeBytes: 250 * 4096,
      totalBytes: 1000 * 4096,
    });
    expect(statfs).toHaveBeenCalledWith('/home/u/.config/Otklik');
  });

  it('reads a real disk', async () => {
    const space = await getDiskSpace(process.cwd());
    expect(diskSpaceSchema.parse(space)).toEqual(space);
    expect(space.totalBytes).toBeGreaterThan(0);
    expect(space.freeBytes).toBeLessThanOrEqual(space.totalBytes);
  });
});

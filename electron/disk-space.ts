import { statfs as fsStatfs } from 'node:fs/promises';
import type { DiskSpace } from '../shared/ipc/contract';

type Statfs = (dir: string) => Promise<{ bsize: number; blocks: number; bavail: number }>;

/**
 * Free space on the disk that holds the user data (IndexedDB, photos). "Free" is what this user may
 * still write (bavail), not what root could (bfree): that is what a full-disk failure depends on.
 */
export async function getDiskSpace(dir: string, statfs: Statfs = fsStatfs): Promise<DiskSpace> {
  const stats = await statfs(dir);
  return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
}

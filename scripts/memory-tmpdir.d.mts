export const TMPFS_MAGIC: number;
export function memoryTmpParent(
  machine: {
    platform: string;
    env: Record<string, string | undefined>;
    statfs: (dir: string) => { type: number; bavail: number; bsize: number };
    freemem: () => number;
  },
  variable?: string,
): string | undefined;
export function memoryTmpDir(variable?: string): { dir: string; remove: () => void } | undefined;

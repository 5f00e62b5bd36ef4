import { closeSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Replaces `file`'s content so that a crash or a power cut leaves the old content or the new one, never an
 * empty or half-written file (R22): written aside, flushed to disk, renamed over the file, and the rename
 * flushed with its directory. (Windows has no directory flush; NTFS journals the rename.)
 */
export function writeFileDurably(file: string, text: string): void {
  const aside = `${file}.tmp`;
  const fd = openSync(aside, 'w');
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(aside, file);
  if (process.platform === 'win32') return;
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as NodeFs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileDurably } from '../../../electron/durable-file';

// R22: a file the desktop app keeps (the HQ it is enrolled to) survives a crash or a power cut whole. Real
// files; the calls that flush and rename are recorded on their way to Node's own (nothing is replaced): a
// power cut cannot be made here, the order of flushes and the rename can be checked.
const calls = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  return {
    ...fs,
    fsyncSync: (fd: number) => {
      calls.push('flush');
      fs.fsyncSync(fd);
    },
    renameSync: (from: string, to: string) => {
      calls.push('rename');
      fs.renameSync(from, to);
    },
  };
});

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  calls.length = 0;
});

describe('writeFileDurably', () => {
  it('replaces the content whole: flushed before the rename, the rename flushed after', () => {
    const dir = mkdtempSync(join(tmpdir(), 'otklik-durable-'));
    dirs.push(dir);
    const file = join(dir, 'hq-origin.json');
    writeFileSync(file, '{"origin":"https://old.example.com"}');
    writeFileDurably(file, '{"origin":"https://hq.example.com"}');
    expect(readFileSync(file, 'utf8')).toBe('{"origin":"https://hq.example.com"}');
    expect(readdirSync(dir)).toEqual(['hq-origin.json']); // nothing left aside
    expect(calls).toEqual(process.platform === 'win32' ? ['flush', 'rename'] : ['flush', 'rename', 'flush']);
  });

  it('a file that cannot be written aside leaves the old content as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'otklik-durable-'));
    dirs.push(dir);
    const file = join(dir, 'hq-origin.json');
    writeFileSync(file, 'old');
    mkdirSync(`${file}.tmp`); // the place aside is taken by a directory: it cannot be opened to write
    expect(() => writeFileDurably(file, 'new')).toThrow();
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(calls).not.toContain('rename');
  });
});

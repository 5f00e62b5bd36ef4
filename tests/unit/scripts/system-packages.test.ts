import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForSystemPackages } from '../../../scripts/system-packages.mjs';

// Issue 17 item 5 (CI time): the suites that need Chromium or PostgreSQL wait for the file CI's apt-get
// writes when it ends ("<exit status> <seconds>", .ci/run); the other steps have started meanwhile.
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});
const fileIn = () => join((dir = mkdtempSync(join(tmpdir(), 'otklik-packages-'))), 'apt.done');

describe('waitForSystemPackages', () => {
  it('waits until the file is there, then answers what it says', async () => {
    const file = fileIn();
    let answered = false;
    const waiting = waitForSystemPackages(file, { pollMs: 10 }).then((r) => ((answered = true), r));
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    writeFileSync(file, '0 23.4\n');
    expect(await waiting).toEqual({ ok: true, status: 0, seconds: 23.4 });
  });

  it('answers a failure when the installing process ended without writing it', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => child.once('exit', r));
    expect(await waitForSystemPackages(fileIn(), { pid: child.pid, pollMs: 10 })).toMatchObject({
      ok: false,
      why: 'apt-get ended without saying how',
    });
  });

  it('answers a failure when nothing came within its limit', async () => {
    expect(
      await waitForSystemPackages(fileIn(), { pid: process.pid, pollMs: 10, limitMs: 50 }),
    ).toMatchObject({ ok: false, why: 'apt-get had not ended after 0.05 s' });
  });

  it.each([
    ['a failed apt-get', '100 3.0', { ok: false, status: 100, seconds: 3 }],
    ['a file it cannot read', 'done', { ok: false, status: undefined, seconds: undefined }],
    ['an empty file', '', { ok: false, status: undefined, seconds: undefined }],
  ])('%s is a failure', async (_what, text, answer) => {
    const file = fileIn();
    writeFileSync(file, text);
    expect(await waitForSystemPackages(file, { pollMs: 10 })).toMatchObject(answer);
  });
});

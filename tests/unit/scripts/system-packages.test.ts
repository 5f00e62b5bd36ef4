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
    const waiting = waitForSystemPackages(file, 10).then((r) => ((answered = true), r));
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    writeFileSync(file, '0 23.4\n');
    expect(await waiting).toEqual({ ok: true, status: 0, seconds: 23.4 });
  });

  it.each([
    ['a failed apt-get', '100 3.0', { ok: false, status: 100, seconds: 3 }],
    ['a file it cannot read', 'done', { ok: false, status: undefined, seconds: undefined }],
    ['an empty file', '', { ok: false, status: undefined, seconds: undefined }],
  ])('%s is a failure', async (_what, text, answer) => {
    const file = fileIn();
    writeFileSync(file, text);
    expect(await waitForSystemPackages(file, 10)).toEqual(answer);
  });
});

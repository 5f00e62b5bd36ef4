import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withDiskFullFault } from '../../../../hq/blobs/disk-full-fault';
import { FileBlobStore } from '../../../../hq/blobs/fs-store';
import { storageRefusal } from '../../../../hq/blobs/refusals';
import { FaultPoints } from '../../../../hq/faults';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// Issue 20: the chaos runs fill HQ's disk for a while (HQ_FAULT_DISK_FULL) over the real file store.
describe('HQ_FAULT_DISK_FULL: the photo store as a full disk leaves it (R23)', () => {
  let dir: string;
  let store: FileBlobStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'otklik-diskfull-'));
    store = new FileBlobStore(join(dir, 'photos'));
    await store.init();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('without faults the store is the store itself', () => {
    expect(withDiskFullFault(store, undefined)).toBe(store);
    expect(FaultPoints.fromEnv(undefined, undefined)).toBeUndefined();
    expect(FaultPoints.fromEnv('', '')).toBeUndefined();
  });

  it('while the file exists every write fails with ENOSPC (a 507), reads go on; after it, writes work', async () => {
    const flag = join(dir, 'full');
    const faults = FaultPoints.fromEnv(undefined, flag)!;
    const faulty = withDiskFullFault(store, faults);
    const stored = Buffer.from('stored before the disk filled');
    const first = new PassThrough();
    const put = faulty.put(sha(stored), first, { maxBytes: 1_000 });
    first.end(stored);
    expect(await put).toMatchObject({ ok: true });

    writeFileSync(flag, '');
    expect(faults.diskFull()).toBe(true);
    const b = Buffer.from('a page that arrives while the disk is full');
    const body = new PassThrough();
    const error = await faulty.put(sha(b), body, { maxBytes: 1_000 }).catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(storageRefusal(error)).toMatchObject({ statusCode: 507, code: 'insufficient_storage' });
    // The body is the caller's to drain or close: left paused and open.
    expect(body.isPaused()).toBe(true);
    expect(body.destroyed).toBe(false);
    expect(await faulty.has(sha(b))).toBe(false);
    expect((await faulty.read(sha(stored)))?.equals(stored)).toBe(true);

    rmSync(flag);
    expect(faults.diskFull()).toBe(false);
    const again = new PassThrough();
    const retried = faulty.put(sha(b), again, { maxBytes: 1_000 });
    again.end(b);
    expect(await retried).toEqual({ ok: true, size: b.length, alreadyStored: false });
  });

  it('the pause points still parse beside it; an unknown one is refused', () => {
    const faults = FaultPoints.fromEnv('fail500.ms=4000', join(dir, 'absent'))!;
    expect(faults.delay('fail500.ms')).toBe(4000);
    expect(faults.diskFull()).toBe(false);
    expect(() => FaultPoints.fromEnv('disk.full=1')).toThrow(/unknown/);
  });
});

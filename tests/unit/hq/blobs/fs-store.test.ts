import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileBlobStore } from '../../../../hq/blobs/fs-store';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const bytes = (n: number, seed: number) =>
  Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + seed) % 256));

describe('FileBlobStore (R6, R23)', () => {
  let dir: string;
  let store: FileBlobStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'otklik-blobs-'));
    store = new FileBlobStore(dir);
    await store.init();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores verified bytes once under their hash; the same bytes again are "already stored"', async () => {
    const b = bytes(300_000, 1);
    for (const alreadyStored of [false, true]) {
      const body = new PassThrough();
      const result = store.put(sha(b), body, { maxBytes: 1_000_000 });
      body.end(b);
      expect(await result).toEqual({ ok: true, size: b.length, alreadyStored });
    }
    expect((await store.read(sha(b)))?.equals(b)).toBe(true);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    // Issue 13: customers' pages are for HQ's user only, whatever the umask.
    const file = store.pathOf(sha(b));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
    expect(statSync(join(file, '..', '..')).mode & 0o777).toBe(0o700);
  });

  it('stopped by its signal: nothing kept, and the body is left open for the caller to drain', async () => {
    const b = bytes(300_000, 2);
    const body = new PassThrough();
    const stop = new AbortController();
    const result = store.put(sha(b), body, { maxBytes: 1_000_000, signal: stop.signal });
    body.write(b.subarray(0, 100_000));
    await new Promise((r) => setTimeout(r, 20));
    stop.abort();
    expect(await result).toEqual({ ok: false, reason: 'aborted' });
    expect(body.destroyed).toBe(false);
    body.resume();
    body.end(b.subarray(100_000));
    expect(await store.has(sha(b))).toBe(false);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('a body that breaks off or is too large leaves nothing behind; a wrong hash is refused', async () => {
    const b = bytes(300_000, 3);
    const broken = new PassThrough();
    const failed = store.put(sha(b), broken, { maxBytes: 1_000_000 });
    broken.write(b.subarray(0, 50_000));
    broken.destroy(new Error('client gone'));
    await expect(failed).rejects.toThrow('client gone');

    const big = new PassThrough();
    const tooLarge = store.put(sha(b), big, { maxBytes: 100_000 });
    big.write(b); // and more would follow
    expect(await tooLarge).toEqual({ ok: false, reason: 'too_large', maxBytes: 100_000 });
    // Left open to the caller, who answers 413 first: closing it here reset the client's connection.
    expect(big.destroyed).toBe(false);

    const wrong = new PassThrough();
    const mismatch = store.put(sha(b), wrong, { maxBytes: 1_000_000 });
    wrong.end(bytes(300_000, 4));
    expect(await mismatch).toMatchObject({ ok: false, reason: 'hash_mismatch', size: 300_000 });

    expect(await store.has(sha(b))).toBe(false);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('after a power cut that lost a rename: init puts a durable photo in place, drops a cut-off one (issue 17)', async () => {
    const kept = bytes(200_000, 5);
    const cut = bytes(200_000, 6);
    // What a crash leaves in tmp/: a photo fsync'ed under its temporary name whose rename was lost, the
    // first bytes of an upload cut off, and a file of an older HQ (a bare random name).
    writeFileSync(join(dir, 'tmp', `${sha(kept)}.0b7e6c1a-3b7e-4c55-9a65-2f0f4c7b1d2e`), kept);
    writeFileSync(
      join(dir, 'tmp', `${sha(cut)}.5d1f4e2b-8a9c-4e3d-b2f1-6c7d8e9f0a1b`),
      cut.subarray(0, 1000),
    );
    writeFileSync(join(dir, 'tmp', '7f3e9a2c-1b4d-4e5f-8a6b-9c0d1e2f3a4b'), cut);
    const restarted = new FileBlobStore(dir);
    expect(await restarted.init()).toEqual({ recovered: [sha(kept)] });
    expect((await restarted.read(sha(kept)))?.equals(kept)).toBe(true);
    expect(statSync(restarted.pathOf(sha(kept))).mode & 0o777).toBe(0o600);
    expect(await restarted.has(sha(cut))).toBe(false);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });
});

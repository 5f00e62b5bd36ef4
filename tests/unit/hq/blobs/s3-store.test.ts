import { createHash, randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../../../hq/blobs/s3-store';
import { S3_KEY, startS3 } from '../../../s3.mjs';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Issue 17: photos in S3-compatible object storage, against a real local S3 server (s3rver). The hash is
 * checked while the bytes stream through, and a damaged, cut-off or oversized upload never becomes an
 * object: the multipart upload is completed only after the check.
 */
// Megabytes through a local S3 server and back: about a second each alone, over vitest's 5 s on two busy cores.
describe('S3BlobStore (R6, R23, issue 17)', { timeout: 30_000 }, () => {
  let s3: Awaited<ReturnType<typeof startS3>>;
  let store: S3BlobStore;
  let client: S3Client;
  const logged: string[] = [];

  const keys = async () => {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    return (listed.Contents ?? []).map((o) => o.Key).sort();
  };

  beforeAll(async () => {
    s3 = await startS3();
    const config = {
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      prefix: 'photos/',
      credentials: S3_KEY,
    };
    store = new S3BlobStore(config, (m) => logged.push(m));
    client = new S3Client({ ...config, region: config.region });
    await store.init();
  });
  afterAll(async () => {
    store?.close();
    client?.destroy();
    await s3?.stop();
  });

  it('streams a declared length as one part, keeps it under its hash once; read returns the bytes', async () => {
    const b = randomBytes(2 * 1024 * 1024);
    for (const alreadyStored of [false, true]) {
      const body = Readable.from([b.subarray(0, 700_000), b.subarray(700_000)]);
      expect(await store.put(sha(b), body, { maxBytes: 8 << 20, length: b.length })).toEqual({
        ok: true,
        size: b.length,
        alreadyStored,
      });
    }
    expect(await store.has(sha(b))).toBe(true);
    expect((await store.read(sha(b)))?.equals(b)).toBe(true);
    expect(await keys()).toContain(`photos/${sha(b)}`);
  });

  it('without a declared length (chunked): in parts of 8 MiB, the same object', async () => {
    const b = randomBytes(9 * 1024 * 1024); // two parts
    const body = new PassThrough();
    const put = store.put(sha(b), body, { maxBytes: 16 << 20 });
    for (let at = 0; at < b.length; at += 1 << 20) body.write(b.subarray(at, at + (1 << 20)));
    body.end();
    expect(await put).toEqual({ ok: true, size: b.length, alreadyStored: false });
    expect((await store.read(sha(b)))?.equals(b)).toBe(true);
  });

  it('bytes that do not hash to the address never become an object (422 at HQ)', async () => {
    const claimed = randomBytes(100_000);
    const sent = randomBytes(100_000);
    for (const length of [sent.length, undefined]) {
      const result = await store.put(sha(claimed), Readable.from([sent]), { maxBytes: 1 << 20, length });
      expect(result).toEqual({ ok: false, reason: 'hash_mismatch', actual: sha(sent), size: sent.length });
    }
    expect(await store.has(sha(claimed))).toBe(false);
    expect(await store.has(sha(sent))).toBe(false);
    expect(await keys()).not.toContain(`photos/${sha(claimed)}`);
    expect(await store.read(sha(claimed))).toBeUndefined();
  });

  it('too large, cut off or stopped: no object, and the body is left to the caller', async () => {
    const b = randomBytes(300_000);
    const big = new PassThrough();
    const tooLarge = store.put(sha(b), big, { maxBytes: 100_000 });
    big.write(b);
    expect(await tooLarge).toEqual({ ok: false, reason: 'too_large', maxBytes: 100_000 });
    expect(big.destroyed).toBe(false); // the caller answers 413/507 first

    const broken = new PassThrough();
    const failed = store.put(sha(b), broken, { maxBytes: 1 << 20, length: b.length });
    broken.write(b.subarray(0, 50_000));
    await new Promise((r) => setTimeout(r, 50));
    broken.destroy(new Error('client gone'));
    await expect(failed).rejects.toThrow();

    const stop = new AbortController();
    const body = new PassThrough();
    const stopped = store.put(sha(b), body, { maxBytes: 1 << 20, signal: stop.signal });
    body.write(b.subarray(0, 100_000));
    await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    expect(await stopped).toEqual({ ok: false, reason: 'aborted' });
    expect(body.destroyed).toBe(false);

    expect(await store.has(sha(b))).toBe(false);
    expect(await keys()).not.toContain(`photos/${sha(b)}`);
    // s3rver cannot abort a multipart upload: said once, not per photo (the parts stay invisible).
    expect(logged.length).toBeLessThanOrEqual(1);
  });

  it('a complete refused while another HQ process stored the same photo is "already stored"; else an error', async () => {
    // Two HQ processes given one photo at once both complete an upload of its key, and the object store may
    // refuse the later one. The store's own client is wrapped here so that its complete meets exactly that:
    // the other process's object is written first (when `other` is set), then the complete fails.
    const inner = (store as unknown as { client: S3Client }).client;
    const send = inner.send.bind(inner);
    for (const other of [true, false]) {
      const b = randomBytes(300_000);
      inner.send = (async (command: unknown, ...rest: unknown[]) => {
        if (!(command instanceof CompleteMultipartUploadCommand))
          return (send as (...a: unknown[]) => unknown)(command, ...rest);
        if (other)
          await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `photos/${sha(b)}`, Body: b }));
        throw new Error('complete refused');
      }) as typeof inner.send;
      try {
        const put = store.put(sha(b), Readable.from([b]), { maxBytes: 8 << 20, length: b.length });
        if (other) {
          expect(await put).toEqual({ ok: true, size: b.length, alreadyStored: true });
          expect((await store.read(sha(b)))?.equals(b)).toBe(true);
        } else {
          await expect(put).rejects.toThrow('complete refused');
          expect(await store.has(sha(b))).toBe(false);
        }
      } finally {
        inner.send = send;
      }
    }
  });

  it('an unreachable bucket is said at start, naming what to check', async () => {
    const wrong = new S3BlobStore({ ...store.config, bucket: 'no-such-bucket' });
    try {
      await expect(wrong.init()).rejects.toThrow(/no-such-bucket.*S3_BUCKET/);
    } finally {
      wrong.close();
    }
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, chmod, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_FILE, privateDir } from '../fs-modes';
import type { BlobPutResult, BlobStore } from './store';

class TooLarge extends Error {}
class Aborted extends Error {}

/**
 * Photos as files: `<dir>/ab/cd/<sha256>`, written to `<dir>/tmp` first, fsync'ed, then renamed. Files are
 * 0600 and directories 0700 (issue 13: they hold customers' handwriting and names).
 */
export class FileBlobStore implements BlobStore {
  /** Directories this process has made (or found): no `mkdir` round trip for each photo. */
  private readonly made = new Set<string>();

  constructor(readonly dir: string) {}

  /** Temporary files of uploads that were cut off (HQ killed mid-upload) are removed at start. */
  async init(): Promise<void> {
    await rm(join(this.dir, 'tmp'), { recursive: true, force: true });
    await privateDir(this.dir);
    await privateDir(join(this.dir, 'tmp'));
  }

  pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async read(sha256: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async put(
    sha256: string,
    body: Readable,
    limits: { maxBytes: number; signal?: AbortSignal },
  ): Promise<BlobPutResult> {
    if (limits.signal?.aborted) return { ok: false, reason: 'aborted' };
    const tmp = join(this.dir, 'tmp', randomUUID());
    // Asked now, answered by the time the bytes are in (R23: off the upload's path). If another upload of
    // the same bytes lands in between, its file is replaced by an identical one, atomically.
    const present = this.has(sha256);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      // Large buffers: a photo is megabytes, and each small-chunk round of backpressure costs time.
      highWaterMark: 1024 * 1024,
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > limits.maxBytes) return done(new TooLarge());
        hash.update(chunk);
        done(null, chunk);
      },
    });
    // `body` is piped by hand, not in the pipeline: stopping early must not destroy the request, whose
    // answer is still to be sent (a 413 or 507 the client must be able to read, not a connection reset).
    // A body that breaks off (client gone) fails the pipeline all the same.
    const stopWatching = finished(body, (error) => {
      if (error) meter.destroy(error);
    });
    const abort = () => {
      body.unpipe(meter);
      meter.destroy(new Aborted());
    };
    limits.signal?.addEventListener('abort', abort, { once: true });
    body.pipe(meter);
    try {
      // flush: fsync before the stream reports finished, so a photo is durable before it is named.
      await pipeline(
        meter,
        createWriteStream(tmp, { flush: true, highWaterMark: 1024 * 1024, mode: PRIVATE_FILE }),
      );
      await chmod(tmp, PRIVATE_FILE); // whatever the umask
    } catch (error) {
      // The rest of the body is the caller's to drop or close, after answering.
      body.unpipe(meter);
      await rm(tmp, { force: true });
      await present;
      if (error instanceof TooLarge) return { ok: false, reason: 'too_large', maxBytes: limits.maxBytes };
      if (error instanceof Aborted) return { ok: false, reason: 'aborted' };
      throw error;
    } finally {
      stopWatching();
      limits.signal?.removeEventListener('abort', abort);
    }
    const actual = hash.digest('hex');
    if (actual !== sha256) {
      await rm(tmp, { force: true });
      return { ok: false, reason: 'hash_mismatch', actual, size };
    }
    const target = this.pathOf(sha256);
    if (await present) {
      await rm(tmp, { force: true });
      return { ok: true, size, alreadyStored: true };
    }
    const parent = join(target, '..');
    const makeParent = async () => {
      await privateDir(join(parent, '..'));
      await privateDir(parent);
      this.made.add(parent);
    };
    if (!this.made.has(parent)) await makeParent();
    try {
      await rename(tmp, target);
    } catch (error) {
      // The directory was removed behind this process's back: make it again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.made.delete(parent);
      await makeParent();
      await rename(tmp, target);
    }
    return { ok: true, size, alreadyStored: false };
  }
}

import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, chmod, mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_DIR, PRIVATE_FILE, privateDir } from '../fs-modes';
import { verifyingMeter } from './meter';
import type { BlobPutLimits, BlobPutResult, BlobStore } from './store';

/**
 * Photos as files: `<dir>/ab/cd/<sha256>`, 0600 in 0700 directories (issue 13: they hold customers'
 * handwriting and names).
 *
 * Durable before HQ records a photo (R23), with one fsync after the last byte (issue 17):
 * 1. while the bytes arrive: the photo is written to `tmp/<sha256>.<random>`, whose name is made durable by
 *    an fsync of `tmp/` (one for all the uploads that started meanwhile); its mode is set, its fan-out
 *    directories made, and whether it is stored already is asked;
 * 2. after the last byte: the hash is checked, the file fsync'ed and renamed to its name — and HQ records it.
 * The new name itself is not fsync'ed: should a power cut lose the rename, the file is still durable under
 * its temporary name, and `init` puts every temporary file whose bytes hash to its name in place before HQ
 * serves. A temporary file of a cut-off upload (or damaged bytes) does not hash to its name and is removed.
 * A photo that turns out to be stored already is not fsync'ed at all: its bytes are dropped.
 */
export class FileBlobStore implements BlobStore {
  /** Fan-out directories this process has made (or found): no `mkdir` for each photo. */
  private readonly dirs = new Map<string, Promise<void>>();
  private readonly tmpDir: string;
  private readonly tmpNames: GroupDirSync;

  constructor(readonly dir: string) {
    this.tmpDir = join(dir, 'tmp');
    this.tmpNames = new GroupDirSync(this.tmpDir);
  }

  /**
   * At start: temporary files whose bytes hash to their name (the rename was lost in a crash) are put in
   * place; the others (uploads cut off) are removed. One HQ process per photo directory.
   */
  async init(): Promise<{ recovered: string[] }> {
    await privateDir(this.dir);
    await privateDir(this.tmpDir);
    const recovered: string[] = [];
    for (const name of await readdir(this.tmpDir)) {
      const path = join(this.tmpDir, name);
      const sha256 = /^([0-9a-f]{64})\.[0-9a-f-]+$/.exec(name)?.[1];
      if (sha256 && !(await this.has(sha256)) && (await hashOfFile(path)) === sha256) {
        const target = this.pathOf(sha256);
        await this.ensureDir(dirname(target));
        await chmod(path, PRIVATE_FILE);
        await rename(path, target);
        for (let d = dirname(target); d !== dirname(this.dir); d = dirname(d)) await syncDir(d);
        recovered.push(sha256);
      } else await rm(path, { recursive: true, force: true });
    }
    return { recovered };
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

  async put(sha256: string, body: Readable, limits: BlobPutLimits): Promise<BlobPutResult> {
    if (limits.signal?.aborted) return { ok: false, reason: 'aborted' };
    const tmp = join(this.tmpDir, `${sha256}.${randomUUID()}`);
    const target = this.pathOf(sha256);
    // Started now, done by the time the bytes are in. If another upload of the same bytes lands in
    // between, its file is replaced by an identical one, atomically.
    const present = this.has(sha256);
    const parent = this.ensureDir(dirname(target));
    parent.catch(() => undefined); // awaited before the rename, which reports its failure
    const meter = verifyingMeter(body, limits);
    let file: FileHandle | undefined;
    try {
      file = await open(tmp, 'wx', PRIVATE_FILE);
      const named = this.tmpNames.sync();
      named.catch(() => undefined);
      const mode = file.chmod(PRIVATE_FILE); // whatever the umask
      mode.catch(() => undefined);
      await pipeline(meter.stream, fileWriter(file));
      const result = meter.result(sha256);
      if (!result.ok || (await present)) {
        await file.close();
        file = undefined;
        await rm(tmp, { force: true });
        return result.ok ? { ...result, alreadyStored: true } : result;
      }
      await mode;
      await file.sync(); // the bytes are durable…
      await file.close();
      file = undefined;
      await named; // …and so is the name `init` finds them by after a crash
      await parent;
      await this.rename(tmp, target);
      return result;
    } catch (error) {
      // The rest of the body is the caller's to drop or close, after answering.
      meter.release();
      await file?.close().catch(() => undefined);
      await rm(tmp, { force: true });
      await present;
      const stopped = meter.stopped(error);
      if (stopped) return stopped;
      throw error;
    } finally {
      meter.done();
    }
  }

  private async rename(tmp: string, target: string): Promise<void> {
    try {
      await rename(tmp, target);
    } catch (error) {
      // The directory was removed behind this process's back: make it again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.dirs.delete(dirname(target));
      this.dirs.delete(dirname(dirname(target)));
      await this.ensureDir(dirname(target));
      await rename(tmp, target);
    }
  }

  /** A private fan-out directory, made once per process (`init` recovers a photo whose directory was lost). */
  private ensureDir(dir: string): Promise<void> {
    let made = this.dirs.get(dir);
    if (!made) {
      made = (async () => {
        const up = dirname(dir);
        if (up !== this.dir) await this.ensureDir(up);
        await mkdir(dir, { mode: PRIVATE_DIR }).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'EEXIST') throw error;
        });
        await chmod(dir, PRIVATE_DIR);
      })();
      made.catch(() => this.dirs.delete(dir));
      this.dirs.set(dir, made);
    }
    return made;
  }
}

/**
 * fsyncs of one directory, shared: a caller gets an fsync that starts after it asked; the callers that ask
 * while one runs share the next (group commit), so many uploads starting together cost two, not many.
 */
class GroupDirSync {
  private running?: Promise<void>;
  private next?: Promise<void>;

  constructor(private readonly dir: string) {}

  sync(): Promise<void> {
    if (!this.running) {
      const run = syncDir(this.dir).finally(() => {
        if (this.running === run) this.running = undefined;
      });
      this.running = run;
      return run;
    }
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.sync();
      });
    return this.next;
  }
}

async function hashOfFile(path: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    await pipeline(createReadStream(path), hash);
    return hash.digest('hex');
  } catch {
    return undefined; // not a readable file: removed
  }
}

/**
 * Writes to an open file, which stays open (to be fsync'ed, or not, once the hash is known).
 * `FileHandle.createWriteStream` with `autoClose: false` leaves the handle unable to close on Node 20.
 */
function fileWriter(file: FileHandle): Writable {
  const writeAll = async (buffers: Buffer[]) => {
    let rest = buffers;
    while (rest.length > 0) {
      let { bytesWritten } = await file.writev(rest);
      // A short write (rare on a regular file): go on after what was written.
      while (rest.length > 0 && bytesWritten >= rest[0]!.length) bytesWritten -= rest.shift()!.length;
      if (bytesWritten > 0) rest = [rest[0]!.subarray(bytesWritten), ...rest.slice(1)];
    }
  };
  return new Writable({
    highWaterMark: 1024 * 1024,
    writev(chunks, done) {
      writeAll(chunks.map((c) => c.chunk as Buffer)).then(() => done(), done);
    },
  });
}

/** fsync of a directory: a name made in it survives a power cut. (Windows has no such call; NTFS journals it.) */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

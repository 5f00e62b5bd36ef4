import type { Readable } from 'node:stream';

/**
 * Where photo bytes live, content-addressed by SHA-256. Filesystem by default; an S3-compatible store is
 * the scale-out path (ARCHITECTURE.md "HQ server").
 */
export interface BlobStore {
  has(sha256: string): Promise<boolean>;
  /** The whole photo (the mail worker attaches it); undefined when it is not stored. */
  read(sha256: string): Promise<Buffer | undefined>;
  /**
   * Streams `body` in, hashing while it arrives. Keeps it under `sha256` only when the bytes hash to it;
   * nothing partial is ever visible under that name (a crash mid-upload leaves only a temporary file).
   * `signal` stops it before the end (the caller learnt meanwhile that the bytes are not needed): what was
   * written is removed. Whenever it ends early (stopped, too large, a disk error) `body` is left to the
   * caller, paused, to drain or close after answering.
   */
  put(
    sha256: string,
    body: Readable,
    limits: { maxBytes: number; signal?: AbortSignal },
  ): Promise<BlobPutResult>;
}

export type BlobPutResult =
  | { ok: true; size: number; alreadyStored: boolean }
  | { ok: false; reason: 'hash_mismatch'; actual: string; size: number }
  | { ok: false; reason: 'too_large'; maxBytes: number }
  | { ok: false; reason: 'aborted' };

import type { Readable } from 'node:stream';

/**
 * Where photo bytes live, content-addressed by SHA-256: files under DATA_DIR by default (fs-store.ts), or
 * S3-compatible object storage for HQ on several machines (s3-store.ts, S3_BUCKET).
 */
export interface BlobStore {
  has(sha256: string): Promise<boolean>;
  /** The whole photo (the mail worker attaches it); undefined when it is not stored. */
  read(sha256: string): Promise<Buffer | undefined>;
  /**
   * Streams `body` in, hashing while it arrives. Keeps it under `sha256` only when the bytes hash to it,
   * durably before it resolves; nothing partial or damaged is ever visible under that name.
   * `signal` stops it before the end (the caller learnt meanwhile that the bytes are not needed): what was
   * written is removed. Whenever it ends early (stopped, too large, a disk error) `body` is left to the
   * caller, paused, to drain or close after answering.
   */
  put(sha256: string, body: Readable, limits: BlobPutLimits): Promise<BlobPutResult>;
}

export interface BlobPutLimits {
  maxBytes: number;
  signal?: AbortSignal;
  /** The length the client declared (Content-Length), if it did: an object store streams it as it comes. */
  length?: number;
}

export type BlobPutResult =
  | { ok: true; size: number; alreadyStored: boolean }
  | { ok: false; reason: 'hash_mismatch'; actual: string; size: number }
  | { ok: false; reason: 'too_large'; maxBytes: number }
  | { ok: false; reason: 'aborted' };

import { createHash } from 'node:crypto';
import { finished, Transform, type Readable } from 'node:stream';
import type { BlobPutResult } from './store';

class TooLarge extends Error {}
class Aborted extends Error {}

/**
 * What every blob store puts between the request body and its storage: counts the bytes against
 * `maxBytes`, hashes them (SHA-256) as they pass, and stops on `signal`. The body is piped in by hand, not
 * in a pipeline: stopping early must not destroy the request, whose answer is still to be sent (a 413 or
 * 507 the client must be able to read, not a connection reset). A body that breaks off (client gone)
 * fails the stream all the same.
 */
export function verifyingMeter(body: Readable, limits: { maxBytes: number; signal?: AbortSignal }) {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    // Large buffers: a photo is megabytes, and each small-chunk round of backpressure costs time.
    highWaterMark: 1024 * 1024,
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limits.maxBytes) return done(new TooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  // Its errors reach whoever consumes it (a pipeline sees a stream that failed before it started); until
  // then they must not be unhandled. The first is kept: a consumer (an HTTP client) may report another.
  let failure: unknown;
  stream.on('error', (error) => (failure ??= error));
  const stopWatching = finished(body, (error) => {
    if (error) stream.destroy(error);
  });
  const abort = () => {
    body.unpipe(stream);
    stream.destroy(new Aborted());
  };
  limits.signal?.addEventListener('abort', abort, { once: true });
  body.pipe(stream);
  return {
    stream,
    /** After the stream has ended: stored under `sha256` only if the bytes hash to it. */
    result(
      sha256: string,
    ): Extract<BlobPutResult, { ok: true }> | Extract<BlobPutResult, { reason: 'hash_mismatch' }> {
      const actual = hash.digest('hex');
      return actual === sha256
        ? { ok: true, size, alreadyStored: false }
        : { ok: false, reason: 'hash_mismatch', actual, size };
    },
    /** Stops reading the body: what is left of it is the caller's to drop or close. */
    release() {
      body.unpipe(stream);
    },
    /** The refusal an error stands for (too large, stopped), or undefined for a real failure. */
    stopped(consumerError: unknown): BlobPutResult | undefined {
      const error = failure ?? consumerError;
      if (error instanceof TooLarge) return { ok: false, reason: 'too_large', maxBytes: limits.maxBytes };
      if (error instanceof Aborted) return { ok: false, reason: 'aborted' };
      return undefined;
    },
    done() {
      stopWatching();
      limits.signal?.removeEventListener('abort', abort);
    },
  };
}

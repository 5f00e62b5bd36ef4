import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
  type CompletedPart,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { verifyingMeter } from './meter';
import type { BlobPutLimits, BlobPutResult, BlobStore } from './store';

/** Where HQ keeps photos in S3-compatible object storage (S3_* variables, README "Deployment"). */
export interface S3StoreConfig {
  bucket: string;
  /** e.g. `https://s3.eu-central-1.amazonaws.com` or a MinIO/Ceph/R2 address; absent: AWS by region. */
  endpoint?: string;
  region: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key` (most S3-compatible servers). */
  forcePathStyle: boolean;
  /** Prefix of every photo's key (`photos/<sha256>`). */
  prefix: string;
  /** Absent: the SDK's own chain (AWS_ACCESS_KEY_ID…, a profile, an instance or container role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Parts of an upload whose length is not declared (chunked); S3 wants at least 5 MiB but for the last. */
const PART_BYTES = 8 * 1024 * 1024;

/**
 * Photos as objects `<prefix><sha256>` in one bucket, for HQ on several machines (issue 17).
 *
 * A damaged upload never becomes an object: each photo is a multipart upload, and it is completed only
 * after every byte went through the SHA-256 check on its way in — a mismatch, a body cut off, a photo over
 * its limit aborts it instead, and an object is visible only once completed. (Uploading under a temporary
 * key and copying would write every photo twice; a checksum header alone is ignored by some
 * S3-compatible servers.) With the client's declared length the photo goes as one part streamed while it
 * arrives; without one (chunked), in parts of 8 MiB. Completing is the object store's commit: durable
 * when it answers, before HQ records the photo. An upload HQ dies in the middle of, or could not abort,
 * stays invisible and is removed by the bucket's lifecycle rule ("AbortIncompleteMultipartUpload", README).
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  /** Streamed parts cannot be sent twice: no retries for them (the branch retries the photo). */
  private readonly streaming: S3Client;
  private abortUnsupportedLogged = false;

  constructor(
    readonly config: S3StoreConfig,
    private readonly log: (message: string) => void = (m) => console.error(m),
  ) {
    const options: S3ClientConfig = {
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.credentials ? { credentials: config.credentials } : {}),
      // The hash HQ checks is the integrity check; the SDK's own checksums (trailers, aws-chunked
      // bodies) are not understood by every S3-compatible server.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        connectionTimeout: 10_000,
        // Without traffic for this long a request fails (a streamed part moves as the branch sends it).
        requestTimeout: 120_000,
        httpAgent: { keepAlive: true, maxSockets: 256 },
        httpsAgent: { keepAlive: true, maxSockets: 256 },
      },
    };
    this.client = new S3Client(options);
    // Its one warning ("an error in a non-retryable streaming request") says what put() reports anyway.
    const quiet = () => undefined;
    this.streaming = new S3Client({
      ...options,
      maxAttempts: 1,
      logger: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    });
  }

  keyOf(sha256: string): string {
    return `${this.config.prefix}${sha256}`;
  }

  /** At start: the bucket must answer, so a wrong address or key fails here, not at the first photo. */
  async init(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucket }));
    } catch (error) {
      throw new Error(
        `S3 bucket "${this.config.bucket}"${this.config.endpoint ? ` at ${this.config.endpoint}` : ''} ` +
          `cannot be reached: ${describe(error)} (S3_BUCKET, S3_ENDPOINT, S3_REGION, credentials)`,
        { cause: error },
      );
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.keyOf(sha256) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async read(sha256: string): Promise<Buffer | undefined> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.config.bucket, Key: this.keyOf(sha256) }),
      );
      return Buffer.from(await object.Body!.transformToByteArray());
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async put(sha256: string, body: Readable, limits: BlobPutLimits): Promise<BlobPutResult> {
    if (limits.signal?.aborted) return { ok: false, reason: 'aborted' };
    const Bucket = this.config.bucket;
    const Key = this.keyOf(sha256);
    // Asked while the bytes arrive; an error here only means the identical object is written again.
    const present = this.has(sha256).catch(() => false);
    const meter = verifyingMeter(body, limits);
    let UploadId: string | undefined;
    try {
      ({ UploadId } = await this.client.send(
        new CreateMultipartUploadCommand({ Bucket, Key, ContentType: 'application/octet-stream' }),
      ));
      if (!UploadId) throw new Error('the object store started no multipart upload');
      const parts =
        limits.length !== undefined && limits.length > 0
          ? [await this.streamPart(Key, UploadId, meter.stream, limits.length)]
          : await this.bufferedParts(Key, UploadId, meter.stream);
      const result = meter.result(sha256);
      if (!result.ok || (await present)) {
        await this.abort(Key, UploadId);
        return result.ok ? { ...result, alreadyStored: true } : result;
      }
      try {
        await this.client.send(
          new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts } }),
        );
      } catch (error) {
        // Two HQ processes given the same photo at once both complete their upload of one key, and the
        // object store may refuse the second. The key is the hash and only verified bytes are completed, so
        // an object there now is this photo: stored, not a failure.
        if (!(await this.has(sha256).catch(() => false))) throw error;
        await this.abort(Key, UploadId);
        return { ...result, alreadyStored: true };
      }
      return result;
    } catch (error) {
      // The rest of the body is the caller's to drop or close, after answering.
      meter.release();
      meter.stream.destroy();
      if (UploadId) await this.abort(Key, UploadId);
      const stopped = meter.stopped(error);
      if (stopped) return stopped;
      throw error;
    } finally {
      meter.done();
    }
  }

  /** The whole photo as one part, sent while it arrives. */
  private async streamPart(
    Key: string,
    UploadId: string,
    bytes: Readable,
    length: number,
  ): Promise<CompletedPart> {
    // A body that fails (cut off, too large, stopped) ends the request at once: the object store would
    // otherwise wait for the bytes the declared length still promises.
    if (bytes.destroyed) throw new Error('the photo upload ended before it reached the object store');
    const stop = new AbortController();
    const onError = () => stop.abort();
    bytes.once('error', onError);
    try {
      const { ETag } = await this.streaming.send(
        new UploadPartCommand({
          Bucket: this.config.bucket,
          Key,
          UploadId,
          PartNumber: 1,
          Body: bytes,
          ContentLength: length,
        }),
        { abortSignal: stop.signal },
      );
      return { ETag, PartNumber: 1 };
    } finally {
      bytes.off('error', onError);
    }
  }

  /** A body of unknown length, in parts of PART_BYTES (memory: one part per upload). */
  private async bufferedParts(Key: string, UploadId: string, bytes: Readable): Promise<CompletedPart[]> {
    const parts: CompletedPart[] = [];
    let chunks: Buffer[] = [];
    let size = 0;
    const send = async () => {
      const PartNumber = parts.length + 1;
      const { ETag } = await this.client.send(
        new UploadPartCommand({
          Bucket: this.config.bucket,
          Key,
          UploadId,
          PartNumber,
          Body: Buffer.concat(chunks, size),
        }),
      );
      parts.push({ ETag, PartNumber });
      chunks = [];
      size = 0;
    };
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= PART_BYTES) await send();
    }
    if (size > 0 || parts.length === 0) await send();
    return parts;
  }

  private async abort(Key: string, UploadId: string): Promise<void> {
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.config.bucket, Key, UploadId }));
    } catch (error) {
      // Never visible as an object; the bucket's lifecycle rule removes what is left of it.
      if (this.abortUnsupportedLogged) return;
      this.abortUnsupportedLogged = true;
      this.log(
        `[hq] S3: an incomplete photo upload could not be aborted (${describe(error)}); it is not visible ` +
          'and the bucket\'s lifecycle rule "AbortIncompleteMultipartUpload" removes it (said once)',
      );
    }
  }

  close(): void {
    this.client.destroy();
    this.streaming.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)
  );
}

function describe(error: unknown): string {
  if (error instanceof S3ServiceException)
    return `${error.name}${error.$metadata.httpStatusCode ? ` (HTTP ${error.$metadata.httpStatusCode})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

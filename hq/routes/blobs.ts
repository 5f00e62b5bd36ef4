import { Transform, type Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { sha256Param } from '../../shared/sync/protocol';
import { HqError } from '../errors';
import { branchHasPhoto, recordPhoto } from '../book/photos';
import { quotaRefusal, storageRefusal } from '../blobs/refusals';

/** Which bytes an address receives: feedback-book photos (R6) or files attached to complaints (R3). */
export interface BlobRouteOptions {
  /** `/v1/photos/:sha256` or `/v1/attachments/:sha256` (HQ_PATHS). */
  route: string;
  /** What the answers call the bytes: "photo", "file". */
  noun: string;
  /** The largest accepted. */
  maxBytes: (app: FastifyInstance) => number;
  /**
   * Issue 15 (R3): GET gives the bytes back to a device of the branch when this says it may have them
   * (scope in SQL); absent: no GET at this address.
   */
  mayFetch?: (app: FastifyInstance, branchId: number, sha256: string) => Promise<boolean>;
}

/**
 * R6, R3, R23: photos and attached files are immutable and content-addressed, and both kinds are one blob
 * store and one record of which branch delivered which bytes (`photos`, `branch_photos`), so the same bytes
 * are stored once and count once against the branch's quota. PUT streams the bytes to the blob store,
 * hashing them on the way; HEAD tells whether the branch's upload has arrived. The device is authenticated
 * before the body is read (hq/http/device-auth.ts).
 */
export async function blobRoutes(
  app: FastifyInstance,
  { route, noun, maxBytes: maxOf, mayFetch }: BlobRouteOptions,
) {
  // The body is streamed by the route itself, whatever its declared type.
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  const shaOf = (params: unknown) => {
    const sha = (params as { sha256?: string }).sha256 ?? '';
    if (!sha256Param.safeParse(sha).success)
      throw new HqError(
        400,
        'bad_request',
        `A ${noun} address is its SHA-256 in lower-case hex (64 characters).`,
      );
    return sha;
  };

  const emptyBody = () => new HqError(400, 'bad_request', `A ${noun} has at least one byte.`);

  app.head(route, async (request, reply) => {
    const device = await app.device(request);
    const sha = shaOf(request.params);
    return reply.code((await branchHasPhoto(app.hq.db.pool, device.branchId, sha)) ? 200 : 404).send();
  });

  // Issue 15 (R3): a file attached on another PC of the branch, opened here — the bytes as they are
  // (the branch checks them against their hash before keeping or showing them), never to run or render
  // here; 404 alike for a file of another branch and for one that does not exist.
  if (mayFetch)
    app.get(route, { exposeHeadRoute: false }, async (request, reply) => {
      const device = await app.device(request);
      const sha = shaOf(request.params);
      const notFound = () => new HqError(404, 'not_found', `No such ${noun} of this branch.`);
      if (!(await mayFetch(app, device.branchId, sha))) throw notFound();
      const bytes = await app.hq.blobs.read(sha);
      if (!bytes) throw notFound();
      return reply
        .header('content-type', 'application/octet-stream')
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(bytes);
    });

  app.put(route, async (request, reply) => {
    const device = await app.device(request);
    const sha = shaOf(request.params);
    const { blobs, faults } = app.hq;
    const maxBytes = maxOf(app);
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes)
      throw new HqError(
        413,
        'payload_too_large',
        `A ${noun} may be at most ${maxBytes} bytes; this one has ${declared}.`,
      );
    // No content is no photo and no file (R3: an empty file is refused at the branch too).
    if (declared === 0) throw emptyBody();
    // Issue 13: a branch over its photo quota is refused with 507 (it keeps the photo and tries later).
    const room = await app.photoQuota.remaining(device.branchId);
    if (Number.isFinite(declared) && declared > room) {
      if (await branchHasPhoto(app.hq.db.pool, device.branchId, sha))
        return reply.code(200).send({ sha256: sha, stored: 'already' });
      throw quotaRefusal(device.branchCode, app.photoQuota.quotaBytes);
    }
    let body: Readable = request.raw;
    const chunkDelay = faults?.delay('photo.chunkDelay') ?? 0;
    if (chunkDelay > 0) {
      console.log('[hq] fault point photo.chunkDelay: slow upload');
      body = request.raw.pipe(
        new Transform({
          transform(chunk, _enc, done) {
            setTimeout(() => done(null, chunk), chunkDelay);
          },
        }),
      );
    }
    // R23, issue 17: one statement per photo. Whether this branch has delivered the photo already is
    // not asked first: the branch asks that itself (HEAD) before sending a photo again, and the statement
    // that records the photo answers it (200 "already").
    const limit = Math.min(maxBytes, room);
    let result;
    try {
      result = await blobs.put(sha, body, {
        maxBytes: limit,
        ...(Number.isFinite(declared) ? { length: declared } : {}),
      });
    } catch (error) {
      throw storageRefusal(error);
    }
    if (!result.ok && result.reason === 'aborted') throw new Error(`${noun} upload stopped unexpectedly`);
    if (!result.ok && result.reason === 'too_large')
      throw result.maxBytes < maxBytes
        ? quotaRefusal(device.branchCode, app.photoQuota.quotaBytes)
        : new HqError(413, 'payload_too_large', `A ${noun} may be at most ${result.maxBytes} bytes.`);
    if (!result.ok)
      throw new HqError(
        422,
        'hash_mismatch',
        `The bytes received hash to ${result.actual}, not to ${sha}: the upload was damaged or the address is wrong.`,
      );
    if (result.size === 0) throw emptyBody();
    const recorded = await recordPhoto(app.hq.db.pool, device.branchId, sha, result.size);
    if (recorded.wake) app.hq.onMailWork?.();
    if (recorded.newForBranch) app.photoQuota.stored(device.branchId, result.size);
    // Issue 13: new to this branch is "new", whether or not another branch had the same bytes (that is not
    // this branch's to learn). A concurrent upload of the branch's own may have recorded it first.
    return recorded.newForBranch
      ? reply.code(201).send({ sha256: sha, stored: 'new' })
      : reply.code(200).send({ sha256: sha, stored: 'already' });
  });
}

import { Transform } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { sha256Param } from '../../shared/sync/protocol';
import { HqError } from '../errors';
import { recordPhoto, branchHasPhoto } from '../photos';

/**
 * R6, R23: photos are immutable and content-addressed. PUT streams the bytes to the blob store, hashing
 * them on the way; HEAD tells whether the branch's upload has arrived.
 */
export async function photoRoutes(app: FastifyInstance) {
  // The body is streamed by the route itself, whatever its declared type.
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  const shaOf = (params: unknown) => {
    const sha = (params as { sha256?: string }).sha256 ?? '';
    if (!sha256Param.safeParse(sha).success)
      throw new HqError(
        400,
        'bad_request',
        'A photo address is its SHA-256 in lower-case hex (64 characters).',
      );
    return sha;
  };

  app.head('/v1/photos/:sha256', async (request, reply) => {
    const device = await app.device(request);
    const sha = shaOf(request.params);
    return reply.code((await branchHasPhoto(app.hq.db.pool, device.branchId, sha)) ? 200 : 404).send();
  });

  app.put('/v1/photos/:sha256', async (request, reply) => {
    const device = await app.device(request);
    const sha = shaOf(request.params);
    const { maxPhotoBytes, blobs, faults } = app.hq;
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxPhotoBytes)
      throw new HqError(
        413,
        'payload_too_large',
        `A photo may be at most ${maxPhotoBytes} bytes; this one has ${declared}.`,
      );
    if (await branchHasPhoto(app.hq.db.pool, device.branchId, sha)) {
      request.raw.resume();
      return reply.code(200).send({ sha256: sha, stored: 'already' });
    }
    let body: NodeJS.ReadableStream = request.raw;
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
    const result = await blobs.put(sha, body as never, { maxBytes: maxPhotoBytes });
    if (!result.ok && result.reason === 'too_large')
      throw new HqError(413, 'payload_too_large', `A photo may be at most ${result.maxBytes} bytes.`);
    if (!result.ok)
      throw new HqError(
        422,
        'hash_mismatch',
        `The bytes received hash to ${result.actual}, not to ${sha}: the upload was damaged or the address is wrong.`,
      );
    if (await recordPhoto(app.hq.db.pool, device.branchId, sha, result.size)) app.hq.onMailWork?.();
    return reply.code(201).send({ sha256: sha, stored: result.alreadyStored ? 'deduplicated' : 'new' });
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  complaintListQuerySchema,
  consoleActionSchema,
  consolePrintedSchema,
  CONSOLE_PATHS,
  type ComplaintDetail,
  type ComplaintList,
  type Queues,
} from '../../shared/console/protocol';
import { isMailJobId } from '../../shared/mail/policy';
import { sha256Param } from '../../shared/sync/protocol';
import { recordAudit } from '../audit/log';
import { actOnComplaint } from '../console/actions';
import { attachmentDisposition, safeContentType, scopedAttachment } from '../console/attachments';
import { complaintDetail, scopedPhoto } from '../console/detail';
import { recordConsolePrint } from '../console/printed';
import { assertMayRead } from '../console/scope';
import { listComplaints } from '../console/list';
import { consoleQueues, retryMail } from '../console/queues';
import { HqError } from '../errors';
import { PRINTED_ROUTE } from '../http/console-auth';
import type { ConsolePrincipal } from '../people/sessions';

const idParams = z.object({ id: z.uuid() });
const attachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });
// A job id of another form names no job: 404 before the database sees it (a NUL byte, which PostgreSQL
// refuses in text, once answered 500 there: found by the console fuzz suite).
const jobParams = z.object({ jobId: z.string().max(200).refine(isMailJobId) });

/** Issue 14: the register, a complaint's page and actions, the queues, photos — each scoped in SQL. */
export async function consoleComplaintRoutes(app: FastifyInstance) {
  const pool = () => app.hq.db.pool;
  const detailOptions = () => ({ statusPageUrl: app.hq.statusPageUrl });
  /** The user, when they may read complaints at all (the admin may not: 403 before anything else). */
  const reader = (request: FastifyRequest): ConsolePrincipal => {
    const principal = app.consoleUser(request);
    assertMayRead(principal);
    return principal;
  };

  app.get(CONSOLE_PATHS.complaints, async (request): Promise<ComplaintList> =>
    listComplaints(pool(), reader(request), app.parse(complaintListQuerySchema, request.query)),
  );

  app.get('/v1/console/complaints/:id', async (request): Promise<ComplaintDetail> => {
    const principal = reader(request);
    const { id } = parseId(request.params);
    return complaintDetail(pool(), principal, id, detailOptions());
  });

  app.post('/v1/console/complaints/:id/events', async (request): Promise<ComplaintDetail> => {
    const principal = reader(request);
    const { id } = parseId(request.params);
    const action = app.parse(consoleActionSchema, request.body);
    await actOnComplaint(pool(), principal, id, action, request.ip);
    return complaintDetail(pool(), principal, id, detailOptions());
  });

  // Issue 16: a document printed in the console, in the complaint's history (who, which, when) and the audit.
  app.post(PRINTED_ROUTE, async (request, reply) => {
    const principal = reader(request);
    const { id } = parseId(request.params);
    const printed = app.parse(consolePrintedSchema, request.body);
    await recordConsolePrint(pool(), principal, id, printed, request.ip);
    return reply.code(204).send();
  });

  app.get(CONSOLE_PATHS.queues, async (request): Promise<Queues> => consoleQueues(pool(), reader(request)));

  app.post('/v1/console/mail/:jobId/retry', async (request, reply) => {
    const principal = reader(request);
    const parsed = jobParams.safeParse(request.params);
    if (!parsed.success)
      throw new HqError(404, 'not_found', 'No such mail job (or not one of your branches).');
    const { jobId } = parsed.data;
    await retryMail(pool(), principal, jobId, request.ip);
    app.hq.onMailWork?.();
    return reply.code(204).send();
  });

  app.get('/v1/console/photos/:sha256', async (request, reply) => {
    const principal = reader(request);
    const sha = (request.params as { sha256?: string }).sha256 ?? '';
    if (!sha256Param.safeParse(sha).success)
      throw new HqError(
        400,
        'bad_request',
        'A photo address is its SHA-256 in lower-case hex (64 characters).',
      );
    const notFound = () => new HqError(404, 'not_found', 'No such photo (or not one of your branches).');
    const photo = await scopedPhoto(pool(), principal, sha);
    if (!photo) throw notFound();
    const bytes = await app.hq.blobs.read(sha);
    if (!bytes) throw notFound();
    return reply
      .header('content-type', photo.mime)
      .header('cache-control', 'private, max-age=86400, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(bytes);
  });

  // Issue 15 item 2 (R3, R24): one attached file, for a console user whose scope holds its complaint
  // (scope in SQL), as a download: never shown inline, never a type the browser would run. Audited.
  app.get('/v1/console/complaints/:id/attachments/:attachmentId', async (request, reply) => {
    const principal = reader(request);
    const parsed = attachmentParams.safeParse(request.params);
    const notFound = () => new HqError(404, 'not_found', 'No such file (or not one of your branches).');
    if (!parsed.success) throw notFound();
    const { id, attachmentId } = parsed.data;
    const file = await scopedAttachment(pool(), principal, id, attachmentId);
    if (!file) throw notFound();
    const bytes = await app.hq.blobs.read(file.sha256);
    if (!bytes) throw notFound();
    await recordAudit(
      pool(),
      {
        actor: { kind: 'hq_user', id: principal.user.id, name: principal.user.name },
        ...(request.ip ? { ip: request.ip } : {}),
      },
      'attachment.download',
      `complaint:${file.number}`,
      { after: { attachmentId, sha256: file.sha256 } },
    );
    return reply
      .header('content-type', safeContentType(file.mime, bytes))
      .header('content-disposition', attachmentDisposition(file.fileName))
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(bytes);
  });

  function parseId(params: unknown) {
    const parsed = idParams.safeParse(params);
    // A malformed id is a complaint that does not exist, like any other.
    if (!parsed.success)
      throw new HqError(404, 'not_found', 'No such complaint (or not one of your branches).');
    return parsed.data;
  }
}

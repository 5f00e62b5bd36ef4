import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { PUSH_BODY_LIMIT } from '../shared/sync/protocol';
import { DeviceAuthCache, type DevicePrincipal } from './auth';
import { BranchPhotoQuota } from './blobs/quota';
import type { BlobStore } from './blobs/store';
import type { HqDatabase } from './db/database';
import { HqError } from './errors';
import type { FaultPoints } from './faults';
import { consoleAuthentication, isConsolePath } from './http/console-auth';
import { routedPath } from './http/paths';
import { deviceAuthentication } from './http/device-auth';
import { clientWentAway } from './http/client-gone';
import { DEFAULT_LIMITS, type HttpLimits } from './http/limit-settings';
import { httpLimits, lingerAfterRefusedBody, serverTimeouts } from './http/limits';
import { DEFAULT_SESSION_TIMES, type ConsolePrincipal, type SessionTimes } from './people/sessions';
import { consoleAdminRoutes } from './routes/console-admin';
import { consolePolicyRoutes } from './routes/console-policy';
import { consoleComplaintRoutes } from './routes/console-complaints';
import { consoleSessionRoutes } from './routes/console-session';
import { consoleAppRoutes } from './routes/console-app';
import { enrollRoutes } from './routes/enroll';
import { healthRoutes } from './routes/health';
import { blobRoutes } from './routes/blobs';
import { branchMayFetchAttachment } from './complaints/attachments';
import { MAX_ATTACHMENT_BYTES } from '../shared/handling/attachments';
import { statusPageRoutes } from './routes/status-page';
import { syncRoutes } from './routes/sync';

export interface HqContext {
  db: HqDatabase;
  blobs: BlobStore;
  maxPhotoBytes: number;
  /** How long a checked device token is trusted without the database (auth.ts); 0: always ask it. */
  authCacheMs?: number;
  faults?: FaultPoints;
  /** A push or a photo upload may have made a mail job ready: wake the mail worker (R7). */
  onMailWork?: () => void;
  /** Days an unused device token stays valid (HQ_DEVICE_TOKEN_DAYS; 0: for ever). */
  deviceTokenDays?: number;
  /** Photo bytes one branch may keep at HQ (HQ_BRANCH_PHOTO_QUOTA_BYTES; 0: no quota). */
  branchPhotoQuotaBytes?: number;
  /** Console sessions' idle and absolute expiry (HQ_SESSION_IDLE_MIN, HQ_SESSION_MAX_HOURS). */
  sessionTimes?: SessionTimes;
  /** The built HQ console served at /console/ (HQ_CONSOLE_DIR, default dist/console). */
  consoleDir?: string;
  /** Issue 16: the public status page for the receipt's QR code (HQ_STATUS_PAGE=on); off by default. */
  statusPage?: boolean;
  /**
   * Issue 16 item 4: the status page's public address (HQ_PUBLIC_URL) when it is on: sent to the branches
   * with every pull and to the console, so a receipt's QR code opens it.
   */
  statusPageUrl?: string;
}

/** How the server itself is run (issue 13): limits, TLS, the proxy in front of it. */
export interface ServerOptions {
  logger?: boolean;
  limits?: HttpLimits;
  /** PEM certificate (chain) and key: HQ serves HTTPS (TLS_CERT, TLS_KEY). */
  https?: { cert: Buffer; key: Buffer };
  /** Which proxies' X-Forwarded-For to believe for the client's address (HQ_TRUST_PROXY). */
  trustProxy?: boolean | number | string;
}

declare module 'fastify' {
  interface FastifyInstance {
    hq: HqContext;
    /** The enrolled device of the request: 401 without a valid token. */
    device(request: FastifyRequest): Promise<DevicePrincipal>;
    /** Recently checked device tokens; told when a device's token changes. */
    deviceAuth: DeviceAuthCache;
    /** Photo bytes each branch keeps at HQ, against its quota. */
    photoQuota: BranchPhotoQuota;
    /** Parses with a shared schema: 400 `invalid_body` with the first problem otherwise. */
    parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S>;
    /** The signed-in console user of the request: 401 without a valid session (console-auth.ts). */
    consoleUser(request: FastifyRequest): ConsolePrincipal;
  }
}

/** Maps Fastify's own client-error codes (bad JSON, body too large…) to ours. */
function clientErrorCode(error: FastifyError): { status: number; code: HqError['code'] } {
  if (error.statusCode === 413) return { status: 413, code: 'payload_too_large' };
  if (error.statusCode === 415) return { status: 415, code: 'unsupported_media_type' };
  if (error.statusCode === 404) return { status: 404, code: 'not_found' };
  return {
    status: error.statusCode ?? 400,
    code:
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code?.startsWith('FST_ERR_CTP')
        ? 'invalid_body'
        : 'bad_request',
  };
}

export function buildApp(ctx: HqContext, options: ServerOptions = {}): FastifyInstance {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const timeouts = serverTimeouts(limits);
  const app = Fastify({
    logger: options.logger ?? false,
    // A full push batch stays well below this (a workstation fills one up to MAX_PUSH_CHARS).
    bodyLimit: PUSH_BODY_LIMIT,
    // Photo uploads over a slow branch link must not be cut off by a total time limit: progress is watched.
    ...timeouts.options,
    ...(options.https ? { https: { ...options.https, ...timeouts.http } } : { http: timeouts.http }),
    // Fastify takes a hop count too (proxy-addr), though its types do not say so.
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy as string } : {}),
  }) as unknown as FastifyInstance;
  app.decorate('hq', ctx);
  const deviceAuth = new DeviceAuthCache(
    ctx.db.pool,
    ctx.authCacheMs,
    undefined,
    undefined,
    ctx.deviceTokenDays,
  );
  app.decorate('deviceAuth', deviceAuth);
  app.decorate('photoQuota', new BranchPhotoQuota(ctx.db.pool, ctx.branchPhotoQuotaBytes ?? 0));
  app.decorate('device', (request: FastifyRequest) =>
    request.hqDevice
      ? Promise.resolve(request.hqDevice)
      : deviceAuth.authenticate(request.headers.authorization),
  );
  app.decorate('parse', <S extends z.ZodType>(schema: S, value: unknown): z.infer<S> => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new HqError(400, 'invalid_body', `${where}${issue?.message ?? 'invalid request'}`);
  });

  app.decorate('consoleUser', (request: FastifyRequest) => {
    if (!request.hqUser) throw new HqError(401, 'unauthorized', 'Sign in to the console first.');
    return request.hqUser;
  });

  // Branch apps run in another origin (app://, or a local page); they authenticate with a bearer token,
  // never cookies, so any origin may call. The console (cookies) is same-origin only: no CORS for it.
  app.addHook('onRequest', async (request, reply) => {
    if (isConsolePath(routedPath(request))) return;
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Access-Control-Expose-Headers', 'Content-Type');
    if (request.method === 'OPTIONS') {
      reply
        .header('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, OPTIONS')
        .header('Access-Control-Allow-Headers', 'Authorization, Content-Type')
        .header('Access-Control-Max-Age', '600')
        .code(204)
        .send();
      return reply;
    }
    if (ctx.faults?.failing() && request.url.startsWith('/v1/')) {
      reply.code(500).send({ code: 'internal_error', message: 'Injected fault (HQ_FAULTS fail500.ms).' });
      return reply;
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    // The client hung up (or was cut off as too slow): nobody to answer, and nothing went wrong at HQ.
    if (clientWentAway(error, request, reply)) return;
    if (error instanceof HqError)
      return reply
        .code(error.statusCode)
        .send({ ...error.details, code: error.code, message: error.message });
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      if (error.code?.startsWith('FST_ERR_CTP')) lingerAfterRefusedBody(request, reply);
      const { status, code } = clientErrorCode(error);
      return reply.code(status).send({ code, message: error.message });
    }
    request.log.error(error);
    console.error('[hq] request failed:', request.method, request.url, error);
    return reply.code(500).send({
      code: 'internal_error',
      message: 'HQ could not complete the request; it will work on a retry.',
    });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ code: 'not_found', message: `No such address: ${request.method} ${request.url}` }),
  );

  app.register(deviceAuthentication);
  app.register(consoleAuthentication, { times: ctx.sessionTimes ?? DEFAULT_SESSION_TIMES });
  app.register(httpLimits, { limits });
  app.register(healthRoutes);
  app.register(enrollRoutes);
  app.register(syncRoutes);
  app.register(blobRoutes, {
    route: '/v1/photos/:sha256',
    noun: 'photo',
    maxBytes: (a: FastifyInstance) => a.hq.maxPhotoBytes,
  });
  // Issue 15 (R3): files attached to complaints, into the same store, at most MAX_ATTACHMENT_BYTES each.
  app.register(blobRoutes, {
    route: '/v1/attachments/:sha256',
    noun: 'file',
    maxBytes: () => MAX_ATTACHMENT_BYTES,
    mayFetch: (a: FastifyInstance, branchId: number, sha256: string) =>
      branchMayFetchAttachment(a.hq.db.pool, branchId, sha256),
  });
  app.register(consoleSessionRoutes);
  app.register(consoleComplaintRoutes);
  app.register(consoleAdminRoutes);
  app.register(consolePolicyRoutes);
  app.register(consoleAppRoutes, { root: ctx.consoleDir });
  if (ctx.statusPage) app.register(statusPageRoutes, { perMinute: limits.statusPerIpPerMinute });
  return app;
}

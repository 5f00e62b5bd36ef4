import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { IncomingMessage } from 'node:http';
import { CONSOLE_PATHS } from '../../shared/console/protocol';
import { HQ_PATHS, normalizeEnrollmentCode } from '../../shared/sync/protocol';
import { HqError } from '../errors';
import { isConsolePath } from './console-auth';
import { FailedSignIns } from './failed-sign-ins';
import { CONSOLE_BODY_LIMIT, ENROLL_BODY_LIMIT, type HttpLimits } from './limit-settings';

/**
 * Connection, header and idle timeouts of the HTTP server itself. `requestTimeout` stays off (a total time
 * limit would cut a large photo on a slow link); the body's progress is watched instead (`httpLimits`).
 */
export function serverTimeouts(limits: HttpLimits): {
  options: Pick<FastifyServerOptions, 'connectionTimeout' | 'keepAliveTimeout' | 'requestTimeout'>;
  http: { headersTimeout: number; connectionsCheckingInterval: number };
} {
  return {
    options: {
      connectionTimeout: limits.idleTimeoutMs,
      keepAliveTimeout: Math.min(limits.idleTimeoutMs, 10_000),
      requestTimeout: 0,
    },
    http: {
      headersTimeout: limits.headersTimeoutMs,
      // Node checks header deadlines on this timer (30 s by default, far later than the deadline).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 3))),
    },
  };
}

function hasBody(raw: IncomingMessage): boolean {
  const length = raw.headers['content-length'];
  return raw.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Cuts off a body that stopped making progress: fewer than `bodyMinBytes` arrived in a whole window while
 * nothing was waiting on HQ's side (bytes buffered and unread mean HQ is the slow one: the disk, the
 * database). Answers 408 with a body when nothing was answered yet.
 */
function watchBodyProgress(request: FastifyRequest, reply: FastifyReply, limits: HttpLimits): void {
  const raw = request.raw;
  const socket = raw.socket;
  let last = socket.bytesRead;
  const timer = setInterval(() => {
    if (raw.complete || socket.destroyed) return clearInterval(timer);
    const read = socket.bytesRead;
    const progress = read - last;
    last = read;
    if (progress >= limits.bodyMinBytes || raw.readableLength > 0 || socket.readableLength > 0) return;
    clearInterval(timer);
    request.log.info('body too slow: closing the connection');
    if (reply.sent) {
      socket.destroy();
      return;
    }
    reply
      .code(408)
      .header('connection', 'close')
      .send({
        code: 'request_timeout',
        message: `Less than ${limits.bodyMinBytes} bytes arrived in ${limits.bodyProgressMs / 1000} s: the request was cut off. Try again.`,
      });
  }, limits.bodyProgressMs);
  timer.unref();
  raw.once('close', () => clearInterval(timer));
}

/**
 * Fastify answers a body it refuses while reading it (too large, bad JSON) with `Connection: close`, and
 * Node then closes the socket as soon as the answer is written. With the client still sending, the kernel
 * resets the connection, and a client that writes its whole body before it reads (fetch, browsers) gets
 * the reset, never the answer: a 14 MB push lost its 413 after 2.6 MB. Without the header Node reads and
 * drops the rest of the body, and lingerThenClose closes the connection after `lingerMs` if it goes on.
 */
export function lingerAfterRefusedBody(request: FastifyRequest, reply: FastifyReply): void {
  if (!request.raw.complete) reply.removeHeader('connection');
}

/**
 * After answering a request whose body is not all in (refused early: no token, too large, over quota, too
 * many requests), the rest is read and dropped for `lingerMs` so the client reads the answer instead of a
 * connection reset; then the connection is closed if the body still goes on.
 */
function lingerThenClose(raw: IncomingMessage, lingerMs: number): void {
  if (raw.complete || raw.socket.destroyed) return;
  raw.resume();
  const timer = setTimeout(() => {
    if (!raw.complete) raw.socket.destroy();
  }, lingerMs);
  timer.unref();
  raw.socket.once('close', () => clearTimeout(timer));
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

async function enforce(limiter: Limiter, request: FastifyRequest, reply: FastifyReply, what: string) {
  const result = await limiter(request);
  if (result.isAllowed || !result.isExceeded) return;
  reply.header('retry-after', String(result.ttlInSeconds));
  throw new HqError(429, 'rate_limited', `Too many ${what}; try again in ${result.ttlInSeconds} s.`);
}

/**
 * Rate limits, body progress and lingering. Registered after the device authentication (device-auth.ts),
 * so the per-device budget is counted for devices HQ knows, before their bodies are read.
 */
export const httpLimits = fp<{ limits: HttpLimits }>(
  async (app, { limits }) => {
    await app.register(rateLimit, { global: false });
    const enrollByAddress = app.createRateLimit({
      max: limits.enrollPerIpPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => `enroll-ip:${request.ip}`,
    });
    const enrollByCode = app.createRateLimit({
      max: limits.enrollPerCodePer15Minutes,
      timeWindow: 15 * 60_000,
      keyGenerator: (request) => {
        const code = (request.body as { code?: unknown } | undefined)?.code;
        return `enroll-code:${typeof code === 'string' ? normalizeEnrollmentCode(code).slice(0, 64) : ''}`;
      },
    });
    const byDevice = app.createRateLimit({
      max: limits.devicePerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => `device:${request.hqDevice?.deviceId ?? request.ip}`,
    });

    // Issue 14: console sign-in, per address and per account, before any password is hashed.
    const signInByAddress = app.createRateLimit({
      max: limits.signInPerIpPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => `signin-ip:${request.ip}`,
    });
    // Per account only failed sign-ins count (failed-sign-ins.ts): knowing an e-mail is not enough to lock
    // its owner out by signing in as them… with the right password.
    const failedSignIns = new FailedSignIns(limits.signInPerAccountPer15Minutes, 15 * 60_000);
    const signInAccount = new WeakMap<FastifyRequest, string>();
    const accountOf = (request: FastifyRequest) => {
      const email = (request.body as { email?: unknown } | undefined)?.email;
      return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '';
    };
    const signingIn = (request: FastifyRequest) =>
      request.method === 'POST' &&
      (request.routeOptions.url === CONSOLE_PATHS.session ||
        request.routeOptions.url === CONSOLE_PATHS.password);

    app.addHook('onRoute', (route) => {
      // A set-password request is a token and a password: a small body.
      if (route.url === CONSOLE_PATHS.password) route.bodyLimit = ENROLL_BODY_LIMIT;
      else if (isConsolePath(route.url) && route.bodyLimit === undefined)
        route.bodyLimit = CONSOLE_BODY_LIMIT;
      if (route.url === CONSOLE_PATHS.session && route.method === 'POST') {
        route.bodyLimit = ENROLL_BODY_LIMIT;
        const byAccount = async (request: FastifyRequest, reply: FastifyReply) => {
          const account = accountOf(request);
          const wait = failedSignIns.begin(account);
          if (wait !== undefined) {
            reply.header('retry-after', String(wait));
            throw new HqError(
              429,
              'rate_limited',
              `Too many failed sign-in attempts for this account; try again in ${wait} s.`,
            );
          }
          signInAccount.set(request, account);
        };
        const settle = async (request: FastifyRequest, reply: FastifyReply) => {
          const account = signInAccount.get(request);
          if (account === undefined) return;
          signInAccount.delete(request);
          const status = reply.statusCode;
          failedSignIns.settle(
            account,
            status === 401 ? 'failed' : status < 300 ? 'succeeded' : 'not_an_attempt',
          );
        };
        route.onSend = [...(route.onSend ? [route.onSend].flat() : []), settle];
        route.preHandler = [...(route.preHandler ? [route.preHandler].flat() : []), byAccount];
        return;
      }
      if (route.url !== HQ_PATHS.enroll) return;
      route.bodyLimit = ENROLL_BODY_LIMIT;
      const byCode = async (request: FastifyRequest, reply: FastifyReply) =>
        enforce(enrollByCode, request, reply, 'attempts with this enrollment code');
      route.preHandler = [...(route.preHandler ? [route.preHandler].flat() : []), byCode];
    });

    app.addHook('onRequest', async (request, reply) => {
      if (hasBody(request.raw)) watchBodyProgress(request, reply, limits);
      if (request.routeOptions.url === HQ_PATHS.enroll)
        await enforce(enrollByAddress, request, reply, 'enrollment attempts from this address');
      else if (signingIn(request))
        await enforce(signInByAddress, request, reply, 'sign-in attempts from this address');
      else if (request.hqDevice) await enforce(byDevice, request, reply, 'requests from this device');
    });

    app.addHook('onResponse', async (request) => {
      if (hasBody(request.raw)) lingerThenClose(request.raw, limits.lingerMs);
    });
  },
  { name: 'otklik-http-limits' },
);

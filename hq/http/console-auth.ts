import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { CONSOLE_PATHS, CSRF_HEADER, SESSION_COOKIE } from '../../shared/console/protocol';
import { HqError } from '../errors';
import { routedPath } from './paths';
import {
  authenticateSession,
  csrfMatches,
  type ConsolePrincipal,
  type SessionTimes,
} from '../people/sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in console user, authenticated in onRequest (before the body is read). */
    hqUser?: ConsolePrincipal;
  }
}

/** Console addresses anyone may call: signing in and setting a password through a one-time link. */
const OPEN = new Set([`POST ${CONSOLE_PATHS.session}`, `POST ${CONSOLE_PATHS.password}`]);
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** A console address (its routed path, hq/http/paths.ts), which authenticates with a session cookie. */
/** The one state change an auditor makes (issue 16): recording that they printed a document. */
export const PRINTED_ROUTE = '/v1/console/complaints/:id/printed';

export const isConsolePath = (path: string): boolean => path.startsWith('/v1/console/');

/** The origin this request was made to, as a browser would write it in `Origin`. */
function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * Issue 14: a console request is authenticated when it arrives, before its body is read (like a device's,
 * device-auth.ts): the session cookie names a valid session, or 401. A state change must also come from
 * HQ's own origin (`Origin`, when the client sends one — every browser does on a POST) and carry the
 * session's CSRF token in `X-CSRF-Token` (403 `csrf`). An auditor is read-only: every state change but
 * signing out and recording a print is 403 `forbidden`, whatever route it is.
 */
export const consoleAuthentication = fp<{ times: SessionTimes }>(
  async (app, { times }) => {
    await app.register(cookie);
    app.decorateRequest('hqUser', undefined);
    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!isConsolePath(routedPath(request))) return;
      reply.header('cache-control', 'no-store');
      const changes = !SAFE_METHODS.has(request.method);
      const origin = request.headers.origin;
      if (changes && origin !== undefined && origin !== ownOrigin(request))
        throw new HqError(
          403,
          'csrf',
          'This request comes from another site; the console accepts changes only from its own pages.',
        );
      if (OPEN.has(`${request.method} ${request.routeOptions.url}`)) return;
      const token = request.cookies[SESSION_COOKIE];
      const principal = await authenticateSession(app.hq.db.pool, token, times);
      if (changes && !csrfMatches(token!, request.headers[CSRF_HEADER]))
        throw new HqError(
          403,
          'csrf',
          'The request lacks the session’s CSRF token (X-CSRF-Token); reload the console.',
        );
      const signingOut = request.method === 'DELETE' && request.routeOptions.url === CONSOLE_PATHS.session;
      // Issue 16: an auditor may print a complaint's record for an inspection; the print is recorded (who,
      // which document, when) like anyone's — the trail of what was read (R24), not a change of the complaint.
      const recordingPrint = request.method === 'POST' && request.routeOptions.url === PRINTED_ROUTE;
      if (changes && principal.user.role === 'auditor' && !signingOut && !recordingPrint)
        throw new HqError(403, 'forbidden', 'An auditor may read everything and change nothing.');
      request.hqUser = principal;
    });
  },
  { name: 'otklik-console-authentication' },
);

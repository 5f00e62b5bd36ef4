import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  CONSOLE_PATHS,
  SESSION_COOKIE,
  setPasswordRequestSchema,
  signInRequestSchema,
  type SessionResponse,
} from '../../shared/console/protocol';
import { DEFAULT_SESSION_TIMES, signIn, signOut, type ConsolePrincipal } from '../people/sessions';
import { setPasswordWithLink } from '../people/users';

const answer = (p: ConsolePrincipal): SessionResponse => ({ user: p.user, csrfToken: p.csrfToken });

/** The cookie: HttpOnly, SameSite=Strict, whole site, Secure whenever the request came over HTTPS. */
function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: request.protocol === 'https',
    expires: new Date(expiresAt),
  });
}

/** Issue 14: signing in and out of the console, and setting a password through a one-time link. */
export async function consoleSessionRoutes(app: FastifyInstance) {
  const times = () => app.hq.sessionTimes ?? DEFAULT_SESSION_TIMES;

  app.post(CONSOLE_PATHS.session, async (request, reply): Promise<SessionResponse> => {
    const body = app.parse(signInRequestSchema, request.body);
    const { token, principal } = await signIn(
      app.hq.db.pool,
      { ...body, ip: request.ip, previousToken: request.cookies[SESSION_COOKIE] },
      times(),
    );
    setSessionCookie(request, reply, token, principal.expiresAt);
    return answer(principal);
  });

  app.get(CONSOLE_PATHS.session, async (request): Promise<SessionResponse> =>
    answer(app.consoleUser(request)),
  );

  app.delete(CONSOLE_PATHS.session, async (request, reply) => {
    await signOut(app.hq.db.pool, app.consoleUser(request), request.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.post(CONSOLE_PATHS.password, async (request, reply) => {
    const body = app.parse(setPasswordRequestSchema, request.body);
    await setPasswordWithLink(app.hq.db.pool, body.token, body.password, request.ip);
    return reply.code(204).send();
  });
}

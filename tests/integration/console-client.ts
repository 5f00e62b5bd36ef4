import {
  CONSOLE_PATHS,
  CSRF_HEADER,
  SESSION_COOKIE,
  type SessionResponse,
} from '../../shared/console/protocol';
import type { HqRole } from '../../shared/people/model';
import { SYSTEM } from '../../hq/audit/log';
import { createUser, setPasswordWithLink } from '../../hq/people/users';
import type { RunningHq } from './harness';

/**
 * Issue 14: console users and a signed-in console client for the integration tests — the real sign-in
 * route, the real cookie and CSRF token, like the console app in a browser (which sends its own Origin).
 */

export interface ConsoleClient {
  cookie: string;
  csrf: string;
  user: SessionResponse['user'];
  call(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

let n = 0;

/** A user with a password, made the way an admin does it: the CLI's createUser, then the one-time link. */
export async function addUser(
  hq: RunningHq,
  role: HqRole,
  branches: string[] = [],
  password = 'correct horse battery',
): Promise<{ id: string; email: string; password: string }> {
  n += 1;
  const email = `${role}.${n}.${Date.now()}@example.com`;
  const issued = await createUser(hq.db.pool, { email, name: `${role} ${n}`, role, branches }, SYSTEM);
  await setPasswordWithLink(hq.db.pool, issued.token, password, '127.0.0.1');
  return { id: issued.user.id, email, password };
}

export function sessionCookieOf(res: Response): string | undefined {
  const header = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return header?.split(';')[0];
}

export async function signIn(hq: RunningHq, email: string, password: string): Promise<ConsoleClient> {
  const res = await fetch(hq.url + CONSOLE_PATHS.session, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: hq.url },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as SessionResponse;
  const cookie = sessionCookieOf(res)!;
  return {
    cookie,
    csrf: body.csrfToken,
    user: body.user,
    call(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      if (!headers.has('origin')) headers.set('origin', hq.url);
      if (init.method && init.method !== 'GET' && !headers.has(CSRF_HEADER))
        headers.set(CSRF_HEADER, body.csrfToken);
      let reqBody = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        reqBody = JSON.stringify(init.json);
      }
      return fetch(hq.url + path, { ...init, headers, body: reqBody });
    },
  };
}

export async function consoleUser(
  hq: RunningHq,
  role: HqRole,
  branches: string[] = [],
): Promise<ConsoleClient> {
  const u = await addUser(hq, role, branches);
  return signIn(hq, u.email, u.password);
}

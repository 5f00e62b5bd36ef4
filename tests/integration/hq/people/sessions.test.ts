import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONSOLE_PATHS,
  CSRF_HEADER,
  SESSION_COOKIE,
  type SessionResponse,
} from '../../../../shared/console/protocol';
import { SYSTEM } from '../../../../hq/audit/log';
import { createUser, updateUser } from '../../../../hq/people/users';
import { DATABASE_KINDS, startHq, type RunningHq } from '../../harness';
import { addUser, sessionCookieOf, signIn } from '../../console-client';

/**
 * Issue 14: console sessions. Sign-in answers an unknown user and a wrong password alike; a sign-in never
 * keeps the cookie the browser brought (fixation); every state change needs the session's CSRF token and
 * HQ's own Origin; sessions end when idle, at their absolute expiry, at sign-out and when the user is
 * disabled; sign-in is rate-limited per address and per account with a clear 429.
 */
describe.each(DATABASE_KINDS)('console sessions on %s', (kind) => {
  let hq: RunningHq;

  beforeAll(async () => {
    hq = await startHq(kind, { sessionTimes: { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 } });
  });
  afterAll(async () => {
    await hq?.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(hq.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: hq.url, ...headers },
      body: JSON.stringify(body),
    });

  it('signs in with the session cookie HttpOnly, SameSite=Strict, Path=/ and answers the user and a CSRF token', async () => {
    const u = await addUser(hq, 'head_of_sales');
    const res = await post(CONSOLE_PATHS.session, { email: u.email.toUpperCase(), password: u.password });
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    // Plain HTTP here; under HTTPS the cookie is Secure (secure-cookie.test.ts).
    expect(setCookie).not.toMatch(/Secure/i);
    const body = (await res.json()) as SessionResponse;
    expect(body.user).toMatchObject({ email: u.email, role: 'head_of_sales', branches: [] });
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(20);
    // Only a hash of the token is stored, and the password is Argon2id.
    const token = decodeURIComponent(setCookie.split(';')[0]!.split('=')[1]!);
    const stored = await hq.db.pool.query('SELECT token_hash FROM hq_sessions WHERE token_hash = $1', [
      token,
    ]);
    expect(stored.rowCount).toBe(0);
    const { rows } = await hq.db.pool.query<{ password_hash: string }>(
      'SELECT password_hash FROM hq_users WHERE id = $1',
      [u.id],
    );
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    // GET session answers the same user and token for the console app at start.
    const again = await fetch(hq.url + CONSOLE_PATHS.session, {
      headers: { cookie: setCookie.split(';')[0]! },
    });
    expect(((await again.json()) as SessionResponse).csrfToken).toBe(body.csrfToken);
  });

  it('answers an unknown user, a wrong password, a disabled user and one without a password alike: 401', async () => {
    const u = await addUser(hq, 'manager');
    const disabled = await addUser(hq, 'auditor');
    await updateUser(hq.db.pool, disabled.id, { disabled: true }, SYSTEM);
    const noPassword = await createUser(
      hq.db.pool,
      { email: `nopw.${Date.now()}@example.com`, name: 'No password', role: 'auditor' },
      SYSTEM,
    );
    const answers = await Promise.all([
      post(CONSOLE_PATHS.session, { email: 'nobody@example.com', password: 'whatever it is' }),
      post(CONSOLE_PATHS.session, { email: u.email, password: 'wrong password' }),
      post(CONSOLE_PATHS.session, { email: disabled.email, password: disabled.password }),
      post(CONSOLE_PATHS.session, { email: noPassword.user.email, password: 'anything at all' }),
    ]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(bodies[0]).toEqual({ code: 'unauthorized', message: 'The e-mail or the password is wrong.' });
    expect(answers.every((r) => sessionCookieOf(r) === undefined)).toBe(true);
  });

  it('session fixation: a sign-in issues a new token and ends the one the browser brought', async () => {
    const u = await addUser(hq, 'head_of_sales');
    const first = await signIn(hq, u.email, u.password);
    // An attacker's planted cookie (here: a real earlier session) is never upgraded…
    const res = await post(
      CONSOLE_PATHS.session,
      { email: u.email, password: u.password },
      { cookie: first.cookie },
    );
    expect(res.status).toBe(200);
    const second = sessionCookieOf(res)!;
    expect(second).not.toBe(first.cookie);
    // …and the old one no longer works.
    expect((await fetch(hq.url + CONSOLE_PATHS.session, { headers: { cookie: first.cookie } })).status).toBe(
      401,
    );
    expect((await fetch(hq.url + CONSOLE_PATHS.session, { headers: { cookie: second } })).status).toBe(200);
    // A made-up token is not a session either.
    const madeUp = `${SESSION_COOKIE}=${'A'.repeat(43)}`;
    expect((await fetch(hq.url + CONSOLE_PATHS.session, { headers: { cookie: madeUp } })).status).toBe(401);
  });

  it('CSRF: a state change without the token, with a wrong one or from another origin is 403 csrf', async () => {
    const c = await signIn(hq, ...(await creds('head_of_sales')));
    const note = (headers: Record<string, string>) =>
      fetch(hq.url + CONSOLE_PATHS.session, { method: 'DELETE', headers: { cookie: c.cookie, ...headers } });
    const missing = await note({ origin: hq.url });
    const wrong = await note({ origin: hq.url, [CSRF_HEADER]: c.csrf.slice(0, -2) + 'xx' });
    const otherSite = await note({ origin: 'https://evil.example', [CSRF_HEADER]: c.csrf });
    for (const r of [missing, wrong, otherSite]) {
      expect(r.status).toBe(403);
      expect(((await r.json()) as { code: string }).code).toBe('csrf');
    }
    // Sign-in from another site is refused too (login CSRF).
    const [email, password] = await creds('auditor');
    expect(
      (await post(CONSOLE_PATHS.session, { email, password }, { origin: 'https://evil.example' })).status,
    ).toBe(403);
    // The session survived all of it; with the token it signs out.
    expect((await c.call(CONSOLE_PATHS.session)).status).toBe(200);
    expect((await c.call(CONSOLE_PATHS.session, { method: 'DELETE' })).status).toBe(204);
  });

  it('signed out: the cookie no longer opens anything', async () => {
    const c = await signIn(hq, ...(await creds('manager')));
    const out = await c.call(CONSOLE_PATHS.session, { method: 'DELETE' });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
    const after = await c.call(CONSOLE_PATHS.complaints);
    expect(after.status).toBe(401);
  });

  it('disabling a user ends their sessions at once', async () => {
    const u = await addUser(hq, 'head_of_sales');
    const c = await signIn(hq, u.email, u.password);
    expect((await c.call(CONSOLE_PATHS.complaints)).status).toBe(200);
    await updateUser(hq.db.pool, u.id, { disabled: true }, SYSTEM);
    const res = await c.call(CONSOLE_PATHS.complaints);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/ended/) });
  });

  it('expires after the idle time and at the absolute expiry, whatever the activity', async () => {
    const idle = await signIn(hq, ...(await creds('head_of_sales')));
    const old = await signIn(hq, ...(await creds('head_of_sales')));
    // Time passes (the database's clock is what counts): 31 minutes without a request…
    await hq.db.pool.query(
      `UPDATE hq_sessions SET last_seen_at = now() - interval '31 minutes'
        WHERE user_id = $1 AND ended_at IS NULL`,
      [idle.user.id],
    );
    // …or a session in use all day past its 12 hours.
    await hq.db.pool.query(
      `UPDATE hq_sessions SET created_at = now() - interval '13 hours', expires_at = now() - interval '1 hour'
        WHERE user_id = $1 AND ended_at IS NULL`,
      [old.user.id],
    );
    for (const c of [idle, old]) {
      const res = await c.call(CONSOLE_PATHS.complaints);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ message: expect.stringMatching(/expired/) });
    }
    // A session used within the idle time stays.
    const fresh = await signIn(hq, ...(await creds('head_of_sales')));
    await hq.db.pool.query(
      `UPDATE hq_sessions SET last_seen_at = now() - interval '29 minutes' WHERE user_id = $1`,
      [fresh.user.id],
    );
    expect((await fresh.call(CONSOLE_PATHS.complaints)).status).toBe(200);
  });

  it('a set-password link works once, and setting a password ends the open sessions', async () => {
    const issued = await createUser(
      hq.db.pool,
      { email: `link.${Date.now()}@example.com`, name: 'Link', role: 'auditor' },
      SYSTEM,
    );
    const short = await post(CONSOLE_PATHS.password, { token: issued.token, password: 'short' });
    expect(short.status).toBe(400);
    const ok = await post(CONSOLE_PATHS.password, { token: issued.token, password: 'a long enough one' });
    expect(ok.status).toBe(204);
    const c = await signIn(hq, issued.user.email, 'a long enough one');
    const reused = await post(CONSOLE_PATHS.password, { token: issued.token, password: 'another long one' });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ code: 'link_invalid' });
    expect((await c.call(CONSOLE_PATHS.session)).status).toBe(200);
  });

  async function creds(role: Parameters<typeof addUser>[1]): Promise<[string, string]> {
    const u = await addUser(hq, role);
    return [u.email, u.password];
  }
});

describe.each(DATABASE_KINDS)('console sign-in limits on %s', (kind) => {
  let hq: RunningHq;
  beforeAll(async () => {
    hq = await startHq(kind, {
      limits: { signInPerIpPerMinute: 12, signInPerAccountPer15Minutes: 5 },
      trustProxy: true,
    });
  });
  afterAll(async () => {
    await hq?.close();
  });

  const attempt = (email: string, password: string, from: string) =>
    fetch(hq.url + CONSOLE_PATHS.session, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: hq.url, 'x-forwarded-for': from },
      body: JSON.stringify({ email, password }),
    });

  it('brute force on one account from many addresses: 429 after 5 tries, even with the right password', async () => {
    const u = await addUser(hq, 'head_of_sales');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await attempt(u.email, `guess ${i}`, `10.0.0.${i + 1}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const limited = await attempt(u.email, u.password, '10.0.0.99');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/sign-in attempts for this account/),
    });
    // Another account is not affected.
    const other = await addUser(hq, 'auditor');
    expect((await attempt(other.email, other.password, '10.0.0.100')).status).toBe(200);
  });

  it('only failed sign-ins count against an account: its owner signs in as often as they like, and a success resets the count', async () => {
    const u = await addUser(hq, 'head_of_sales');
    let address = 0;
    const from = () => `10.1.0.${++address}`;
    // More successful sign-ins than the account's budget (5): none is refused.
    const successes: number[] = [];
    for (let i = 0; i < 7; i++) successes.push((await attempt(u.email, u.password, from())).status);
    expect(successes).toEqual([200, 200, 200, 200, 200, 200, 200]);
    // 4 failures, a success, 4 more failures: the success wiped the first four, so the owner still gets in.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt(u.email, `guess ${i}`, from())).status);
    statuses.push((await attempt(u.email, u.password, from())).status);
    for (let i = 0; i < 4; i++) statuses.push((await attempt(u.email, `again ${i}`, from())).status);
    statuses.push((await attempt(u.email, u.password, from())).status);
    expect(statuses).toEqual([401, 401, 401, 401, 200, 401, 401, 401, 401, 200]);
    // Five failures in a row still lock the account.
    for (let i = 0; i < 5; i++) expect((await attempt(u.email, `last ${i}`, from())).status).toBe(401);
    expect((await attempt(u.email, u.password, from())).status).toBe(429);
  });

  it('a malformed request does not count as a failed password for the account', async () => {
    const u = await addUser(hq, 'auditor');
    for (let i = 0; i < 6; i++) {
      const bad = await fetch(hq.url + CONSOLE_PATHS.session, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: hq.url, 'x-forwarded-for': `10.2.0.${i}` },
        body: JSON.stringify({ email: u.email, password: 123 }),
      });
      expect(bad.status).toBe(400);
    }
    expect((await attempt(u.email, u.password, '10.2.0.99')).status).toBe(200);
  });

  it('many accounts from one address: 429 after the per-address budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++)
      statuses.push((await attempt(`someone${i}@example.com`, 'password?', '192.0.2.7')).status);
    expect(statuses.slice(0, 12).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(12)).toEqual([429, 429]);
  });
});

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import type { ConsoleUser } from '../../shared/console/protocol';
import { complaintScopeOf, type ComplaintScope, type HqRole } from '../../shared/people/model';
import { recordAudit, type Queryable } from '../audit/log';
import { hashSecret } from '../auth';
import { inTransaction } from '../db/database';
import { HqError } from '../errors';
import { verifyPassword } from './passwords';
import { credentialsOf } from './users';

/**
 * Console sessions (issue 14): a random 32-byte token in an HttpOnly cookie, only its SHA-256 in the
 * database. A new session at every sign-in (an old cookie never becomes signed in: no fixation). A session
 * ends when signed out, when its user is disabled or sets a new password, after `idleMs` without a request
 * and after `maxMs` whatever happens. The CSRF token is an HMAC of the session token: the page gets it in
 * the sign-in answer, a cross-site form cannot know it, and HQ stores nothing more.
 */

export interface SessionTimes {
  /** HQ_SESSION_IDLE_MIN */
  idleMs: number;
  /** HQ_SESSION_MAX_HOURS */
  maxMs: number;
}

export const DEFAULT_SESSION_TIMES: SessionTimes = { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 };

/** The signed-in user of a console request, with what scoping in SQL needs. */
export interface ConsolePrincipal {
  tokenHash: string;
  user: ConsoleUser;
  /** Database ids of a manager's branches (the SQL filter); empty for the other roles. */
  branchIds: number[];
  scope: ComplaintScope;
  csrfToken: string;
  expiresAt: string;
}

export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('otklik console csrf').digest('base64url');
}

/** Constant-time comparison of the header with the session's CSRF token. */
export function csrfMatches(sessionToken: string, header: unknown): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const unauthorized = (message: string) => new HqError(401, 'unauthorized', message);

/** The same answer for an unknown e-mail, a wrong password, a disabled user or one without a password yet. */
const WRONG = 'The e-mail or the password is wrong.';

/**
 * Signs in: a new session for the user when the password matches, else 401 with one message for every
 * reason. `previousToken` (the cookie the browser still had) is ended, whatever it was.
 */
export async function signIn(
  pool: Pool,
  request: { email: string; password: string; ip?: string; previousToken?: string },
  times: SessionTimes,
): Promise<{ token: string; principal: ConsolePrincipal }> {
  const user = await credentialsOf(pool, request.email);
  const ok = await verifyPassword(user?.passwordHash, request.password);
  if (request.previousToken) await endSession(pool, hashSecret(request.previousToken));
  if (!user || !ok || user.disabled) throw unauthorized(WRONG);
  const token = randomBytes(32).toString('base64url');
  await inTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO hq_sessions (token_hash, user_id, expires_at, ip)
       VALUES ($1, $2, now() + make_interval(secs => $3::double precision / 1000), $4)`,
      [hashSecret(token), user.id, times.maxMs, request.ip ?? null],
    );
    await client.query('UPDATE hq_users SET last_sign_in_at = now() WHERE id = $1', [user.id]);
    await recordAudit(
      client,
      { actor: { kind: 'hq_user', id: user.id, name: user.name }, ...(request.ip ? { ip: request.ip } : {}) },
      'session.sign_in',
      `user:${user.id}`,
    );
  });
  return { token, principal: await authenticateSession(pool, token, times) };
}

interface SessionRow {
  user_id: string;
  email: string;
  name: string;
  role: HqRole;
  expires_at: string;
  ended: boolean;
  disabled: boolean;
  expired: boolean;
  idle: boolean;
  touch: boolean;
  codes: string[];
  ids: number[];
}

/** The session of this token, if it is still valid; 401 `unauthorized` saying why otherwise. */
export async function authenticateSession(
  pool: Queryable,
  token: string | undefined,
  times: SessionTimes,
): Promise<ConsolePrincipal> {
  if (!token) throw unauthorized('Sign in to the console first.');
  const tokenHash = hashSecret(token);
  const { rows } = await pool.query<SessionRow>(
    `SELECT s.user_id, u.email, u.name, u.role, s.expires_at,
            s.ended_at IS NOT NULL AS ended, u.disabled_at IS NOT NULL AS disabled,
            s.expires_at <= now() AS expired,
            s.last_seen_at <= now() - make_interval(secs => $2::double precision / 1000) AS idle,
            s.last_seen_at <= now() - make_interval(secs => least($2::double precision / 1000 / 10, 60)) AS touch,
            coalesce(array_agg(b.code ORDER BY b.code) FILTER (WHERE b.id IS NOT NULL), '{}') AS codes,
            coalesce(array_agg(b.id ORDER BY b.code) FILTER (WHERE b.id IS NOT NULL), '{}') AS ids
       FROM hq_sessions s
       JOIN hq_users u ON u.id = s.user_id
       LEFT JOIN hq_user_branches ub ON ub.user_id = u.id AND u.role = 'manager'
       LEFT JOIN branches b ON b.id = ub.branch_id
      WHERE s.token_hash = $1
      GROUP BY s.token_hash, u.id`,
    [tokenHash, times.idleMs],
  );
  const r = rows[0];
  if (!r || r.ended || r.disabled) throw unauthorized('This session has ended; sign in again.');
  if (r.expired || r.idle) {
    await endSession(pool, tokenHash);
    throw unauthorized('This session has expired; sign in again.');
  }
  // Seen: at most every tenth of the idle time (and every minute), so a request stays a read.
  if (r.touch)
    await pool.query('UPDATE hq_sessions SET last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
  const user: ConsoleUser = { id: r.user_id, email: r.email, name: r.name, role: r.role, branches: r.codes };
  return {
    tokenHash,
    user,
    branchIds: r.ids.map(Number),
    scope: complaintScopeOf(r.role, r.codes),
    csrfToken: csrfTokenFor(token),
    expiresAt: r.expires_at,
  };
}

export async function endSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('UPDATE hq_sessions SET ended_at = now() WHERE token_hash = $1 AND ended_at IS NULL', [
    tokenHash,
  ]);
}

/** Signs out: the session ends, and the audit says so. */
export async function signOut(pool: Pool, principal: ConsolePrincipal, ip?: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await endSession(client, principal.tokenHash);
    await recordAudit(
      client,
      { actor: { kind: 'hq_user', id: principal.user.id, name: principal.user.name }, ...(ip ? { ip } : {}) },
      'session.sign_out',
      `user:${principal.user.id}`,
    );
  });
}

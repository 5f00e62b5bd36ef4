import { randomBytes, randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { ConflictReason } from '../../shared/console/protocol';
import type { ConsoleUserListItem, UserCreate, UserPatch } from '../../shared/console/admin';
import { userCreateSchema } from '../../shared/console/admin';
import type { HqRole } from '../../shared/people/model';
import { recordAudit, type AuditContext, type Queryable } from '../audit/log';
import { hashSecret } from '../auth';
import { inTransaction } from '../db/database';
import { HqError } from '../errors';
import { hashPassword } from './passwords';

/**
 * HQ users (issue 14): e-mail (unique whatever its case), name, role, a manager's branches, an Argon2id
 * password hash, disabled or not. No default password anywhere: a new user gets a one-time set-password
 * link (valid SET_PASSWORD_LINK_HOURS, only its hash kept); disabling a user ends their sessions at once.
 * Every change is audited in its own transaction.
 */

export const SET_PASSWORD_LINK_HOURS = 72;

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: HqRole;
  password_set_at: string | null;
  disabled_at: string | null;
  created_at: string;
  last_sign_in_at: string | null;
  branches: string[];
}

const SELECT_USERS = `
  SELECT u.id, u.email, u.name, u.role, u.password_set_at, u.disabled_at, u.created_at, u.last_sign_in_at,
         coalesce(array_agg(b.code ORDER BY b.code) FILTER (WHERE b.code IS NOT NULL), '{}') AS branches
    FROM hq_users u
    LEFT JOIN hq_user_branches ub ON ub.user_id = u.id
    LEFT JOIN branches b ON b.id = ub.branch_id`;

const item = (r: UserRow): ConsoleUserListItem => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  branches: r.branches,
  disabled: r.disabled_at !== null,
  passwordSet: r.password_set_at !== null,
  createdAt: r.created_at,
  ...(r.last_sign_in_at ? { lastSignInAt: r.last_sign_in_at } : {}),
});

export async function listUsers(db: Queryable): Promise<ConsoleUserListItem[]> {
  const { rows } = await db.query<UserRow>(`${SELECT_USERS} GROUP BY u.id ORDER BY lower(u.email)`);
  return rows.map(item);
}

export async function getUser(db: Queryable, id: string): Promise<ConsoleUserListItem | undefined> {
  const { rows } = await db.query<UserRow>(`${SELECT_USERS} WHERE u.id = $1 GROUP BY u.id`, [id]);
  return rows[0] && item(rows[0]);
}

/** A user named by id or e-mail (the command line takes either). */
export async function findUser(db: Queryable, idOrEmail: string): Promise<ConsoleUserListItem | undefined> {
  const { rows } = await db.query<UserRow>(
    `${SELECT_USERS} WHERE u.id::text = $1 OR lower(u.email) = lower($1) GROUP BY u.id`,
    [idOrEmail.trim()],
  );
  return rows[0] && item(rows[0]);
}

/** Only a manager has branches of their own; the other roles see all branches (or, the admin, none). */
async function setBranches(client: PoolClient, userId: string, role: HqRole, codes: readonly string[]) {
  const wanted = [...new Set(codes.map((c) => c.trim().toUpperCase()))];
  if (role !== 'manager' && wanted.length > 0)
    throw new HqError(
      400,
      'invalid_body',
      `Only a manager has branches of their own; a ${role} sees ${role === 'admin' ? 'no complaint' : 'every branch'}.`,
    );
  const { rows } = await client.query<{ id: number; code: string }>(
    'SELECT id, code FROM branches WHERE code = ANY($1::text[])',
    [wanted],
  );
  const unknown = wanted.filter((c) => !rows.some((r) => r.code === c));
  if (unknown.length > 0) throw new HqError(400, 'invalid_body', `No such branch: ${unknown.join(', ')}`);
  await client.query('DELETE FROM hq_user_branches WHERE user_id = $1', [userId]);
  await client.query('INSERT INTO hq_user_branches (user_id, branch_id) SELECT $1, unnest($2::bigint[])', [
    userId,
    rows.map((r) => r.id),
  ]);
}

/** A new set-password link for the user (earlier unused ones stop working). The token in clear, once. */
async function newPasswordLink(client: PoolClient, userId: string, now: Date) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SET_PASSWORD_LINK_HOURS * 3_600_000).toISOString();
  await client.query('UPDATE hq_password_links SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [
    userId,
    now.toISOString(),
  ]);
  await client.query('INSERT INTO hq_password_links (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
    hashSecret(token),
    userId,
    expiresAt,
  ]);
  return { token, expiresAt };
}

export interface IssuedLink {
  user: ConsoleUserListItem;
  token: string;
  expiresAt: string;
}

/** Creates a user without a password and issues their one-time set-password link. */
export async function createUser(
  pool: Pool,
  input: UserCreate,
  ctx: AuditContext,
  now = new Date(),
): Promise<IssuedLink> {
  const parsed = userCreateSchema.safeParse(input);
  if (!parsed.success)
    throw new HqError(
      400,
      'invalid_body',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  const u = parsed.data;
  return inTransaction(pool, async (client) => {
    const id = randomUUID();
    const inserted = await client.query(
      `INSERT INTO hq_users (id, email, name, role) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [id, u.email.trim(), u.name, u.role],
    );
    if (inserted.rowCount === 0)
      throw new HqError(409, 'conflict', `A user with the e-mail ${u.email} exists already.`, {
        reason: 'user_exists' satisfies ConflictReason,
      });
    await setBranches(client, id, u.role, u.branches);
    const link = await newPasswordLink(client, id, now);
    const user = (await getUser(client, id))!;
    await recordAudit(client, ctx, 'user.add', `user:${id}`, { after: user });
    return { user, ...link };
  });
}

/** A new one-time set-password link for an existing user (lost link, forgotten password). */
export async function reissuePasswordLink(
  pool: Pool,
  userId: string,
  ctx: AuditContext,
  now = new Date(),
): Promise<IssuedLink> {
  return inTransaction(pool, async (client) => {
    const user = await getUser(client, userId);
    if (!user) throw new HqError(404, 'not_found', 'No such user.');
    const link = await newPasswordLink(client, userId, now);
    await recordAudit(client, ctx, 'user.password_link', `user:${userId}`, {
      after: { expiresAt: link.expiresAt },
    });
    return { user, ...link };
  });
}

/** Ends every open session of the user (disabled, password changed). */
export async function endUserSessions(client: Queryable, userId: string): Promise<number> {
  const { rowCount } = await client.query(
    'UPDATE hq_sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL',
    [userId],
  );
  return rowCount ?? 0;
}

/** Changes name, role, branches or disabled; disabling ends the user's sessions at once. */
export async function updateUser(
  pool: Pool,
  userId: string,
  patch: UserPatch,
  ctx: AuditContext,
): Promise<ConsoleUserListItem> {
  return inTransaction(pool, async (client) => {
    const locked = await client.query('SELECT 1 FROM hq_users WHERE id = $1 FOR UPDATE', [userId]);
    if (locked.rowCount === 0) throw new HqError(404, 'not_found', 'No such user.');
    const before = (await getUser(client, userId))!;
    if (ctx.actor.id === userId && (patch.disabled === true || (patch.role && patch.role !== before.role)))
      throw new HqError(409, 'conflict', 'You cannot disable yourself or change your own role.', {
        reason: 'own_account' satisfies ConflictReason,
      });
    const role = patch.role ?? before.role;
    if (patch.name !== undefined || patch.role !== undefined)
      await client.query('UPDATE hq_users SET name = $2, role = $3 WHERE id = $1', [
        userId,
        patch.name ?? before.name,
        role,
      ]);
    if (patch.branches !== undefined || (patch.role !== undefined && role !== 'manager'))
      await setBranches(client, userId, role, patch.branches ?? (role === 'manager' ? before.branches : []));
    if (patch.disabled === true && !before.disabled) {
      await client.query('UPDATE hq_users SET disabled_at = now() WHERE id = $1', [userId]);
      await endUserSessions(client, userId);
    } else if (patch.disabled === false && before.disabled)
      await client.query('UPDATE hq_users SET disabled_at = NULL WHERE id = $1', [userId]);
    // A changed role or branch list takes effect from the next request: sessions read them each time.
    const after = (await getUser(client, userId))!;
    const action =
      patch.disabled === true ? 'user.disable' : patch.disabled === false ? 'user.enable' : 'user.change';
    await recordAudit(client, ctx, action, `user:${userId}`, { before, after });
    return after;
  });
}

/**
 * The one-time link sets the password: refused when unknown, used or expired (`link_invalid`). The
 * user's open sessions end (a reset must lock out whoever had the old password).
 */
export async function setPasswordWithLink(
  pool: Pool,
  token: string,
  password: string,
  ip: string | undefined,
  now = new Date(),
): Promise<ConsoleUserListItem> {
  const hashed = await hashPassword(password);
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ user_id: string }>(
      `UPDATE hq_password_links SET used_at = $2
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id`,
      [hashSecret(token), now.toISOString()],
    );
    const userId = rows[0]?.user_id;
    if (!userId)
      throw new HqError(
        400,
        'link_invalid',
        'This set-password link is unknown, used or expired; ask an administrator for a new one.',
      );
    await client.query('UPDATE hq_users SET password_hash = $2, password_set_at = $3 WHERE id = $1', [
      userId,
      hashed,
      now.toISOString(),
    ]);
    await endUserSessions(client, userId);
    const user = (await getUser(client, userId))!;
    await recordAudit(
      client,
      { actor: { kind: 'hq_user', id: userId, name: user.name }, ...(ip ? { ip } : {}) },
      'user.password_set',
      `user:${userId}`,
    );
    return user;
  });
}

/** What sign-in needs of a user: the hash stays inside hq/people. */
export async function credentialsOf(
  db: Queryable,
  email: string,
): Promise<{ id: string; name: string; passwordHash: string | null; disabled: boolean } | undefined> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    password_hash: string | null;
    disabled_at: string | null;
  }>('SELECT id, name, password_hash, disabled_at FROM hq_users WHERE lower(email) = lower($1)', [
    email.trim(),
  ]);
  const r = rows[0];
  return r && { id: r.id, name: r.name, passwordHash: r.password_hash, disabled: r.disabled_at !== null };
}

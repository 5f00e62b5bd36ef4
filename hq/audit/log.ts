import { userInfo } from 'node:os';
import type { Pool, PoolClient } from 'pg';
import type { AuditEntry } from '../../shared/console/admin';

/**
 * The append-only audit of HQ's actions (R24, issue 13 item 6): who (kind, id, name), when, what, on what,
 * before and after, from where. Written in the transaction of the action it records, so an action and its
 * audit row commit together or not at all. The table refuses UPDATE, DELETE and TRUNCATE (a trigger,
 * migration 005): nobody edits it through HQ, and an edit through the database needs its owner to drop the
 * trigger first, which is itself a schema change outside HQ.
 */

export type AuditActorKind = AuditEntry['actorKind'];

export interface AuditActor {
  kind: AuditActorKind;
  id?: string;
  name: string;
}

/** Who did it and from where: passed down from the route or the command line to the domain. */
export interface AuditContext {
  actor: AuditActor;
  ip?: string;
}

/** HQ itself (a migration, a worker, a test that names nobody). */
export const SYSTEM: AuditContext = { actor: { kind: 'system', name: 'hq' } };

/** The command line's actor: `--actor` when given, else the operating-system user who runs the command. */
export function cliActor(given?: string): AuditContext {
  const name = given?.trim() || safeUserName();
  return { actor: { kind: 'cli', name: name.slice(0, 200) } };
}

function safeUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export type Queryable = Pick<PoolClient, 'query'> | Pick<Pool, 'query'>;

/** Records one action. `before`/`after`: what changed, as JSON (never a secret: no token, no hash). */
export async function recordAudit(
  db: Queryable,
  ctx: AuditContext,
  action: string,
  target: string,
  change: { before?: unknown; after?: unknown } = {},
): Promise<void> {
  await db.query(
    `INSERT INTO admin_audit (actor_kind, actor_id, actor_name, action, target, before, after, ip)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      ctx.actor.kind,
      ctx.actor.id ?? null,
      ctx.actor.name,
      action,
      target,
      change.before === undefined ? null : JSON.stringify(change.before),
      change.after === undefined ? null : JSON.stringify(change.after),
      ctx.ip ?? null,
    ],
  );
}

interface Row {
  id: number;
  at: string;
  actor_kind: AuditActorKind;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** The newest entries first: since an instant, and/or older than an id (keyset). */
export async function listAudit(
  db: Queryable,
  options: { since?: string; before?: number; limit?: number } = {},
): Promise<AuditEntry[]> {
  const { rows } = await db.query<Row>(
    `SELECT * FROM admin_audit
      WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::bigint IS NULL OR id < $2)
      ORDER BY id DESC LIMIT $3`,
    [options.since ?? null, options.before ?? null, options.limit ?? 100],
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorKind: r.actor_kind,
    ...(r.actor_id ? { actorId: r.actor_id } : {}),
    actorName: r.actor_name,
    action: r.action,
    target: r.target,
    ...(r.before !== null ? { before: r.before } : {}),
    ...(r.after !== null ? { after: r.after } : {}),
    ...(r.ip ? { ip: r.ip } : {}),
  }));
}

/** The `audit` command's text: one line per entry, oldest first, with what changed. */
export function formatAudit(entries: readonly AuditEntry[]): string {
  if (entries.length === 0) return 'No audit entries.';
  return [...entries]
    .reverse()
    .map((e) => {
      const who = `${e.actorName} (${e.actorKind}${e.actorId ? ` ${e.actorId}` : ''})`;
      const change = [
        e.before !== undefined ? `before ${JSON.stringify(e.before)}` : '',
        e.after !== undefined ? `after ${JSON.stringify(e.after)}` : '',
      ]
        .filter(Boolean)
        .join('  ');
      return `${e.at}  ${who}  ${e.action}  ${e.target}${e.ip ? `  from ${e.ip}` : ''}${change ? `\n    ${change}` : ''}`;
    })
    .join('\n');
}

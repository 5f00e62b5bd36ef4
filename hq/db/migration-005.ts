import type { PoolClient } from 'pg';
import { refreshBranchRows } from './complaint-rows';

/**
 * Migration 005 (issue 14, issue 13 item 6, R11, R13, R14, R24): HQ's people and the console.
 *
 * - HQ users (`hq_users`, `hq_user_branches`), their sessions (only a SHA-256 of each token) and one-time
 *   set-password links (only hashes).
 * - The append-only audit (`admin_audit`) and a trigger that refuses UPDATE, DELETE and TRUNCATE on it and
 *   on `complaint_events`: an edit of either is refused by the database itself, whoever asks.
 * - `complaint_events.actor_id`: the employee or HQ user who did it (events before it have none).
 * - A branch's calendar extras and consideration policy, set at HQ (NULL: not set, the branch keeps its own).
 * - The console's columns beside each complaint (see complaint-rows.ts) with their indexes, filled for the
 *   complaints already there by `backfill` in the same transaction.
 */
export const MIGRATION_005_SQL = `
CREATE TABLE hq_users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'head_of_sales', 'manager', 'auditor')),
  password_hash text,
  password_set_at timestamptz,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz
);
CREATE UNIQUE INDEX hq_users_email ON hq_users (lower(email));

CREATE TABLE hq_user_branches (
  user_id uuid NOT NULL REFERENCES hq_users(id),
  branch_id bigint NOT NULL REFERENCES branches(id),
  PRIMARY KEY (user_id, branch_id)
);

-- A console session: the cookie holds a random token, HQ only its SHA-256.
CREATE TABLE hq_sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES hq_users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  -- absolute expiry (HQ_SESSION_MAX_HOURS); the idle one is last_seen_at + HQ_SESSION_IDLE_MIN
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  ip text
);
CREATE INDEX hq_sessions_user ON hq_sessions (user_id) WHERE ended_at IS NULL;

CREATE TABLE hq_password_links (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES hq_users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX hq_password_links_user ON hq_password_links (user_id);

CREATE TABLE admin_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_kind text NOT NULL CHECK (actor_kind IN ('hq_user', 'cli', 'system', 'device')),
  actor_id text,
  actor_name text NOT NULL,
  action text NOT NULL,
  target text NOT NULL,
  before jsonb,
  after jsonb,
  ip text
);
CREATE INDEX admin_audit_at ON admin_audit (at);

CREATE FUNCTION otklik_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'OT001';
END
$$;
CREATE TRIGGER complaint_events_append_only BEFORE UPDATE OR DELETE ON complaint_events
  FOR EACH ROW EXECUTE FUNCTION otklik_append_only();
CREATE TRIGGER complaint_events_no_truncate BEFORE TRUNCATE ON complaint_events
  FOR EACH STATEMENT EXECUTE FUNCTION otklik_append_only();
CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE ON admin_audit
  FOR EACH ROW EXECUTE FUNCTION otklik_append_only();
CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit
  FOR EACH STATEMENT EXECUTE FUNCTION otklik_append_only();

ALTER TABLE complaint_events ADD COLUMN actor_id uuid;

ALTER TABLE branches
  ADD COLUMN extra_days_off jsonb,
  ADD COLUMN extra_working_days jsonb,
  ADD COLUMN ukraine_martial_law boolean,
  ADD COLUMN policy_id text;

ALTER TABLE complaints
  ADD COLUMN category text,
  ADD COLUMN severity text,
  ADD COLUMN health_safety boolean NOT NULL DEFAULT false,
  ADD COLUMN owner_id uuid,
  ADD COLUMN owner_name text,
  ADD COLUMN escalated boolean NOT NULL DEFAULT false,
  ADD COLUMN next_due_at timestamptz,
  ADD COLUMN next_due_kind text,
  ADD COLUMN due_soon_at timestamptz,
  -- next_due_at, or 'infinity' when nothing is due: the "due" sort's key, never NULL
  ADD COLUMN due_sort timestamptz NOT NULL DEFAULT 'infinity',
  ADD COLUMN search tsvector;

-- The register's two orders (registered, due), health-and-safety first, overall and per branch: keyset pages.
-- Each carries every filter column, so a filtered page is an index-only walk that never reads a row it
-- drops (an overdue filter on the newest-first order skips the last weeks' complaints in the index alone).
CREATE INDEX complaints_list_registered ON complaints (health_safety, registered_at, id)
  INCLUDE (branch_id, status, channel, category, severity, escalated, owner_id, next_due_at, due_soon_at);
CREATE INDEX complaints_list_due ON complaints (health_safety, due_sort, id)
  INCLUDE (branch_id, status, channel, category, severity, escalated, owner_id, next_due_at, due_soon_at);
CREATE INDEX complaints_branch_registered ON complaints (branch_id, health_safety, registered_at, id)
  INCLUDE (status, channel, category, severity, escalated, owner_id, next_due_at, due_soon_at);
CREATE INDEX complaints_branch_due ON complaints (branch_id, health_safety, due_sort, id)
  INCLUDE (status, channel, category, severity, escalated, owner_id, next_due_at, due_soon_at);
-- Selective filters, for the planner to take when few rows match
CREATE INDEX complaints_status ON complaints (status, health_safety, registered_at, id);
CREATE INDEX complaints_owner ON complaints (owner_id) WHERE owner_id IS NOT NULL;
CREATE INDEX complaints_escalated ON complaints (escalated) WHERE escalated;
CREATE INDEX complaints_due_at ON complaints (next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX complaints_due_soon_at ON complaints (due_soon_at) WHERE due_soon_at IS NOT NULL;
-- The queues' counts per branch
CREATE INDEX complaints_next_due ON complaints (branch_id, next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX complaints_due_soon ON complaints (branch_id, due_soon_at) WHERE due_soon_at IS NOT NULL;
CREATE INDEX complaints_search ON complaints USING gin (search);
`;

/** Fills the console's columns of the complaints HQ already has, branch by branch. */
export async function backfill005(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ id: number }>('SELECT id FROM branches ORDER BY id');
  // Before migration 014 there is no company policy layer to read, before 015 no approval column.
  for (const b of rows) await refreshBranchRows(client, b.id, undefined, '005');
}

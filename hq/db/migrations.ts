import type { PoolClient } from 'pg';
import { backfill005, MIGRATION_005_SQL } from './migration-005';
import { MIGRATION_009_SQL } from './migration-009';
import { MIGRATION_012_SQL } from './migration-012';
import { MIGRATION_013_SQL } from './migration-013';
import { MIGRATION_014_SQL } from './migration-014';
import { backfill015, MIGRATION_015_SQL } from './migration-015';

/**
 * SQL migrations, in order. Each runs once, in its own transaction, under an advisory lock (two HQ nodes
 * starting together apply it once). Plain PostgreSQL 15 SQL that PGlite (PostgreSQL 18) runs as well.
 * Never edit a migration that has shipped: add the next one.
 */
export interface Migration {
  id: string;
  sql: string;
  /** Work SQL alone cannot do (a shared rule in TypeScript), in the same transaction, after `sql`. */
  backfill?: (client: PoolClient) => Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '001_sync',
    sql: `
CREATE TABLE branches (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  country text NOT NULL,
  time_zone text NOT NULL,
  language text NOT NULL DEFAULT 'ru',
  manager_name text NOT NULL DEFAULT '',
  manager_email text NOT NULL DEFAULT '',
  head_of_sales_name text NOT NULL DEFAULT '',
  head_of_sales_email text NOT NULL DEFAULT '',
  -- the last version handed out for this branch: the pull cursor (HQ's order, never client clocks)
  version bigint NOT NULL DEFAULT 0,
  -- version at which the directory entry itself last changed
  changed_version bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enrollment_codes (
  code_hash text PRIMARY KEY,
  branch_id bigint NOT NULL REFERENCES branches(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  device_id uuid
);

CREATE TABLE devices (
  id uuid PRIMARY KEY,
  branch_id bigint NOT NULL REFERENCES branches(id),
  token_hash text NOT NULL UNIQUE,
  last_seq bigint NOT NULL DEFAULT 0,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at timestamptz
);

-- Every operation ever received, applied or rejected: opId makes each apply exactly once.
CREATE TABLE ops (
  op_id uuid PRIMARY KEY,
  device_id uuid NOT NULL,
  branch_id bigint NOT NULL REFERENCES branches(id),
  device_seq bigint NOT NULL,
  schema_version int NOT NULL,
  type text NOT NULL,
  payload jsonb NOT NULL,
  client_created_at text,
  received_at timestamptz NOT NULL DEFAULT now(),
  outcome text NOT NULL CHECK (outcome IN ('applied', 'rejected')),
  reason text,
  detail text
);
CREATE INDEX ops_device_seq ON ops (device_id, device_seq);

-- Things a person at HQ should look at: gaps in a device's sequence (local data loss), late ops.
CREATE TABLE incidents (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  branch_id bigint REFERENCES branches(id),
  device_id uuid,
  kind text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE complaints (
  id uuid PRIMARY KEY,
  branch_id bigint NOT NULL REFERENCES branches(id),
  number text NOT NULL UNIQUE,
  status text NOT NULL,
  channel text NOT NULL,
  confidential boolean NOT NULL,
  received_at timestamptz NOT NULL,
  registered_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- the complaint as the branch registered it, with status and progress kept current by HQ
  record jsonb NOT NULL,
  version bigint NOT NULL
);
CREATE INDEX complaints_branch_version ON complaints (branch_id, version);

-- Append-only history; hq_seq is HQ's order of events.
CREATE TABLE complaint_events (
  id uuid PRIMARY KEY,
  hq_seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  complaint_id uuid NOT NULL REFERENCES complaints(id),
  branch_id bigint NOT NULL REFERENCES branches(id),
  type text NOT NULL,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  data jsonb NOT NULL,
  op_id uuid,
  version bigint NOT NULL
);
CREATE INDEX complaint_events_branch_version ON complaint_events (branch_id, version);
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, hq_seq);

-- R6-R8: feedback-book entries and pages, so HQ can mail each entry once all its photos are in (issue 6).
CREATE TABLE book_entries (
  id uuid PRIMARY KEY,
  branch_id bigint NOT NULL REFERENCES branches(id),
  state text NOT NULL DEFAULT 'capturing' CHECK (state IN ('capturing', 'submitted')),
  captured_at timestamptz NOT NULL,
  captured_by text NOT NULL,
  deadline timestamptz NOT NULL,
  complaint_id uuid,
  complaint_number text,
  submitted_at timestamptz,
  page_hashes jsonb,
  version bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX book_entries_branch_version ON book_entries (branch_id, version);
CREATE INDEX book_entries_deadline ON book_entries (deadline) WHERE state = 'submitted';

CREATE TABLE book_pages (
  id uuid PRIMARY KEY,
  entry_id uuid NOT NULL REFERENCES book_entries(id),
  branch_id bigint NOT NULL REFERENCES branches(id),
  page_no int NOT NULL,
  sha256 text NOT NULL,
  source_sha256 text NOT NULL,
  mime text NOT NULL,
  size bigint NOT NULL,
  width int NOT NULL,
  height int NOT NULL,
  source text NOT NULL,
  original_name text,
  captured_at timestamptz NOT NULL,
  captured_by text NOT NULL,
  removed_at timestamptz,
  removed_by text
);
CREATE INDEX book_pages_entry ON book_pages (entry_id);
CREATE INDEX book_pages_sha256 ON book_pages (sha256);

CREATE TABLE book_fallbacks (
  op_id uuid PRIMARY KEY,
  entry_id uuid NOT NULL,
  branch_id bigint NOT NULL REFERENCES branches(id),
  at timestamptz NOT NULL,
  by_employee text NOT NULL,
  pages jsonb NOT NULL
);

-- Photo bytes live in the blob store, once per content; a branch "has" a photo once it uploaded it itself.
CREATE TABLE photos (
  sha256 text PRIMARY KEY,
  size bigint NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE branch_photos (
  branch_id bigint NOT NULL REFERENCES branches(id),
  sha256 text NOT NULL REFERENCES photos(sha256),
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (branch_id, sha256)
);
`,
  },
  {
    // Issue 6 (R7, R8, R11): the mail outbox, written in the transaction that receives a submitted entry.
    id: '002_mail_outbox',
    sql: `
ALTER TABLE book_entries ADD COLUMN delivery jsonb, ADD COLUMN escalated_at timestamptz;

CREATE TABLE mail_outbox (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('book_entry', 'escalation')),
  entry_id uuid NOT NULL REFERENCES book_entries(id),
  branch_id bigint NOT NULL REFERENCES branches(id),
  -- deterministic, known before any SMTP conversation: a re-send after a crash is the same message
  message_id text NOT NULL,
  -- the entry's 11:00 deadline, computed at HQ for the branch's calendar
  deadline timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  -- a worker that claimed the job owns it until then (a crashed worker's job is taken up again after it)
  leased_until timestamptz,
  last_attempt_at timestamptz,
  last_error text,
  sent_at timestamptz,
  recipients jsonb,
  on_time boolean,
  created_at timestamptz NOT NULL,
  UNIQUE (entry_id, kind)
);
CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX mail_outbox_unsent ON mail_outbox (deadline) WHERE status <> 'sent';
`,
  },
  {
    // Issue 6 review (R7, R8, R11): why the last attempt failed (the branch is told in words), where the
    // deadline came from (the branch's calendar or HQ's), and whom an escalation went to.
    id: '003_mail_state',
    sql: `
ALTER TABLE mail_outbox ADD COLUMN IF NOT EXISTS last_error_kind text;
ALTER TABLE mail_outbox ADD COLUMN IF NOT EXISTS deadline_source text;
ALTER TABLE book_entries ADD COLUMN IF NOT EXISTS escalated_to text;
`,
  },
  {
    // Issue 12: one source of truth for an entry's pages. The final page order moves from the entry's
    // page_hashes onto its pages (final_page_no); a hash whose page HQ never received becomes a page known by
    // its photo only (no size or source), so the entry still waits for that photo and mails it. The k-th
    // repeat of a hash takes the k-th page with that photo, live pages first (hq/book/pages.ts does the same
    // at every submit). Then one view answers "which photos does a submitted entry still wait for".
    id: '004_book_page_order',
    sql: `
ALTER TABLE book_pages ADD COLUMN final_page_no int;
ALTER TABLE book_pages ALTER COLUMN source_sha256 DROP NOT NULL, ALTER COLUMN mime DROP NOT NULL,
  ALTER COLUMN size DROP NOT NULL, ALTER COLUMN width DROP NOT NULL, ALTER COLUMN height DROP NOT NULL,
  ALTER COLUMN source DROP NOT NULL;

CREATE TEMPORARY TABLE submitted_hashes ON COMMIT DROP AS
SELECT e.id AS entry_id, h.sha, h.n::int AS n,
       row_number() OVER (PARTITION BY e.id, h.sha ORDER BY h.n) AS k
  FROM book_entries e, jsonb_array_elements_text(e.page_hashes) WITH ORDINALITY AS h(sha, n)
 WHERE jsonb_typeof(e.page_hashes) = 'array';

UPDATE book_pages bp SET final_page_no = s.n
  FROM submitted_hashes s
  JOIN (SELECT p.id, p.entry_id, p.sha256,
               row_number() OVER (PARTITION BY p.entry_id, p.sha256
                                  ORDER BY p.removed_at IS NOT NULL, p.page_no, p.id) AS k
          FROM book_pages p) known ON known.entry_id = s.entry_id AND known.sha256 = s.sha AND known.k = s.k
 WHERE bp.id = known.id;

INSERT INTO book_pages (id, entry_id, branch_id, page_no, sha256, mime, captured_at, captured_by, final_page_no)
SELECT gen_random_uuid(), e.id, e.branch_id, s.n, s.sha,
       (SELECT q.mime FROM book_pages q WHERE q.entry_id = e.id AND q.sha256 = s.sha LIMIT 1),
       e.captured_at, e.captured_by, s.n
  FROM submitted_hashes s JOIN book_entries e ON e.id = s.entry_id
 WHERE NOT EXISTS (SELECT 1 FROM book_pages p WHERE p.entry_id = s.entry_id AND p.final_page_no = s.n);

CREATE UNIQUE INDEX book_pages_final_page_no ON book_pages (entry_id, final_page_no)
  WHERE final_page_no IS NOT NULL;
ALTER TABLE book_entries DROP COLUMN page_hashes;

-- One row per page of a submitted entry whose photo HQ does not have yet.
CREATE VIEW book_entry_photos_missing AS
SELECT p.entry_id, p.final_page_no, p.sha256
  FROM book_pages p
 WHERE p.final_page_no IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM photos ph WHERE ph.sha256 = p.sha256);
`,
  },
  // Issue 14 and issue 13 item 6: HQ users, sessions, the append-only audit, the console's columns.
  { id: '005_people_console', sql: MIGRATION_005_SQL, backfill: backfill005 },
  {
    // Issue 14 (R24): the branches' employees — created at a branch's first run or by HQ, synced both ways
    // (employee.upsert, employee.pin.set; pull kind 'employee'). The PIN only as its PBKDF2 hash (jsonb, as
    // shared/people/model.ts pinHashSchema has it); `version`: the branch version it last changed at.
    id: '006_branch_employees',
    sql: `
CREATE TABLE employees (
  id uuid PRIMARY KEY,
  branch_id bigint NOT NULL REFERENCES branches(id),
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('counter', 'branch_manager')),
  active boolean NOT NULL DEFAULT true,
  pin jsonb,
  version bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employees_branch_version ON employees (branch_id, version);
CREATE INDEX employees_branch_name ON employees (branch_id, name);
`,
  },
  {
    // Issue 13 (R7, R24): a submitted entry waits for the photos its own branch uploaded. Another branch's
    // copy of the same bytes neither completes it (SPB-02's manager was mailed MSK-01's photo) nor tells the
    // branch, through the missing-photo count on pull, that another branch has a photo.
    id: '007_branch_bound',
    sql: `
CREATE OR REPLACE VIEW book_entry_photos_missing AS
SELECT p.entry_id, p.final_page_no, p.sha256
  FROM book_pages p
 WHERE p.final_page_no IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM branch_photos bp WHERE bp.branch_id = p.branch_id AND bp.sha256 = p.sha256);
`,
  },
  {
    // Issue 17: HQ on several machines. Whatever ends a device token's validity — a revocation, a new
    // token, an expiry set in the database, the device moved or removed — is told to
    // every HQ process at once, by whichever process or tool made the change: each drops the device from
    // its auth cache (hq/devices/revocation.ts listens on this channel, named for its first use).
    id: '008_device_notify',
    sql: `
CREATE OR REPLACE FUNCTION otklik_device_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('otklik_device_revoked', OLD.id::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER devices_token_changed AFTER UPDATE ON devices FOR EACH ROW
  WHEN (OLD.token_hash IS DISTINCT FROM NEW.token_hash
     OR OLD.revoked_at IS DISTINCT FROM NEW.revoked_at
     OR OLD.branch_id IS DISTINCT FROM NEW.branch_id
     OR coalesce(NEW.last_seen_at, NEW.enrolled_at) < coalesce(OLD.last_seen_at, OLD.enrolled_at))
  EXECUTE FUNCTION otklik_device_changed();
CREATE TRIGGER devices_removed AFTER DELETE ON devices FOR EACH ROW EXECUTE FUNCTION otklik_device_changed();
`,
  },
  // Issue 15 (R11, R14): complaints escalated by HQ's mail worker (hq/db/migration-009.ts).
  { id: '009_complaint_escalation', sql: MIGRATION_009_SQL },
  {
    // Issue 16 item 5 (R9, R15, R25): the customer's e-mail copy of their acknowledgement and decision
    // letter, queued in the transaction that brings the registration or the decision to HQ. Its own table
    // beside mail_outbox (whose rows are feedback-book entries'), with the same guarantees: a deterministic
    // Message-ID, one row per document per complaint (the primary key), lease, backoff, failed for good on a
    // permanent error. 'skipped': nothing to send any more (consent withdrawn, decision reopened).
    id: '011_document_mail',
    sql: `
CREATE TABLE document_mail (
  id text PRIMARY KEY,
  complaint_id uuid NOT NULL REFERENCES complaints(id),
  branch_id bigint NOT NULL REFERENCES branches(id),
  document text NOT NULL CHECK (document IN ('acknowledgement', 'decision_letter')),
  message_id text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  leased_until timestamptz,
  last_attempt_at timestamptz,
  last_error text,
  sent_at timestamptz,
  recipient text,
  language text,
  created_at timestamptz NOT NULL,
  UNIQUE (complaint_id, document)
);
CREATE INDEX document_mail_pending ON document_mail (next_attempt_at) WHERE status = 'pending';
`,
  },
  // Issue 16 items 3 and 5: the branch's address, phone and hours; one decision letter copy per decision.
  { id: '012_branch_contacts', sql: MIGRATION_012_SQL },
  // Issue 15 item 2 (R3, R5): files attached to complaints (hq/db/migration-013.ts).
  { id: '013_complaint_attachments', sql: MIGRATION_013_SQL },
  // Issue 15 items 3 and 7 (R4, R10): the company's name and policy layers set at HQ (migration-014.ts).
  { id: '014_policy_layers', sql: MIGRATION_014_SQL },
  // Issue 15 (R16): since when a compensation waits for approval, for the console's queue (migration-015.ts).
  { id: '015_approval_pending', sql: MIGRATION_015_SQL, backfill: backfill015 },
];

/**
 * Migration 009 (issue 15, R11/R14): complaints escalated by HQ when overdue at a due moment.
 *
 * - `escalation_mail`: one row per escalation step of a due moment (primary key: shared/handling/escalation
 *   `escalationMessageKey`, so a step is queued once whatever process sees it first), beside `mail_outbox`
 *   (whose rows are feedback-book entries'), with the same guarantees: a deterministic Message-ID, lease,
 *   backoff, failed for good on a permanent error.
 * - `complaints.escalation_check_at`: when the escalation watch next needs to look at the complaint (NULL:
 *   at once). Set by the watch from `nextEscalationAt`; cleared whenever the complaint's history changes
 *   (hq/complaints/history `appendEvents`), since its due moments may have changed with it.
 */
export const MIGRATION_009_SQL = `
CREATE TABLE escalation_mail (
  id text PRIMARY KEY,
  complaint_id uuid NOT NULL REFERENCES complaints(id),
  branch_id bigint NOT NULL REFERENCES branches(id),
  step text NOT NULL CHECK (step IN ('branch_manager', 'head_of_sales')),
  due_key text NOT NULL,
  due_kind text NOT NULL,
  due_at timestamptz NOT NULL,
  to_name text NOT NULL,
  to_email text NOT NULL,
  message_id text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  leased_until timestamptz,
  last_attempt_at timestamptz,
  last_error text,
  sent_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX escalation_mail_pending ON escalation_mail (next_attempt_at) WHERE status = 'pending';
CREATE INDEX escalation_mail_complaint ON escalation_mail (complaint_id);
ALTER TABLE complaints ADD COLUMN escalation_check_at timestamptz;
`;

/**
 * Migration 013 (issue 15 item 2, R3, R5): files attached to complaints.
 *
 * `complaint_attachments`: one row per `attachment_added` event a branch pushed (its `attachmentId` is the
 * primary key, so a file is recorded once whatever retries), with what the branch recorded about it. The
 * bytes are not here: they live in the blob store by SHA-256 with the feedback-book photos, and a branch
 * "has delivered" them once `branch_photos` holds (branch, sha256) — the same record photos use, so the
 * same bytes are stored once and an attachment waits for its bytes exactly as a book entry waits for its
 * photos (`complaint_attachments_missing`). `removed_at`: kept for a removal event; the bytes stay.
 */
export const MIGRATION_013_SQL = `
CREATE TABLE complaint_attachments (
  id uuid PRIMARY KEY,
  complaint_id uuid NOT NULL REFERENCES complaints(id),
  branch_id bigint NOT NULL REFERENCES branches(id),
  event_id uuid NOT NULL,
  sha256 text NOT NULL,
  file_name text NOT NULL,
  mime text NOT NULL,
  size bigint NOT NULL,
  kind text NOT NULL,
  added_at timestamptz NOT NULL,
  added_by text NOT NULL,
  removed_at timestamptz
);
CREATE INDEX complaint_attachments_complaint ON complaint_attachments (complaint_id, added_at);
CREATE INDEX complaint_attachments_blob ON complaint_attachments (branch_id, sha256);

-- One row per attached file whose bytes its branch has not delivered yet.
CREATE VIEW complaint_attachments_missing AS
SELECT a.id, a.complaint_id, a.sha256
  FROM complaint_attachments a
 WHERE NOT EXISTS (SELECT 1 FROM branch_photos bp WHERE bp.branch_id = a.branch_id AND bp.sha256 = a.sha256);
`;

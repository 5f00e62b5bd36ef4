/**
 * Migration 012 (issue 16 items 3 and 5).
 *
 * - `branches.address`, `phone`, `hours`: how a customer reaches the branch, printed on its documents (R9).
 *   Kept at HQ and sent down with the directory, so the branch's printed documents, HQ's e-mailed copies and
 *   the console's documents say the same. Empty: not set (a document then names the branch alone). Bounded
 *   here as in shared/sync/protocol DIRECTORY_LIMITS.
 * - `document_mail.decided_at`: the decision a decision letter's copy is for (the `decidedAt` of the
 *   complaint's progress, as text). A complaint reopened and decided again gets one copy per decision: the
 *   one-row-per-document rule becomes one row per document per decision. Existing decision-letter rows are
 *   taken to be for the decision in force now, so none is sent twice.
 */
export const MIGRATION_012_SQL = `
ALTER TABLE branches
  ADD COLUMN address text NOT NULL DEFAULT '' CHECK (length(address) <= 300),
  ADD COLUMN phone text NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
  ADD COLUMN hours text NOT NULL DEFAULT '' CHECK (length(hours) <= 200);

ALTER TABLE document_mail ADD COLUMN decided_at text;
UPDATE document_mail d SET decided_at = c.record->'progress'->>'decidedAt'
  FROM complaints c WHERE c.id = d.complaint_id AND d.document = 'decision_letter';
ALTER TABLE document_mail DROP CONSTRAINT document_mail_complaint_id_document_key;
CREATE UNIQUE INDEX document_mail_one_per_decision
  ON document_mail (complaint_id, document, decided_at) NULLS NOT DISTINCT;
`;

import type { Pool } from 'pg';
import type { ComplaintEvent } from '../../shared/complaints/model';
import { attachmentSubjectRefusals, MAX_ATTACHMENT_BYTES } from '../../shared/handling/attachments';
import type { HandlingEventData } from '../../shared/handling/event-data';
import { APPLIED, rejected, type OpOutcome } from '../../shared/sync/rules';
import type { BranchTx } from '../branches/versions';
import { appendEvents } from './history';

/**
 * R3, R5 at HQ: a file attached at a branch (`attachment_added` in `complaint.event`). The same shared rule
 * as at the branch (`attachmentSubjectRefusals`: not on a merged complaint, at most so many files), read
 * from HQ's own rows of the device's branch only (scope in SQL: another branch's complaint is unknown).
 * The file is recorded once by its id (`complaint_attachments`, migration 013) beside its history event; its
 * bytes arrive by their own upload (PUT /v1/attachments/{sha256}) before or after, and until then the
 * console shows it as awaited (`complaint_attachments_missing`). The caller locked the complaint's row.
 */
export async function applyAttachmentAdded(
  tx: BranchTx,
  opId: string,
  event: ComplaintEvent,
): Promise<OpOutcome> {
  const { rows } = await tx.client.query<{ merged: boolean; existing: number }>(
    `SELECT c.record->'progress'->'mergedInto' IS NOT NULL AS merged,
            (SELECT count(*)::int FROM complaint_attachments a
              WHERE a.complaint_id = c.id AND a.removed_at IS NULL) AS existing
       FROM complaints c WHERE c.id = $1 AND c.branch_id = $2`,
    [event.complaintId, tx.branchId],
  );
  const subject = rows[0];
  if (!subject) return rejected('unknown_complaint');
  const refusal = attachmentSubjectRefusals(subject)[0];
  if (refusal) return rejected(refusal);
  const data = event.data as HandlingEventData<'attachment_added'>;
  // A reused attachment id (another complaint's, another branch's) breaks the primary key: the push
  // rolls this op back alone and refuses it as a conflict.
  await tx.client.query(
    `INSERT INTO complaint_attachments (id, complaint_id, branch_id, event_id, sha256, file_name, mime, size, kind,
       added_at, added_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      data.attachmentId,
      event.complaintId,
      tx.branchId,
      event.id,
      data.sha256,
      data.fileName,
      data.mime,
      data.size,
      data.kind,
      event.at,
      event.actor,
    ],
  );
  await appendEvents(tx, opId, event.complaintId, [event]);
  return APPLIED;
}

/**
 * R3 at HQ: a file taken off a complaint at a branch (`attachment_removed`). It must be one of the
 * complaint's files of the device's branch (scope in SQL); its bytes stay in the store for the record.
 * Removed twice (two PCs offline): both removals stay in the history, the first one's time on the file.
 */
export async function applyAttachmentRemoved(
  tx: BranchTx,
  opId: string,
  event: ComplaintEvent,
): Promise<OpOutcome> {
  const { attachmentId } = event.data as HandlingEventData<'attachment_removed'>;
  const { rows } = await tx.client.query<{ merged: boolean }>(
    `UPDATE complaint_attachments a SET removed_at = coalesce(a.removed_at, $4::timestamptz)
       FROM complaints c
      WHERE a.id = $1 AND a.complaint_id = $2 AND a.branch_id = $3 AND c.id = a.complaint_id
      RETURNING c.record->'progress'->'mergedInto' IS NOT NULL AS merged`,
    [attachmentId, event.complaintId, tx.branchId, event.at],
  );
  if (!rows[0]) return rejected('attachment_unknown');
  // The savepoint of the op rolls the update back with the refusal.
  if (rows[0].merged) return rejected('complaint_merged');
  await appendEvents(tx, opId, event.complaintId, [event]);
  return APPLIED;
}

/**
 * Issue 15 (R3, R23): whether a device of this branch may fetch these bytes — a file attached to one of the
 * branch's own complaints (removed too: the bytes stay for the record) whose bytes this very branch uploaded
 * (`branch_photos`), within the attachment bound. Scope in SQL: naming another branch's hash in an
 * `attachment_added` of one's own proves nothing, uploading the bytes does; another branch's file is as
 * unknown as one that does not exist.
 */
export async function branchMayFetchAttachment(
  pool: Pool,
  branchId: number,
  sha256: string,
): Promise<boolean> {
  const { rowCount } = await pool.query(
    `SELECT 1 FROM complaint_attachments a
       JOIN branch_photos bp ON bp.branch_id = a.branch_id AND bp.sha256 = a.sha256
       JOIN photos p ON p.sha256 = a.sha256
      WHERE a.branch_id = $1 AND a.sha256 = $2 AND p.size <= $3
      LIMIT 1`,
    [branchId, sha256, MAX_ATTACHMENT_BYTES],
  );
  return (rowCount ?? 0) > 0;
}

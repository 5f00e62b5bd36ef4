import type { Complaint, ComplaintEvent } from '../../shared/complaints/model';
import {
  applyCorrections,
  checkChangeSubject,
  checkRecordChange,
  recordChangeKind,
  type FieldChange,
} from '../../shared/handling/corrections';
import { APPLIED, rejected, type OpOutcome } from '../../shared/sync/rules';
import type { BranchTx } from '../branches/versions';
import { appendEvents } from './history';

/**
 * R3/R13 at HQ: a correction (`fields_corrected`) or re-assessment (`assessment_changed`) from a branch
 * changes HQ's stored record, so the record pull sends down keeps it (HQ's record wins at the branch). The
 * same shared rules as at the branch: not on a closed or merged complaint (`checkChangeSubject`), only
 * correctable fields and values the intake rules accept (`checkRecordChange` — also keeps a complaint from
 * moving into or out of the confidential register). A change whose `before` no longer holds (two PCs
 * changed the field offline) is applied in HQ's order, as shared/handling/corrections.ts says: both stay in
 * the history and the later one wins on both PCs.
 */
export async function applyRecordChange(
  tx: BranchTx,
  opId: string,
  event: ComplaintEvent,
): Promise<OpOutcome> {
  const kind = recordChangeKind(event.type);
  if (!kind) return rejected('invalid_payload', 'event.type');
  // The caller locked the row; the branch is checked again here so this never reads another branch's record.
  const { rows } = await tx.client.query<{ record: Complaint }>(
    'SELECT record FROM complaints WHERE id = $1 AND branch_id = $2',
    [event.complaintId, tx.branchId],
  );
  const current = rows[0]?.record;
  if (!current) return rejected('unknown_complaint');
  const refusal = checkChangeSubject(current)[0];
  if (refusal) return rejected(refusal);
  const data = event.data as { reason: string; changes: FieldChange[] };
  const check = checkRecordChange(current, kind, {
    set: Object.fromEntries(data.changes.map((c) => [c.field, c.after])),
    reason: data.reason,
  });
  // Nothing left to change (another PC made the same change first): recorded in the history all the same.
  if (!check.ok && check.reasons.some((r) => r !== 'change_empty'))
    return rejected(
      check.reasons.find((r) => r !== 'change_empty')!,
      check.fieldErrors[0]?.field,
    );
  const next = applyCorrections(current, [event]);
  await tx.client.query(
    'UPDATE complaints SET record = $2::jsonb, channel = $3, received_at = $4 WHERE id = $1',
    [event.complaintId, JSON.stringify(next), next.channel, next.receivedAt],
  );
  // Replays status and progress into the record, gives it a new version (pull) and refreshes the console's
  // columns (category, severity, search words).
  await appendEvents(tx, opId, event.complaintId, [event]);
  return APPLIED;
}

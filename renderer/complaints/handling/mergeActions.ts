import { v7 as uuidv7 } from 'uuid';
import type { ComplaintEvent } from '../../../shared/complaints/model';
import { searchWordsOf } from '../../../shared/complaints/search';
import { HANDLING_EVENT_DATA } from '../../../shared/handling/event-data';
import { checkMerge, chooseSurvivor, mergeEvents } from '../../../shared/handling/merge';
import type { OtklikDatabase } from '../../db/database';
import type { Signer } from '../../db/employees';
import { actionTables, enqueue } from '../../db/outbox';
import { TransitionRefused, appendEvent } from '../actions';

/**
 * R5: merges two complaints about one matter, also two registered on different PCs offline once both are
 * here. The one received first survives (shared/handling/merge `chooseSurvivor`); the other becomes a
 * reference to it. Both events and the one `complaint.merge` operation in one transaction, so HQ applies
 * the merge whole or not at all; the survivor's search words gain the other's number.
 */
export async function mergeComplaints(
  db: OtklikDatabase,
  complaintId: string,
  otherId: string,
  signer: Signer,
  now = new Date(),
  reason?: string,
): Promise<{ survivorId: string; mergedId: string }> {
  return db.transaction('rw', actionTables(db), async () => {
    const one = await db.complaints.get(complaintId);
    if (!one) throw new Error(`No complaint ${complaintId}`);
    const other = await db.complaints.get(otherId);
    if (!other) throw new Error(`No complaint ${otherId}`);
    const { survivor, merged } = chooseSurvivor(one, other);
    const reasons = checkMerge(survivor, merged);
    if (reasons.length > 0) throw new TransitionRefused(reasons);
    const { into, from } = mergeEvents(survivor, merged, {
      actor: signer.name,
      actorId: signer.id,
      now,
      ...(reason ? { reason } : {}),
      intoEventId: uuidv7(),
      fromEventId: uuidv7(),
    });
    HANDLING_EVENT_DATA.merged_into.parse(into.data);
    HANDLING_EVENT_DATA.merged_from.parse(from.data);
    await appendEvent(db, merged, into as ComplaintEvent);
    await appendEvent(db, survivor, from as ComplaintEvent);
    const updated = (await db.complaints.get(survivor.id))!;
    await db.complaints.update(survivor.id, { searchWords: searchWordsOf(updated) });
    await enqueue(db, 'complaint.merge', { survivorId: survivor.id, mergedId: merged.id, into, from }, now);
    return { survivorId: survivor.id, mergedId: merged.id };
  });
}

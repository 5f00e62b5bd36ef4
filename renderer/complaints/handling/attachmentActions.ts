import { v7 as uuidv7 } from 'uuid';
import type { ComplaintEvent } from '../../../shared/complaints/model';
import {
  attachedFiles,
  checkAttachment,
  checkAttachmentRemoval,
  liveFiles,
  defaultKindOf,
  safeFileName,
  SNIFF_BYTES,
  sniffAttachmentMime,
  type AttachmentMime,
} from '../../../shared/handling/attachments';
import { MAX_ATTACHED_HERE, type OtklikDatabase } from '../../db/database';
import type { Signer } from '../../db/employees';
import { actionTables } from '../../db/outbox';
import { addPhoto, restoreBytes } from '../../db/photoBytes';
import { sha256Hex } from '../../platform/sha256';
import { TransitionRefused } from '../actions';
import { appendHandlingEvents } from './actions';

/**
 * R3, R5 (issue 15 item 2): a file attached to a complaint at the branch. The file is read and hashed
 * first (an IndexedDB transaction cannot wait for that); then one transaction stores its bytes by SHA-256
 * (renderer/db/photoBytes.ts, like a feedback-book page's image: stored once, uploaded once by the sync engine
 * to HQ's attachment address, counted as not yet at HQ until then), the `attachment_added` event and its
 * outbox operation — all or nothing, offline too. A full disk fails the whole transaction: nothing is
 * half-saved, and the file is still the user's to add again.
 */
export async function addAttachment(
  db: OtklikDatabase,
  complaintId: string,
  file: Blob & { name: string },
  signer: Signer,
  now = new Date(),
): Promise<ComplaintEvent> {
  const sniffed = sniffAttachmentMime(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  // Refused by what the file is before all of it is read (a 2 GB video is not hashed to be refused).
  const early = checkAttachment({ size: file.size, sniffed }, { merged: false, existing: 0 });
  if (early.length > 0) throw new TransitionRefused(early);
  const mime = sniffed as AttachmentMime;
  const bytes = await file.arrayBuffer();
  const sha256 = await sha256Hex(bytes);
  const blob = new Blob([bytes], { type: mime });
  return db.transaction('rw', [...actionTables(db), db.photos, db.photoBytes], async () => {
    const [event] = await appendHandlingEvents(
      db,
      complaintId,
      [
        {
          type: 'attachment_added',
          check: ({ complaint, history }) => {
            const existing = liveFiles(attachedFiles(history)).length;
            const reasons = checkAttachment(
              { size: blob.size, sniffed: mime },
              { merged: Boolean(complaint.progress.mergedInto), existing },
            );
            if (reasons.length > 0) return { ok: false, reasons };
            return {
              ok: true,
              data: {
                attachmentId: uuidv7(),
                sha256,
                fileName: safeFileName(file.name),
                mime,
                size: blob.size,
                kind: defaultKindOf(mime),
              },
            };
          },
        },
      ],
      signer,
      now,
    );
    // The same bytes already stored (attached before, or a page's image) are not stored twice; a page's
    // image that is now an attachment too is kept when its page is deleted (renderer/book/actions dropPage).
    const stored = await db.photos.get(sha256);
    const here = { complaintId, fileName: (event!.data as { fileName: string }).fileName };
    if (stored) {
      const known = stored.attachedTo ?? [];
      const attachedTo = known.some((a) => a.complaintId === complaintId)
        ? known
        : [...known, here].slice(-MAX_ATTACHED_HERE);
      await restoreBytes(db, stored, blob);
      await db.photos.update(sha256, { use: 'attachment', attachedTo });
    } else
      await addPhoto(
        db,
        {
          attachedTo: [here],
          sha256,
          mime,
          size: blob.size,
          createdAt: now.toISOString(),
          uploadState: 'pending',
          use: 'attachment',
        },
        blob,
      );
    return event!;
  });
}

/**
 * R3: a file taken off the complaint, with why — an event like any other (one transaction with its
 * outbox op); its bytes stay, on this PC and at HQ, for the record.
 */
export function removeAttachment(
  db: OtklikDatabase,
  complaintId: string,
  attachmentId: string,
  reason: string,
  signer: Signer,
  now = new Date(),
) {
  return appendHandlingEvents(
    db,
    complaintId,
    [
      {
        type: 'attachment_removed',
        check: ({ complaint, history }) =>
          checkAttachmentRemoval(
            attachedFiles(history),
            attachmentId,
            reason,
            Boolean(complaint.progress.mergedInto),
          ),
      },
    ],
    signer,
    now,
  );
}

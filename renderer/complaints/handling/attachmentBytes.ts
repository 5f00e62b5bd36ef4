import { HQ_PATHS } from '../../../shared/sync/protocol';
import { transferTimeoutMs } from '../../../shared/sync/backoff';
import type { AttachmentMime } from '../../../shared/handling/attachments';
import type { OtklikDatabase } from '../../db/database';
import { hqLink } from '../../db/device';
import { addPhoto, restoreBytes, storedPhotoBlob } from '../../db/photoBytes';
import { sha256Hex } from '../../platform/sha256';
import { createHqClient, HqRequestError, type HqClient } from '../../sync/client';

/**
 * Why a file's bytes cannot be shown here now: this PC is not connected to HQ, or HQ cannot be reached
 * (either way the file is at HQ and opens once connected); HQ does not have them yet (the PC that added
 * the file has not sent them); what came from HQ does not hash to the file's address (not kept, not shown);
 * HQ answered with an error.
 */
export type AttachmentUnavailable = 'not_connected' | 'offline' | 'not_at_hq' | 'damaged' | 'failed';

export type AttachmentBytes = { ok: true; blob: Blob } | { ok: false; reason: AttachmentUnavailable };

/**
 * Issue 15 (R3, R23): the bytes of a file attached to a complaint, for opening it. This PC's own copy when
 * it has one; otherwise (the file was added on another PC of the branch) fetched from HQ on demand, checked
 * against its SHA-256 and only then kept here for good (IndexedDB, as "at HQ": never uploaded again) and
 * shown. Nothing is kept or shown from a damaged answer.
 */
export async function attachmentBytes(
  db: OtklikDatabase,
  file: { sha256: string; mime: AttachmentMime; size: number },
  client: HqClient = createHqClient(),
  now = () => new Date(),
): Promise<AttachmentBytes> {
  const local = await db.transaction('r', db.photos, db.photoBytes, () => storedPhotoBlob(db, file.sha256));
  if (local) return { ok: true, blob: local };
  const link = await hqLink(db);
  if (!link) return { ok: false, reason: 'not_connected' };
  let received: Blob | undefined;
  try {
    received = await client.getBlob(
      { hqUrl: link.hqUrl, token: link.token },
      HQ_PATHS.attachment(file.sha256),
      transferTimeoutMs(file.size),
    );
  } catch (error) {
    const away =
      error instanceof HqRequestError && ['offline', 'unreachable', 'timeout'].includes(error.kind);
    return { ok: false, reason: away ? 'offline' : 'failed' };
  }
  if (!received) return { ok: false, reason: 'not_at_hq' };
  const bytes = await received.arrayBuffer();
  if ((await sha256Hex(bytes)) !== file.sha256) return { ok: false, reason: 'damaged' };
  const blob = new Blob([bytes], { type: file.mime });
  const at = now().toISOString();
  const kept = await db.transaction('rw', db.photos, db.photoBytes, async () => {
    // Added meanwhile (the same bytes attached here, or a second click): that copy stays. A row whose bytes
    // are missing here gets these.
    const stored = await db.photos.get(file.sha256);
    if (stored) return restoreBytes(db, stored, blob);
    await addPhoto(
      db,
      {
        sha256: file.sha256,
        mime: file.mime,
        use: 'attachment',
        size: blob.size,
        createdAt: at,
        uploadState: 'uploaded',
        uploadedAt: at,
      },
      blob,
    );
    return blob;
  });
  return { ok: true, blob: kept };
}

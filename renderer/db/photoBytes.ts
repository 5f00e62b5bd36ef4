import type { OtklikDatabase, PhotoRow } from './database';

/**
 * Issue 17 (R23): a stored photo's or attached file's bytes live in a store of their own (`photoBytes`,
 * SHA-256 → Blob), apart from its row in `photos`. Every change of the row (uploaded, a failed try, a
 * refusal, another complaint it is attached to) then writes a small record: with the Blob in the row,
 * IndexedDB stored the whole 2 MB again at each mark (5.3 ms a mark in Chromium against 2.3 ms without).
 *
 * Rows written before schema version 8 keep their Blob in the row (`PhotoRow.blob`); they are read there and
 * not moved: moving every stored photo in the upgrade could run out of disk half-way, and a failed upgrade
 * leaves the app unable to open.
 */
export type NewPhoto = Omit<PhotoRow, 'blob'>;

/** Stores a photo's row and its bytes; inside the caller's transaction, which has both stores. */
export async function addPhoto(db: OtklikDatabase, row: NewPhoto, blob: Blob): Promise<void> {
  // Bytes named by their hash are the same bytes: any left from an earlier row are simply replaced.
  await db.photoBytes.put(blob, row.sha256);
  await db.photos.add(row);
}

/** Several photos at once (one request per store); inside a transaction that has both stores. */
export async function bulkAddPhotos(
  db: OtklikDatabase,
  photos: ReadonlyArray<{ row: NewPhoto; blob: Blob }>,
): Promise<void> {
  await db.photoBytes.bulkPut(
    photos.map((p) => p.blob),
    photos.map((p) => p.row.sha256),
  );
  await db.photos.bulkAdd(photos.map((p) => p.row));
}

/** A photo's bytes: in their own store, or in the row itself when it was written before version 8. */
export async function photoBlob(
  db: OtklikDatabase,
  row: Pick<PhotoRow, 'sha256' | 'blob'>,
): Promise<Blob | undefined> {
  return row.blob ?? (await db.photoBytes.get(row.sha256));
}

/** A stored photo's bytes by its hash, wherever they are kept; undefined when there is no such photo. */
export async function storedPhotoBlob(db: OtklikDatabase, sha256: string): Promise<Blob | undefined> {
  const row = await db.photos.get(sha256);
  return row && photoBlob(db, row);
}

/**
 * The same bytes given again (the same image captured, the same file attached or fetched from HQ) for a
 * photo stored already: when its bytes are missing here, they are stored again, and a row refused for want
 * of them goes again. Resolves with the bytes now kept (those already here, or these). Inside a transaction
 * that has both stores.
 */
export async function restoreBytes(db: OtklikDatabase, row: PhotoRow, blob: Blob): Promise<Blob> {
  const kept = await photoBlob(db, row);
  if (kept) return kept;
  await db.photoBytes.put(blob, row.sha256);
  if (row.uploadState === 'refused' && row.refusal?.reason === 'damaged_here')
    await db.photos.update(row.sha256, {
      uploadState: 'pending',
      refusal: undefined,
      verifiedIntactAt: undefined,
    } satisfies Partial<PhotoRow>);
  return blob;
}

/** Removes a photo's row and its bytes; inside a transaction that has both stores. */
export async function deletePhoto(db: OtklikDatabase, sha256: string): Promise<void> {
  await db.photos.delete(sha256);
  await db.photoBytes.delete(sha256);
}

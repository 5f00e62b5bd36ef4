import { describe, expect, it } from 'vitest';
import type { PhotoRow } from '../../../../renderer/db/database';
import {
  addPhoto,
  deletePhoto,
  photoBlob,
  restoreBytes,
  storedPhotoBlob,
  type NewPhoto,
} from '../../../../renderer/db/photoBytes';
import { now, openDb, upgradedFrom } from '../fixtures';

// Issue 17 (R23): a photo's bytes in their own store, its row apart; rows of older versions keep theirs.

const row = (sha256: string): NewPhoto => ({
  sha256,
  mime: 'image/jpeg',
  size: 5,
  createdAt: now.toISOString(),
  uploadState: 'pending',
});
const text = async (blob: Blob | undefined) => (blob ? await blob.text() : undefined);

describe('photo bytes', () => {
  it('the row is stored without its bytes; they are read from their own store by the hash', async () => {
    const db = openDb();
    await db.transaction('rw', db.photos, db.photoBytes, () =>
      addPhoto(db, row('a'.repeat(64)), new Blob(['bytes'])),
    );
    const stored = (await db.photos.get('a'.repeat(64)))!;
    expect(stored).not.toHaveProperty('blob');
    expect(await text(await db.photoBytes.get('a'.repeat(64)))).toBe('bytes');
    expect(await text(await photoBlob(db, stored))).toBe('bytes');
    expect(await text(await storedPhotoBlob(db, 'a'.repeat(64)))).toBe('bytes');
    expect(await storedPhotoBlob(db, 'b'.repeat(64))).toBeUndefined();
  });

  it('the same bytes given again restore missing ones; a row refused for want of them goes again', async () => {
    const db = openDb();
    const refusal = { reason: 'damaged_here' as const, at: now.toISOString() };
    await db.photos.bulkAdd([
      { ...row('a'.repeat(64)), uploadState: 'refused', refusal, attempts: 1 },
      { ...row('b'.repeat(64)), uploadState: 'refused', refusal: { reason: 'too_large', at: '' } },
    ]);
    await db.transaction('rw', db.photos, db.photoBytes, async () => {
      await addPhoto(db, row('c'.repeat(64)), new Blob(['kept']));
      for (const sha of ['a', 'b', 'c'])
        await restoreBytes(db, (await db.photos.get(sha.repeat(64)))!, new Blob([`again ${sha}`]));
    });
    expect(await db.photos.get('a'.repeat(64))).toMatchObject({ uploadState: 'pending', attempts: 1 });
    expect((await db.photos.get('a'.repeat(64)))?.refusal).toBeUndefined();
    expect(await text(await storedPhotoBlob(db, 'a'.repeat(64)))).toBe('again a');
    // Refused for another reason: the bytes are kept, the refusal stands.
    expect(await db.photos.get('b'.repeat(64))).toMatchObject({
      uploadState: 'refused',
      refusal: { reason: 'too_large' },
    });
    expect(await text(await storedPhotoBlob(db, 'b'.repeat(64)))).toBe('again b');
    // Bytes already here stay as they are.
    expect(await text(await storedPhotoBlob(db, 'c'.repeat(64)))).toBe('kept');
  });

  it('deleting a photo removes its row and its bytes', async () => {
    const db = openDb();
    await db.transaction('rw', db.photos, db.photoBytes, async () => {
      await addPhoto(db, row('a'.repeat(64)), new Blob(['one']));
      await addPhoto(db, row('b'.repeat(64)), new Blob(['two']));
    });
    await db.transaction('rw', db.photos, db.photoBytes, () => deletePhoto(db, 'a'.repeat(64)));
    expect(await db.photos.toCollection().primaryKeys()).toEqual(['b'.repeat(64)]);
    expect(await db.photoBytes.toCollection().primaryKeys()).toEqual(['b'.repeat(64)]);
  });

  it('a photo stored by version 7 (bytes in its row) opens at version 8 and is read where it is', async () => {
    const legacy: PhotoRow = { ...row('c'.repeat(64)), blob: new Blob(['old bytes']) };
    const db = await upgradedFrom(7, [], { photos: [legacy] });
    expect(db.verno).toBeGreaterThanOrEqual(8);
    expect(await db.photoBytes.count()).toBe(0); // not moved by the upgrade
    expect(await text(await storedPhotoBlob(db, 'c'.repeat(64)))).toBe('old bytes');
    await db.transaction('rw', db.photos, db.photoBytes, () => deletePhoto(db, 'c'.repeat(64)));
    expect(await db.photos.count()).toBe(0);
  });
});

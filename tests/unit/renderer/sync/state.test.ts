import { describe, expect, it } from 'vitest';
import { pendingCounts } from '../../../../renderer/sync/state';
import { now, openDb } from '../fixtures';

// Issue 17 (R22, R26): the header badges read indexes, not every photo waiting for HQ.

const sha = (n: number) => String(n).padStart(64, 'a');
const day = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString();

describe('header badges', () => {
  it('the oldest photo not yet at HQ comes from the index, whatever was uploaded before it', async () => {
    const db = openDb();
    const photo = (n: number, createdAt: string, uploadState: 'pending' | 'uploaded') => ({
      sha256: sha(n),
      blob: new Blob(['x']),
      mime: 'image/jpeg' as const,
      size: 1,
      createdAt,
      uploadState,
    });
    await db.photos.bulkPut([
      photo(1, day(-3), 'uploaded'),
      photo(2, day(-2), 'pending'),
      photo(3, day(-1), 'pending'),
    ]);
    expect(await pendingCounts(db)).toEqual({ records: 0, photos: 2, oldestAt: Date.parse(day(-2)) });
  });
});

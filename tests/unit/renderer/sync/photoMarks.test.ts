import { describe, expect, it } from 'vitest';
import type { DBCore } from 'dexie';
import type { OtklikDatabase } from '../../../../renderer/db/database';
import { PhotoMarks } from '../../../../renderer/sync/photoMarks';
import { addPendingPhotos, openDb } from '../fixtures';

// Issue 17 item 2: the marks of uploaded photos, a few to a write, in real IndexedDB.

const shas = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1).padStart(64, '0'));
const uploaded = { uploadState: 'uploaded', attempts: 1 } as const;

/**
 * A database whose write transactions on `photos` are counted, with pending photos `shas`; a write of the
 * photo named by `failOn` fails, as a full disk would.
 */
async function photosDb(
  list: string[],
): Promise<{ db: OtklikDatabase; writes: () => number; failOn: (sha: string) => void }> {
  const db = openDb();
  let writes = 0;
  let failing: string | undefined;
  db.use({
    stack: 'dbcore',
    name: 'countPhotoWrites',
    create: (down: DBCore) => ({
      ...down,
      transaction(stores, mode, options) {
        if (mode === 'readwrite' && stores.includes('photos')) writes++;
        return down.transaction(stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== 'photos') return table;
        return {
          ...table,
          mutate: (req) =>
            req.type === 'put' && req.values.some((v: { sha256?: string }) => v.sha256 === failing)
              ? Promise.reject(new DOMException('The disk is full.', 'QuotaExceededError'))
              : table.mutate(req),
        };
      },
    }),
  });
  await addPendingPhotos(db, list);
  const before = writes;
  return { db, writes: () => writes - before, failOn: (sha) => (failing = sha) };
}

const states = async (db: OtklikDatabase, list: string[]) =>
  (await db.photos.bulkGet(list)).map((p) => p?.uploadState);

describe('PhotoMarks', () => {
  it('marks wait until the batch is full, then are written together, in one transaction', async () => {
    const list = shas(4);
    const { db, writes } = await photosDb(list);
    const marks = new PhotoMarks(db, 4, 60_000);
    const first = list.slice(0, 3).map((sha) => marks.mark(sha, uploaded));
    // Not written yet: a read after the marks sees the rows as they were.
    expect(await states(db, list)).toEqual(['pending', 'pending', 'pending', 'pending']);
    await Promise.all([...first, marks.mark(list[3]!, uploaded)]);
    expect(await states(db, list)).toEqual(['uploaded', 'uploaded', 'uploaded', 'uploaded']);
    expect(writes()).toBe(1);
  });

  it('a mark alone is written once the wait is over', async () => {
    const [sha] = shas(1);
    const { db, writes } = await photosDb([sha!]);
    const marks = new PhotoMarks(db, 8, 50);
    const written = marks.mark(sha!, uploaded);
    expect(await states(db, [sha!])).toEqual(['pending']);
    await written;
    expect(await states(db, [sha!])).toEqual(['uploaded']);
    expect(writes()).toBe(1);
  });

  it('flush writes the marks that wait at once, and an empty flush writes nothing', async () => {
    const list = shas(3);
    const { db, writes } = await photosDb(list);
    const marks = new PhotoMarks(db, 8, 60_000);
    marks.flush();
    const written = list.map((sha) => marks.mark(sha, uploaded));
    marks.flush();
    await Promise.all(written);
    expect(await states(db, list)).toEqual(['uploaded', 'uploaded', 'uploaded']);
    expect(writes()).toBe(1);
  });

  it('a mark for a photo removed meanwhile writes nothing and does not fail the others', async () => {
    const list = shas(2);
    const { db } = await photosDb(list);
    await db.photos.delete(list[0]!);
    const marks = new PhotoMarks(db, 2, 60_000);
    await Promise.all(list.map((sha) => marks.mark(sha, uploaded)));
    expect(await states(db, list)).toEqual([undefined, 'uploaded']);
  });

  it('a write that fails part-way fails every mark of its batch, and leaves every row as it was', async () => {
    const list = shas(3);
    const { db, failOn } = await photosDb(list);
    // The first row's update is made, the second's fails: the transaction is rolled back as a whole.
    failOn(list[1]!);
    const marks = new PhotoMarks(db, 3, 60_000);
    const outcomes = await Promise.allSettled(list.map((sha) => marks.mark(sha, uploaded)));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await states(db, list)).toEqual(['pending', 'pending', 'pending']);
  });

  it('a database closed before the write fails the marks that waited', async () => {
    const list = shas(2);
    const { db } = await photosDb(list);
    const marks = new PhotoMarks(db, 8, 60_000);
    const written = list.map((sha) => marks.mark(sha, uploaded));
    db.close();
    marks.flush();
    expect((await Promise.allSettled(written)).map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});

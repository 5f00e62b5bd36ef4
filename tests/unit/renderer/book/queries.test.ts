import { describe, expect, it } from 'vitest';
import type { BookEntry, BookPage } from '../../../../shared/book/model';
import { listEntries, openEntrySummaries } from '../../../../renderer/book/queries';
import type { HqClient } from '../../../../renderer/sync/client';
import { SyncEngine } from '../../../../renderer/sync/engine';
import { now, openDb } from '../fixtures';

// Issue 17 (R7, R26): the Feedback book screen and the at-risk banner read the undelivered entries and a
// page of the delivered ones from the [delivered+deadline] index, with page counts of those entries only.

const id = (n: number) => `0193b8a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const sha = (n: number) => String(n).padStart(64, 'a');
const day = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString();

const entry = (n: number, deadline: string, delivered: boolean): BookEntry => ({
  id: id(n),
  branchCode: 'MSK-01',
  state: 'submitted',
  capturedAt: deadline,
  capturedBy: 'Ольга Иванова',
  deadline,
  pageHashes: [sha(n)],
  fallbacks: [],
  updatedAt: deadline,
  ...(delivered
    ? {
        delivery: {
          sentAt: deadline,
          to: ['m@example.ru'],
          cc: [],
          messageId: `<${n}@otklik>`,
          onTime: true,
        },
      }
    : {}),
});

const page = (n: number, entryId: string, pageNo: number): BookPage => ({
  id: id(1000 + n),
  entryId,
  pageNo,
  sha256: sha(n),
  sourceSha256: sha(n),
  mime: 'image/jpeg',
  size: 1000,
  width: 2000,
  height: 1500,
  source: 'camera',
  capturedAt: now.toISOString(),
  capturedBy: 'Ольга Иванова',
});

describe('feedback-book list', () => {
  it('every undelivered entry, then the delivered ones a page at a time, latest deadline first', async () => {
    const db = openDb();
    await db.bookEntries.bulkPut([
      entry(1, day(-30), true),
      entry(2, day(-20), true),
      entry(3, day(-10), true),
      entry(4, day(1), false),
      entry(5, day(-1), false),
    ]);
    await db.bookPages.bulkPut([page(4, id(4), 1), page(40, id(4), 2), page(5, id(5), 1), page(3, id(3), 1)]);
    await db.photos.bulkPut([
      {
        sha256: sha(4),
        blob: new Blob(['x']),
        mime: 'image/jpeg',
        size: 1,
        createdAt: day(0),
        uploadState: 'pending',
      },
      {
        sha256: sha(40),
        blob: new Blob(['x']),
        mime: 'image/jpeg',
        size: 1,
        createdAt: day(0),
        uploadState: 'refused',
        refusal: { reason: 'too_large', at: day(0) },
      },
    ]);

    const first = await listEntries(db, 2);
    expect(first.entries.map((e) => e.entry.id)).toEqual([id(5), id(4), id(3), id(2)]);
    expect(first.more).toBe(true);
    expect(first.entries[1]).toMatchObject({ pages: 2, photosPending: 1, photosRefused: 1 });
    expect(first.entries[2]).toMatchObject({ pages: 1, photosPending: 0 });
    const all = await listEntries(db, 4);
    expect(all.entries.map((e) => e.entry.id)).toEqual([id(5), id(4), id(3), id(2), id(1)]);
    expect(all.more).toBe(false);
    expect((await openEntrySummaries(db)).map((e) => e.entry.id)).toEqual([id(5), id(4)]);
  });

  it('an entry HQ reports sent moves from the undelivered to the delivered, on pull', async () => {
    const db = openDb();
    await db.bookEntries.put(entry(7, day(1), false));
    await db.bookPages.put(page(7, id(7), 1));
    expect((await openEntrySummaries(db)).map((e) => e.entry.id)).toEqual([id(7)]);
    const engine = new SyncEngine(db, {} as HqClient);
    await engine.applyChanges(
      [
        {
          version: 1,
          kind: 'book_entry',
          entry: {
            id: id(7),
            delivery: { sentAt: day(0), to: ['m@example.ru'], cc: [], messageId: '<7@otklik>', onTime: true },
          },
        },
      ],
      1,
    );
    expect(await openEntrySummaries(db)).toEqual([]);
    expect((await listEntries(db, 10)).entries.map((e) => e.entry.id)).toEqual([id(7)]);
  });

  it('an entry whose every page was deleted before it was saved is not listed', async () => {
    const db = openDb();
    await db.bookEntries.put({ ...entry(8, day(1), false), state: 'capturing', pageHashes: [] });
    await db.bookPages.put({ ...page(8, id(8), 1), removedAt: now.toISOString() });
    expect(await openEntrySummaries(db)).toEqual([]);
  });
});

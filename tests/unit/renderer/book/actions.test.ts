import { describe, expect, it } from 'vitest';
import { parseOperationPayload } from '../../../../shared/sync/operations';
import {
  DuplicatePage,
  EntryClosed,
  addPage,
  movePage,
  removePage,
  replacePage,
  submitEntry,
} from '../../../../renderer/book/actions';
import { sha256Hex } from '../../../../renderer/platform/sha256';
import { picture, processed } from './pictures';
import { emptyComplaintInput } from '../../../../shared/complaints/model';
import {
  DirectoryIncomplete,
  LanguageUnavailable,
  buildFallbackEml,
} from '../../../../renderer/book/fallback';
import { recordFallback } from '../../../../renderer/book/actions';
import { i18next, initI18n } from '../../../../renderer/i18n';
import { OLGA, now, openDb, settings } from '../fixtures';

// R6 in a real Chromium: the feedback-book actions on a real IndexedDB, each one transaction with its
// outbox operation.

describe('feedback-book actions', () => {
  const s = settings();

  async function page(seed: number) {
    return {
      image: await processed(await picture(1200, 1600, 'image/png', seed)),
      source: 'import' as const,
    };
  }

  it('a first page starts the entry with the R7 deadline; every page is stored with its outbox row', async () => {
    const db = openDb();
    const first = await addPage(db, null, await page(1), s, OLGA, now);
    // Monday 23 Nov 2026 12:00 Moscow → Tuesday 24 Nov 11:00 Moscow.
    expect(first.entry.deadline).toBe('2026-11-24T08:00:00.000Z');
    expect(first.entry.state).toBe('capturing');
    await addPage(db, first.entry.id, await page(2), s, OLGA, now);
    const pages = await db.bookPages.where('entryId').equals(first.entry.id).sortBy('pageNo');
    expect(pages.map((p) => p.pageNo)).toEqual([1, 2]);
    const photos = await db.photos.bulkGet(pages.map((p) => p.sha256));
    expect(photos.map((p) => p?.uploadState)).toEqual(['pending', 'pending']);
    // The bytes in their own store (issue 17), the rows without them: a mark of a row writes no bytes.
    expect(photos.map((p) => p?.blob)).toEqual([undefined, undefined]);
    const blobs = await db.photoBytes.bulkGet(pages.map((p) => p.sha256));
    for (const [i, p] of pages.entries())
      expect(await sha256Hex(await blobs[i]!.arrayBuffer())).toBe(p.sha256);
    const ops = await db.outbox.toArray();
    expect(ops.map((o) => o.type)).toEqual(['book.page.add', 'book.page.add']);
    for (const op of ops) expect(() => parseOperationPayload(op.type, op.payload)).not.toThrow();
  });

  it('refuses an identical image and writes nothing for it', async () => {
    const db = openDb();
    const p = await page(1);
    const { entry } = await addPage(db, null, p, s, OLGA, now);
    await expect(addPage(db, entry.id, p, s, OLGA, now)).rejects.toEqual(new DuplicatePage(entry.id, 1));
    await expect(addPage(db, null, p, s, OLGA, now)).rejects.toBeInstanceOf(DuplicatePage);
    expect(await db.bookPages.count()).toBe(1);
    expect(await db.bookEntries.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });

  it('an aborted transaction leaves neither the page, nor its image, nor its outbox row', async () => {
    const db = openDb();
    const { entry } = await addPage(db, null, await page(1), s, OLGA, now);
    // Submitted meanwhile (e.g. from another window): adding a page must fail as a whole.
    await db.bookEntries.update(entry.id, { state: 'submitted' });
    const extra = await page(2);
    await expect(addPage(db, entry.id, extra, s, OLGA, now)).rejects.toBeInstanceOf(EntryClosed);
    expect(await db.photos.get(extra.image.sha256)).toBeUndefined();
    expect(await db.bookPages.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });

  it('a removed page takes its image along unless HQ already has it', async () => {
    const db = openDb();
    const { entry, page: kept } = await addPage(db, null, await page(1), s, OLGA, now);
    const refused = await addPage(db, entry.id, await page(5), s, OLGA, now);
    const uploaded = await addPage(db, entry.id, await page(6), s, OLGA, now);
    await db.photos.update(refused.page.sha256, { uploadState: 'refused' });
    await db.photos.update(uploaded.page.sha256, { uploadState: 'uploaded' });
    await removePage(db, refused.page.id, OLGA, now);
    await removePage(db, uploaded.page.id, OLGA, now);
    // Refused for good by HQ and no longer used: nothing left to send, nothing to keep.
    expect(await db.photos.get(refused.page.sha256)).toBeUndefined();
    expect((await db.photos.get(uploaded.page.sha256))?.uploadState).toBe('uploaded');
    expect(await db.photos.get(kept.sha256)).toBeDefined();
    // Their bytes with them (issue 17: in a store of their own).
    expect((await db.photoBytes.toCollection().primaryKeys()).sort()).toEqual(
      [kept.sha256, uploaded.page.sha256].sort(),
    );
  });

  it('delete, reorder and replace renumber the pages and queue removals', async () => {
    const db = openDb();
    const { entry } = await addPage(db, null, await page(1), s, OLGA, now);
    const second = await addPage(db, entry.id, await page(2), s, OLGA, now);
    const third = await addPage(db, entry.id, await page(3), s, OLGA, now);
    await movePage(db, third.page.id, -1);
    const order = async () =>
      (await db.bookPages.where('entryId').equals(entry.id).toArray())
        .filter((p) => !p.removedAt)
        .sort((a, b) => a.pageNo - b.pageNo)
        .map((p) => p.id);
    expect((await order())[1]).toBe(third.page.id);
    await removePage(db, second.page.id, OLGA, now);
    expect(await order()).toHaveLength(2);
    // An image never uploaded and no longer used does not travel, and its bytes do not stay.
    expect(await db.photos.get(second.page.sha256)).toBeUndefined();
    expect(await db.photoBytes.get(second.page.sha256)).toBeUndefined();
    const replaced = await replacePage(db, third.page.id, await page(4), OLGA, now);
    expect(replaced.pageNo).toBe(2);
    expect((await db.outbox.toArray()).map((o) => o.type)).toEqual([
      'book.page.add',
      'book.page.add',
      'book.page.add',
      'book.page.remove',
      'book.page.remove',
      'book.page.add',
    ]);
  });

  it('submit registers the complaint, links the entry in its history and fixes the page order — one transaction', async () => {
    const db = openDb();
    const { entry } = await addPage(db, null, await page(1), s, OLGA, now);
    const p2 = await addPage(db, entry.id, await page(2), s, OLGA, now);
    const input = {
      ...emptyComplaintInput('feedback_book', now),
      description: 'Грубость кассира',
      noContactReason: 'Не оставил',
    };
    const submitted = await submitEntry(db, entry.id, { kind: 'new', input }, s, OLGA, now);
    expect(submitted.state).toBe('submitted');
    expect(submitted.complaintNumber).toMatch(/^MSK-01-2026-1\d{5}$/);
    expect(submitted.pageHashes).toHaveLength(2);
    expect(submitted.pageHashes[1]).toBe(p2.page.sha256);
    const complaint = await db.complaints.get(submitted.complaintId!);
    expect(complaint?.channel).toBe('feedback_book');
    const history = await db.events.where('complaintId').equals(complaint!.id).toArray();
    expect(history.map((e) => e.type)).toEqual(['created', 'book_entry_linked']);
    const ops = (await db.outbox.toArray()).map((o) => o.type);
    expect(ops.slice(2)).toEqual(['complaint.register', 'complaint.event', 'book.entry.submit']);
    // Its pages are final now.
    await expect(removePage(db, p2.page.id, OLGA, now)).rejects.toBeInstanceOf(EntryClosed);
  });

  it('a submission that fails validation changes nothing', async () => {
    const db = openDb();
    const { entry } = await addPage(db, null, await page(1), s, OLGA, now);
    const invalid = emptyComplaintInput('feedback_book', now);
    await expect(submitEntry(db, entry.id, { kind: 'new', input: invalid }, s, OLGA, now)).rejects.toThrow();
    expect((await db.bookEntries.get(entry.id))?.state).toBe('capturing');
    expect(await db.complaints.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
  });

  // Issue 4 review: the fallback is offered on the capture screen too, before the entry is saved.
  it('an entry not saved yet can go out as the .eml fallback, which is recorded and queued', async () => {
    await initI18n('ru');
    const db = openDb();
    const withDirectory = settings(1, {
      managerName: 'Ирина Смирнова',
      managerEmail: 'manager@example.ru',
      headOfSalesEmail: 'sales@example.ru',
    });
    const { entry } = await addPage(db, null, await page(1), withDirectory, OLGA, now);
    await addPage(db, entry.id, await page(2), withDirectory, OLGA, now);
    const eml = await buildFallbackEml(db, entry, withDirectory, now);
    expect(eml.filename).toBe(`${entry.id}.eml`);
    expect(eml.pages).toHaveLength(2);
    expect(eml.content).toMatch(/^To: .*manager@example\.ru/m);
    expect(eml.content).toMatch(/^Cc: .*sales@example\.ru/m);
    await recordFallback(db, entry.id, eml.pages, OLGA, now);
    const saved = await db.bookEntries.get(entry.id);
    expect(saved?.state).toBe('capturing');
    expect(saved?.fallbacks.map((f) => f.by)).toEqual(['Ольга Иванова']);
    const ops = await db.outbox.toArray();
    expect(ops.map((o) => o.type)).toEqual(['book.page.add', 'book.page.add', 'book.entry.fallback']);
    for (const op of ops) expect(() => parseOperationPayload(op.type, op.payload)).not.toThrow();
  });

  // Issue 17: the branch's language need not be the screen's, and its catalogue loads when first needed.
  it("words the .eml in the branch's language when the screen is in another, loading it first", async () => {
    await initI18n('ru');
    expect(i18next.hasResourceBundle('cs', 'mail')).toBe(false);
    const db = openDb();
    const directory = { managerEmail: 'manager@example.cz', headOfSalesEmail: 'sales@example.cz' };
    const { entry } = await addPage(db, null, await page(1), settings(1, directory), OLGA, now);
    const subject = (eml: string) => /^Subject: (.*)$/m.exec(eml)?.[1];
    const inRussian = await buildFallbackEml(db, entry, settings(1, directory), now);
    const inCzech = await buildFallbackEml(db, entry, settings(1, { ...directory, language: 'cs' }), now);
    expect(i18next.hasResourceBundle('cs', 'mail')).toBe(true);
    expect(subject(inCzech.content)).toBeDefined();
    expect(subject(inCzech.content)).not.toBe(subject(inRussian.content));
    expect(i18next.language).toBe('ru');
  });

  it('refuses with LanguageUnavailable rather than word the .eml in another language', async () => {
    await initI18n('ru');
    const db = openDb();
    const directory = { managerEmail: 'manager@example.cz', headOfSalesEmail: 'sales@example.cz' };
    const { entry } = await addPage(db, null, await page(1), settings(1, directory), OLGA, now);
    const unknown = settings(1, { ...directory, language: 'xx' as never });
    await expect(buildFallbackEml(db, entry, unknown, now)).rejects.toBeInstanceOf(LanguageUnavailable);
  });

  it('without the manager in the directory the fallback refuses with DirectoryIncomplete', async () => {
    const db = openDb();
    const { entry } = await addPage(db, null, await page(1), s, OLGA, now);
    await expect(buildFallbackEml(db, entry, s, now)).rejects.toBeInstanceOf(DirectoryIncomplete);
  });
});

import { v7 as uuidv7 } from 'uuid';
import {
  MAX_PAGES_PER_ENTRY,
  livePages,
  type BookEntry,
  type BookPage,
  type FallbackRecord,
  type PageSource,
} from '../../shared/book/model';
import type { ComplaintEvent, ComplaintInput } from '../../shared/complaints/model';
import { bookPhotoDeadline } from '../../shared/deadlines';
import { branchCalendarOf, type WorkstationSettings } from '../../shared/settings/workstation';
import type { OtklikDatabase } from '../db/database';
import type { Signer } from '../db/employees';
import { actionTables, enqueue } from '../db/outbox';
import { addPhoto, deletePhoto, restoreBytes, storedPhotoBlob } from '../db/photoBytes';
import { appendEvent, registerComplaint } from '../complaints';
import type { ProcessedImage } from './imaging';

/**
 * Feedback-book actions (R6, R7). Each is one transaction: the image, its page, the entry and the outbox
 * operation are saved together or not at all, so a photo the employee saw taken is never lost and never
 * unknown to the queue. `signer` is the signed-in employee they are recorded under (issue 14).
 */

function bookTables(db: OtklikDatabase) {
  return [...actionTables(db), db.bookEntries, db.bookPages, db.photos, db.photoBytes];
}

/** The same image is already a page (of this or another entry). */
export class DuplicatePage extends Error {
  constructor(
    readonly entryId: string,
    readonly pageNo: number,
  ) {
    super(`Already page ${pageNo} of entry ${entryId}`);
  }
}

export class EntryFull extends Error {
  constructor() {
    super(`An entry has at most ${MAX_PAGES_PER_ENTRY} pages`);
  }
}

/** The entry was submitted meanwhile (e.g. in another window): its pages are final. */
export class EntryClosed extends Error {
  constructor(readonly entryId: string) {
    super(`Entry ${entryId} is already submitted`);
  }
}

export interface NewPage {
  image: ProcessedImage;
  source: PageSource;
  originalName?: string;
}

async function entryPages(db: OtklikDatabase, entryId: string): Promise<BookPage[]> {
  return livePages(await db.bookPages.where('entryId').equals(entryId).toArray());
}

async function openEntry(db: OtklikDatabase, entryId: string): Promise<BookEntry> {
  const entry = await db.bookEntries.get(entryId);
  if (!entry) throw new Error(`No feedback-book entry ${entryId}`);
  if (entry.state !== 'capturing') throw new EntryClosed(entryId);
  return entry;
}

async function findDuplicate(db: OtklikDatabase, image: ProcessedImage): Promise<BookPage | undefined> {
  const same = [
    ...(await db.bookPages.where('sourceSha256').equals(image.sourceSha256).toArray()),
    ...(await db.bookPages.where('sha256').equals(image.sha256).toArray()),
  ];
  return same.find((p) => !p.removedAt);
}

/** Writes the page, its image and its outbox operation; inside the caller's transaction. */
async function writePage(
  db: OtklikDatabase,
  entry: BookEntry,
  pageNo: number,
  page: NewPage,
  signer: Signer,
  now: Date,
): Promise<BookPage> {
  const at = now.toISOString();
  const row: BookPage = {
    id: uuidv7(),
    entryId: entry.id,
    pageNo,
    sha256: page.image.sha256,
    sourceSha256: page.image.sourceSha256,
    mime: page.image.mime,
    size: page.image.blob.size,
    width: page.image.width,
    height: page.image.height,
    source: page.source,
    ...(page.originalName ? { originalName: page.originalName.slice(0, 255) } : {}),
    capturedAt: at,
    capturedBy: signer.name,
  };
  await db.bookPages.add(row);
  const stored = await db.photos.get(row.sha256);
  if (stored) await restoreBytes(db, stored, page.image.blob);
  else
    await addPhoto(
      db,
      { sha256: row.sha256, mime: row.mime, size: row.size, createdAt: at, uploadState: 'pending' },
      page.image.blob,
    );
  await db.bookEntries.update(entry.id, { updatedAt: at });
  await enqueue(db, 'book.page.add', { entry: entryHeader(entry), page: row }, now);
  return row;
}

function entryHeader(e: BookEntry) {
  return {
    id: e.id,
    branchCode: e.branchCode,
    capturedAt: e.capturedAt,
    capturedBy: e.capturedBy,
    deadline: e.deadline,
  };
}

/**
 * R6: adds a photographed or imported page. Without `entryId` a new entry starts, and with it R7's clock:
 * the deadline is 11:00 of the next working day after this moment, in the branch's calendar.
 */
export async function addPage(
  db: OtklikDatabase,
  entryId: string | null,
  page: NewPage,
  settings: WorkstationSettings,
  signer: Signer,
  now = new Date(),
): Promise<{ entry: BookEntry; page: BookPage }> {
  return db.transaction('rw', bookTables(db), async () => {
    const duplicate = await findDuplicate(db, page.image);
    if (duplicate) throw new DuplicatePage(duplicate.entryId, duplicate.pageNo);
    let entry: BookEntry;
    if (entryId) {
      entry = await openEntry(db, entryId);
    } else {
      const at = now.toISOString();
      entry = {
        id: uuidv7(),
        branchCode: settings.branchCode,
        state: 'capturing',
        capturedAt: at,
        capturedBy: signer.name,
        deadline: bookPhotoDeadline(now, branchCalendarOf(settings)).toISOString(),
        pageHashes: [],
        fallbacks: [],
        updatedAt: at,
      };
      await db.bookEntries.add(entry);
    }
    const pages = await entryPages(db, entry.id);
    if (pages.length >= MAX_PAGES_PER_ENTRY) throw new EntryFull();
    const row = await writePage(db, entry, pages.length + 1, page, signer, now);
    return { entry, page: row };
  });
}

/** Marks a page removed and renumbers the rest; queues the removal. Inside the caller's transaction. */
async function dropPage(db: OtklikDatabase, page: BookPage, signer: Signer, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.bookPages.update(page.id, { removedAt: at });
  // An image nobody references any more and HQ never got (still pending, or refused for good) need not travel
  // or stay at all.
  const stillUsed = (await db.bookPages.where('sha256').equals(page.sha256).toArray()).some(
    (p) => p.id !== page.id && !p.removedAt,
  );
  const photo = await db.photos.get(page.sha256);
  // The same bytes attached to a complaint (issue 15) stay: the attachment needs them.
  if (!stillUsed && photo && photo.uploadState !== 'uploaded' && photo.use !== 'attachment')
    await deletePhoto(db, page.sha256);
  await enqueue(db, 'book.page.remove', { entryId: page.entryId, pageId: page.id, at, by: signer.name }, now);
}

async function renumber(db: OtklikDatabase, entryId: string, order: BookPage[]): Promise<void> {
  for (const [i, p] of order.entries()) {
    if (p.pageNo !== i + 1) await db.bookPages.update(p.id, { pageNo: i + 1 });
  }
  await db.bookEntries.update(entryId, { updatedAt: new Date().toISOString() });
}

export async function removePage(
  db: OtklikDatabase,
  pageId: string,
  signer: Signer,
  now = new Date(),
): Promise<void> {
  await db.transaction('rw', bookTables(db), async () => {
    const page = await db.bookPages.get(pageId);
    if (!page || page.removedAt) return;
    await openEntry(db, page.entryId);
    await dropPage(db, page, signer, now);
    await renumber(
      db,
      page.entryId,
      (await entryPages(db, page.entryId)).filter((p) => p.id !== pageId),
    );
  });
}

/** Retake or rotation: the new image takes the old page's place. */
export async function replacePage(
  db: OtklikDatabase,
  pageId: string,
  page: NewPage,
  signer: Signer,
  now = new Date(),
): Promise<BookPage> {
  return db.transaction('rw', bookTables(db), async () => {
    const old = await db.bookPages.get(pageId);
    if (!old || old.removedAt) throw new Error(`No page ${pageId}`);
    const entry = await openEntry(db, old.entryId);
    const duplicate = await findDuplicate(db, page.image);
    if (duplicate && duplicate.id !== old.id) throw new DuplicatePage(duplicate.entryId, duplicate.pageNo);
    await dropPage(db, old, signer, now);
    return writePage(db, entry, old.pageNo, page, signer, now);
  });
}

/** Reorders pages while capturing; the final order travels with the submission. */
export async function movePage(db: OtklikDatabase, pageId: string, delta: -1 | 1): Promise<void> {
  await db.transaction('rw', [db.bookEntries, db.bookPages], async () => {
    const page = await db.bookPages.get(pageId);
    if (!page) return;
    await openEntry(db, page.entryId);
    const pages = await entryPages(db, page.entryId);
    const i = pages.findIndex((p) => p.id === pageId);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= pages.length) return;
    [pages[i], pages[j]] = [pages[j]!, pages[i]!];
    await renumber(db, page.entryId, pages);
  });
}

export type ComplaintLink =
  { kind: 'new'; input: ComplaintInput } | { kind: 'existing'; complaintId: string };

/**
 * R6/R7: the entry is complete. In one transaction: the complaint is registered (or found), the entry is
 * linked in its history, the page order is fixed, and HQ is asked to mail it.
 */
export async function submitEntry(
  db: OtklikDatabase,
  entryId: string,
  link: ComplaintLink,
  settings: WorkstationSettings,
  signer: Signer,
  now = new Date(),
): Promise<BookEntry> {
  return db.transaction('rw', bookTables(db), async () => {
    const entry = await openEntry(db, entryId);
    const pages = await entryPages(db, entryId);
    if (pages.length === 0) throw new Error('An entry needs at least one page');
    const complaint =
      link.kind === 'new'
        ? await registerComplaint(db, link.input, settings, signer, now, { keepDraft: true })
        : await db.complaints.get(link.complaintId);
    if (!complaint) throw new Error(`No complaint ${link.kind === 'existing' ? link.complaintId : ''}`);
    const at = now.toISOString();
    const event: ComplaintEvent = {
      id: uuidv7(),
      complaintId: complaint.id,
      type: 'book_entry_linked',
      at,
      actor: signer.name,
      actorId: signer.id,
      data: { entryId, pages: pages.length },
    };
    await appendEvent(db, complaint, event);
    await enqueue(db, 'complaint.event', { event }, now);
    const submitted: BookEntry = {
      ...entry,
      state: 'submitted',
      complaintId: complaint.id,
      complaintNumber: complaint.number,
      submittedAt: at,
      pageHashes: pages.map((p) => p.sha256),
      updatedAt: at,
    };
    await db.bookEntries.put(submitted);
    await enqueue(
      db,
      'book.entry.submit',
      {
        entry: {
          ...entryHeader(entry),
          complaintId: complaint.id,
          complaintNumber: complaint.number,
          submittedAt: at,
          pageHashes: submitted.pageHashes,
        },
      },
      now,
    );
    return submitted;
  });
}

/** R7 fallback: the branch produced the e-mail file itself; recorded on the entry and reported to HQ. */
export async function recordFallback(
  db: OtklikDatabase,
  entryId: string,
  pages: string[],
  signer: Signer,
  now = new Date(),
): Promise<FallbackRecord> {
  return db.transaction('rw', bookTables(db), async () => {
    const entry = await db.bookEntries.get(entryId);
    if (!entry) throw new Error(`No feedback-book entry ${entryId}`);
    const record: FallbackRecord = { at: now.toISOString(), by: signer.name, pages };
    await db.bookEntries.update(entryId, {
      fallbacks: [...entry.fallbacks, record],
      updatedAt: record.at,
    });
    await enqueue(db, 'book.entry.fallback', { entryId, ...record }, now);
    return record;
  });
}

/** Pages of an entry in order, each with its image. */
export async function pagesWithImages(
  db: OtklikDatabase,
  entryId: string,
): Promise<Array<BookPage & { blob: Blob | undefined }>> {
  return db.transaction('r', db.bookPages, db.photos, db.photoBytes, async () => {
    const pages = await entryPages(db, entryId);
    const blobs = await Promise.all(pages.map((p) => storedPhotoBlob(db, p.sha256)));
    return pages.map((p, i) => ({ ...p, blob: blobs[i] }));
  });
}

import { Dexie } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { livePages, type BookEntry, type BookPage } from '../../shared/book/model';
import { entryOffline, entryRisk, type EntryRisk, type HqReach } from '../../shared/book/risk';
import { branchCalendarOf, officeHoursOf, type WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import type { OtklikDatabase } from '../db/database';

export interface EntrySummary {
  entry: BookEntry;
  pages: number;
  /** Pages whose image HQ has not confirmed yet. */
  photosPending: number;
  /** Pages whose image HQ refused for good (too large, damaged): retake or send the e-mail file. */
  photosRefused: number;
}

/** Entries HQ has not reported sent, nearest deadline first: what can be at risk (R7, R11). */
export function useOpenEntries(): EntrySummary[] | undefined {
  const db = useDb();
  return useLiveQuery(() => openEntrySummaries(db), [db]);
}

export async function openEntrySummaries(db: OtklikDatabase): Promise<EntrySummary[]> {
  return summaries(db, await openEntries(db));
}

/**
 * The Feedback book screen's entries: every one not delivered yet, then the `limit` delivered most
 * recently due (latest deadline first), each read from the `[delivered+deadline]` index, never all years.
 */
export function useEntries(limit: number): EntryList | undefined {
  const db = useDb();
  return useLiveQuery(() => listEntries(db, limit), [db, limit]);
}

export interface EntryList {
  entries: EntrySummary[];
  /** More delivered entries than `limit`. */
  more: boolean;
}

export async function listEntries(db: OtklikDatabase, limit: number): Promise<EntryList> {
  const [open, delivered] = await Promise.all([
    openEntries(db),
    db.bookEntries
      .where('[delivered+deadline]')
      .between([1, Dexie.minKey], [1, Dexie.maxKey])
      .reverse()
      .limit(limit + 1)
      .toArray(),
  ]);
  return {
    entries: await summaries(db, [...open, ...delivered.slice(0, limit)]),
    more: delivered.length > limit,
  };
}

/**
 * Not delivered yet: every entry still being captured (by its state: it cannot have been sent) and the
 * submitted ones HQ has not reported sent; nearest deadline first.
 */
async function openEntries(db: OtklikDatabase): Promise<BookEntry[]> {
  const [capturing, waiting] = await Promise.all([
    db.bookEntries.where('state').equals('capturing').toArray(),
    db.bookEntries.where('[delivered+deadline]').between([0, Dexie.minKey], [0, Dexie.maxKey]).toArray(),
  ]);
  const byId = new Map([...capturing, ...waiting].map((e) => [e.id, e]));
  return [...byId.values()].sort((a, b) => a.deadline.localeCompare(b.deadline));
}

/** Page and photo counts of the given entries only, each from an index. */
async function summaries(db: OtklikDatabase, entries: BookEntry[]): Promise<EntrySummary[]> {
  const [pages, pending, refused] = await Promise.all([
    db.bookPages
      .where('entryId')
      .anyOf(entries.map((e) => e.id))
      .toArray(),
    db.photos.where('uploadState').equals('pending').primaryKeys(),
    db.photos.where('uploadState').equals('refused').primaryKeys(),
  ]);
  const pendingSet = new Set(pending);
  const refusedSet = new Set(refused);
  const byEntry = new Map<string, BookPage[]>();
  for (const p of pages) byEntry.set(p.entryId, [...(byEntry.get(p.entryId) ?? []), p]);
  return (
    entries
      .map((entry) => {
        const own = livePages(byEntry.get(entry.id) ?? []);
        return {
          entry,
          pages: own.length,
          photosPending: own.filter((p) => pendingSet.has(p.sha256)).length,
          photosRefused: own.filter((p) => refusedSet.has(p.sha256)).length,
        };
      })
      // An entry whose every page was deleted before it was saved is nothing to send.
      .filter((e) => e.entry.state === 'submitted' || e.pages > 0)
  );
}

/** An entry and its pages; undefined while loading (a previous id's answer is never returned for this one). */
export function useEntry(id: string): { entry: BookEntry | null; pages: BookPage[] } | undefined {
  const db = useDb();
  const data = useLiveQuery(async () => {
    const entry = (await db.bookEntries.get(id)) ?? null;
    const pages = livePages(await db.bookPages.where('entryId').equals(id).toArray());
    return { id, entry, pages };
  }, [db, id]);
  return data?.id === id ? data : undefined;
}

export function riskOf(
  entry: BookEntry,
  settings: WorkstationSettings,
  now: Date,
  reach: HqReach,
  /** Pages of the entry whose photo HQ refused for good. */
  photosRefused = 0,
): EntryRisk {
  return entryRisk(
    {
      deadline: new Date(entry.deadline),
      deliveredAt: entry.delivery ? new Date(entry.delivery.sentAt) : undefined,
      now,
      ...entryOffline(reach, new Date(entry.capturedAt)),
      hqCannotSend: !entry.delivery && (entry.mail?.state === 'failed' || entry.mail?.state === 'no_manager'),
      photosRefused: photosRefused > 0,
    },
    branchCalendarOf(settings),
    {
      warnWorkingHours: settings.bookWarnHours,
      offlineWarnMinutes: settings.offlineWarnMinutes,
      officeHours: officeHoursOf(settings),
    },
  );
}

/**
 * Where these pages' images stand at HQ: all confirmed (false while any is pending or unknown), and how many
 * HQ refused for good.
 */
export function usePhotosAtHq(pages: BookPage[]): { all: boolean; refused: number } {
  const db = useDb();
  const key = pages.map((p) => p.sha256).join(',');
  return (
    useLiveQuery(async () => {
      if (pages.length === 0) return { all: false, refused: 0 };
      const rows = await db.photos.bulkGet(pages.map((p) => p.sha256));
      return {
        all: rows.every((r) => r?.uploadState === 'uploaded'),
        refused: rows.filter((r) => r?.uploadState === 'refused').length,
      };
      // `key` stands for the pages' hashes.
    }, [db, key]) ?? { all: false, refused: 0 }
  );
}

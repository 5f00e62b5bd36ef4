import { useLiveQuery } from 'dexie-react-hooks';
import { livePages, type BookEntry, type BookPage } from '../../shared/book/model';
import { entryOffline, entryRisk, type EntryRisk, type HqReach } from '../../shared/book/risk';
import { branchCalendarOf, officeHoursOf, type WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';

export interface EntrySummary {
  entry: BookEntry;
  pages: number;
  /** Pages whose image HQ has not confirmed yet. */
  photosPending: number;
  /** Pages whose image HQ refused for good (too large, damaged): retake or send the e-mail file. */
  photosRefused: number;
}

export function useEntries(): EntrySummary[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const [entries, pages, pending, refused] = await Promise.all([
      db.bookEntries.toArray(),
      db.bookPages.toArray(),
      db.photos.where('uploadState').equals('pending').primaryKeys(),
      db.photos.where('uploadState').equals('refused').primaryKeys(),
    ]);
    const pendingSet = new Set(pending);
    const refusedSet = new Set(refused);
    return (
      entries
        .map((entry) => {
          const own = livePages(pages.filter((p) => p.entryId === entry.id));
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
  }, [db]);
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

import { useCallback, useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { OtklikDatabase } from '../db/database';
import { useDb } from '../db/context';
import { refreshDueKeys, storedSettings, type StoredComplaint } from '../db/listKeys';
import {
  cursorOf,
  hasComplaints,
  listComplaintPages,
  urgencyCounts,
  type ComplaintFilter,
  type ListCursor,
  type Register,
} from './queries';

export const PAGE_SIZE = 50;

export type ListFilter = Omit<ComplaintFilter, 'limit' | 'now' | 'after' | 'through'>;

export interface ComplaintList {
  rows: StoredComplaint[];
  more: boolean;
  /** No complaint at all on this workstation (not just none matching). */
  none: boolean;
  loadMore: () => void;
}

/**
 * The complaint list, page by page with keyset paging: each page shown keeps the row it ended at, so a
 * complaint registered or changed meanwhile lands in its place and no row is skipped or shown twice; the
 * pages stay live (a sync or another window's change appears without a reload). Undefined until the
 * first page is read.
 */
export function useComplaintList(filter: ListFilter, now: Date): ComplaintList | undefined {
  const db = useDb();
  const key = JSON.stringify(filter);
  const [ends, setEnds] = useState<{ key: string; cursors: ListCursor[] }>({ key, cursors: [] });
  const cursors = ends.key === key ? ends.cursors : NO_CURSORS;
  // Only an urgency filter depends on the time; the others are not re-read when the clock ticks.
  const at = filter.urgency ? now : undefined;
  const data = useLiveQuery(async () => {
    const page = await listComplaintPages(db, { ...filter, now: at, limit: PAGE_SIZE }, cursors);
    const none = page.rows.length === 0 && !(await hasComplaints(db));
    return { key, cursors, ...page, none };
    // `key` stands for the filter.
  }, [db, key, cursors, at]);
  const loadMore = useCallback(() => {
    const last = data?.rows.at(-1);
    // Only from the pages of this filter as they are now: a page still being read is not asked twice.
    if (!data?.more || !last || data.key !== key || data.cursors !== cursors) return;
    setEnds({ key, cursors: [...cursors, cursorOf(last)] });
  }, [data, cursors, key]);
  // While another filter's rows are read, the previous ones stay on screen (no blank flash while typing).
  return data && { rows: data.rows, more: data.more, none: data.none, loadMore };
}

const NO_CURSORS: ListCursor[] = [];

/** R11: overdue and due-soon counts of a register at `now`, from the urgency indexes. */
export function useUrgencyCounts(register: Register, now: Date) {
  const db = useDb();
  return useLiveQuery(() => urgencyCounts(db, register, now), [db, register, now]);
}

let checkedThisSession = false;
/** Long enough after the first rows for the start-up work (sync, banners) and the first keys typed. */
const CHECK_DELAY_MS = 3_000;

/**
 * Once per start, a while after the list is on screen (`shown`): recompute the urgency keys of the open
 * complaints and fix any that differ. A new app version may have moved a deadline (calendar data, rules);
 * everything else that moves one (an event, a calendar or policy change) updates the keys in its own
 * transaction. It writes, so it must not hold up the first page's read.
 */
export function useDueKeysCheck(shown: boolean): void {
  const db = useDb();
  useEffect(() => {
    if (!shown || checkedThisSession) return;
    const timer = window.setTimeout(() => {
      checkedThisSession = true;
      checkDueKeys(db).catch((err: unknown) => {
        checkedThisSession = false;
        console.warn('Urgency keys not checked; the counts may lag a new calendar', err);
      });
    }, CHECK_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [db, shown]);
}

export function checkDueKeys(db: OtklikDatabase): Promise<number> {
  return db.transaction('rw', db.complaints, db.settings, async () =>
    refreshDueKeys(db.complaints, await storedSettings(db.settings)),
  );
}

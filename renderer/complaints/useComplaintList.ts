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
 * pages stay live (a sync or another window's change appears without a reload). Undefined while loading
 * a new filter.
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
  const current = data?.key === key ? data : undefined;
  const loadMore = useCallback(() => {
    const last = current?.rows.at(-1);
    if (!current?.more || !last || current.cursors !== cursors) return;
    setEnds({ key, cursors: [...cursors, cursorOf(last)] });
  }, [current, cursors, key]);
  return current && { rows: current.rows, more: current.more, none: current.none, loadMore };
}

const NO_CURSORS: ListCursor[] = [];

/** R11: overdue and due-soon counts of a register at `now`, from the urgency indexes. */
export function useUrgencyCounts(register: Register, now: Date) {
  const db = useDb();
  return useLiveQuery(() => urgencyCounts(db, register, now), [db, register, now]);
}

let checkedThisSession = false;

/**
 * Once per start, after the list is on screen: recompute the urgency keys of the open complaints and fix
 * any that differ. A new app version may have moved a deadline (calendar data, rules); everything else that
 * moves one (an event, a calendar or policy change) already updates the keys in its own transaction.
 */
export function useDueKeysCheck(): void {
  const db = useDb();
  useEffect(() => {
    if (checkedThisSession) return;
    checkedThisSession = true;
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
    idle(() => {
      checkDueKeys(db).catch((err: unknown) => {
        checkedThisSession = false;
        console.warn('Urgency keys not checked; the counts may lag a new calendar', err);
      });
    });
  }, [db]);
}

export function checkDueKeys(db: OtklikDatabase): Promise<number> {
  return db.transaction('rw', db.complaints, db.settings, async () =>
    refreshDueKeys(db.complaints, await storedSettings(db.settings)),
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ComplaintListItem } from '../../../shared/console/protocol';
import type { ConsoleApi } from '../api/client';
import { listQuery, type RegisterFilters } from './filters';

interface Pages {
  items: ComplaintListItem[];
  nextCursor: string | undefined;
  loading: boolean;
  error: unknown;
}

/** The pages read so far, with the source, filters and reload they were read for. */
interface Read {
  api: ConsoleApi;
  filters: RegisterFilters;
  round: number;
  pages: Pages;
}

const FIRST_PAGE_LOADING: Pages = { items: [], nextCursor: undefined, loading: true, error: null };

/**
 * Keyset paging of the register: the first page for the filters, then "more" from HQ's opaque cursor. A
 * change of filters starts again and drops answers to the old ones. Until the first page for the current
 * filters comes, the state is an empty list loading: it is read from what the pages were read for, not set
 * when the request starts.
 */
export function useComplaintPages(api: ConsoleApi, filters: RegisterFilters) {
  const [read, setRead] = useState<Read | undefined>(undefined);
  const [round, setRound] = useState(0);
  // Other inputs than the last render's: the pages read so far are dropped at once, in this render, so that
  // coming back to earlier filters (a shared object, such as NO_FILTERS) never shows their old pages as read.
  const [inputs, setInputs] = useState({ api, filters, round });
  if (inputs.api !== api || inputs.filters !== filters || inputs.round !== round) {
    setInputs({ api, filters, round });
    setRead(undefined);
  }
  // Bumped by each first page, and when its filters change or the page goes: a "more" answer for older
  // filters is dropped.
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    const answered = (pages: Pages) => {
      if (mine === generation.current) setRead({ api, filters, round, pages });
    };
    api.complaints(listQuery(filters, undefined)).then(
      (page) => answered({ items: page.items, nextCursor: page.nextCursor, loading: false, error: null }),
      (error: unknown) => answered({ items: [], nextCursor: undefined, loading: false, error }),
    );
    // A counter, not a node: the answer in flight when the filters change or the page goes is dropped.
    const requests = generation;
    return () => {
      requests.current++;
    };
  }, [api, filters, round]);

  const current = read && read.api === api && read.filters === filters && read.round === round;
  const pages = current ? read.pages : FIRST_PAGE_LOADING;

  const more = useCallback(() => {
    const cursor = pages.nextCursor;
    if (!cursor) return;
    const mine = generation.current;
    const update = (change: (p: Pages) => Pages) => {
      if (mine === generation.current) setRead((r) => r && { ...r, pages: change(r.pages) });
    };
    update((p) => ({ ...p, loading: true, error: null }));
    api.complaints(listQuery(filters, cursor)).then(
      (page) =>
        update((p) => ({
          items: [...p.items, ...page.items],
          nextCursor: page.nextCursor,
          loading: false,
          error: null,
        })),
      (error: unknown) => update((p) => ({ ...p, loading: false, error })),
    );
  }, [api, filters, pages.nextCursor]);

  return {
    ...pages,
    more,
    reload: useCallback(() => setRound((r) => r + 1), []),
  };
}

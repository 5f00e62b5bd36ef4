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

/**
 * Keyset paging of the register: the first page for the filters, then "more" from HQ's opaque cursor. A
 * change of filters starts again and drops answers to the old ones.
 */
export function useComplaintPages(api: ConsoleApi, filters: RegisterFilters) {
  const [pages, setPages] = useState<Pages>({ items: [], nextCursor: undefined, loading: true, error: null });
  const generation = useRef(0);

  const fetchPage = useCallback(
    (cursor: string | undefined, append: boolean) => {
      const mine = append ? generation.current : ++generation.current;
      setPages((p) => ({ ...p, items: append ? p.items : [], loading: true, error: null }));
      api.complaints(listQuery(filters, cursor)).then(
        (page) => {
          if (mine !== generation.current) return;
          setPages((p) => ({
            items: append ? [...p.items, ...page.items] : page.items,
            nextCursor: page.nextCursor,
            loading: false,
            error: null,
          }));
        },
        (error: unknown) => {
          if (mine !== generation.current) return;
          setPages((p) => ({ ...p, loading: false, error }));
        },
      );
    },
    [api, filters],
  );

  useEffect(() => {
    fetchPage(undefined, false);
    // A counter, not a node: the answer in flight when the filters change or the page goes is dropped.
    const requests = generation;
    return () => {
      requests.current++;
    };
  }, [fetchPage]);

  return {
    ...pages,
    more: () => pages.nextCursor && fetchPage(pages.nextCursor, true),
    reload: () => fetchPage(undefined, false),
  };
}

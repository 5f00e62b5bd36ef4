import { act, createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { ComplaintList, ComplaintListItem } from '../../../../../shared/console/protocol';
import type { ConsoleApi } from '../../../../../renderer/console/api/client';
import { NO_FILTERS, type RegisterFilters } from '../../../../../renderer/console/register/filters';
import { useComplaintPages } from '../../../../../renderer/console/register/usePages';
import { withAct } from '../../fixtures';

// The console's register (issue 14, issue 17: keyset paging) in a real Chromium with React: the first page
// for the filters, "more" from HQ's cursor, and answers to older filters dropped.

const screen = withAct();

/** A request to HQ's register whose answer the test gives. */
interface Pending {
  query: URLSearchParams;
  resolve(list: ComplaintList): void;
  reject(error: unknown): void;
}

/** Rows as HQ lists them; only the number is looked at here. */
const rows = (...numbers: string[]) => numbers.map((number) => ({ number }) as ComplaintListItem);
const page = (numbers: string[], nextCursor?: string): ComplaintList =>
  ({ items: rows(...numbers), ...(nextCursor ? { nextCursor } : {}) }) as ComplaintList;

function mount() {
  const requests: Pending[] = [];
  const api = {
    complaints: (query: URLSearchParams) =>
      new Promise<ComplaintList>((resolve, reject) => requests.push({ query, resolve, reject })),
  } as unknown as ConsoleApi;
  const seen: { last?: ReturnType<typeof useComplaintPages> } = {};
  function Harness({ filters }: { filters: RegisterFilters }) {
    seen.last = useComplaintPages(api, filters);
    return null;
  }
  const { root } = screen.mount();
  return {
    requests,
    render: (filters: RegisterFilters) => act(() => root.render(createElement(Harness, { filters }))),
    shown: () => ({
      numbers: seen.last!.items.map((i) => i.number),
      nextCursor: seen.last!.nextCursor,
      loading: seen.last!.loading,
      error: seen.last!.error,
    }),
    more: () => act(() => seen.last!.more()),
    reload: () => act(() => seen.last!.reload()),
  };
}

const OPEN: RegisterFilters = { ...NO_FILTERS, status: 'registered' };

describe('useComplaintPages', () => {
  it('the first page, then more from the cursor HQ gave', async () => {
    const h = mount();
    h.render(NO_FILTERS);
    expect(h.shown()).toEqual({ numbers: [], nextCursor: undefined, loading: true, error: null });
    expect(h.requests[0]!.query.get('cursor')).toBeNull();
    await act(async () => h.requests[0]!.resolve(page(['1', '2'], 'c2')));
    expect(h.shown()).toEqual({ numbers: ['1', '2'], nextCursor: 'c2', loading: false, error: null });
    h.more();
    expect(h.shown()).toMatchObject({ numbers: ['1', '2'], loading: true });
    expect(h.requests[1]!.query.get('cursor')).toBe('c2');
    await act(async () => h.requests[1]!.resolve(page(['3'])));
    expect(h.shown()).toEqual({
      numbers: ['1', '2', '3'],
      nextCursor: undefined,
      loading: false,
      error: null,
    });
  });

  it('other filters start again; a "more" answer for the old ones is dropped', async () => {
    const h = mount();
    h.render(NO_FILTERS);
    await act(async () => h.requests[0]!.resolve(page(['1', '2'], 'c2')));
    h.more();
    h.render(OPEN);
    expect(h.shown()).toEqual({ numbers: [], nextCursor: undefined, loading: true, error: null });
    expect(h.requests[2]!.query.get('status')).toBe('registered');
    await act(async () => h.requests[1]!.resolve(page(['3'])));
    await act(async () => h.requests[2]!.resolve(page(['7'])));
    expect(h.shown()).toEqual({ numbers: ['7'], nextCursor: undefined, loading: false, error: null });
  });

  it('a "more" answer for the old filters that comes after the new first page is dropped too', async () => {
    const h = mount();
    h.render(NO_FILTERS);
    await act(async () => h.requests[0]!.resolve(page(['1', '2'], 'c2')));
    h.more();
    h.render(OPEN);
    await act(async () => h.requests[2]!.resolve(page(['7'], 'c7')));
    await act(async () => h.requests[1]!.resolve(page(['3'])));
    expect(h.shown()).toEqual({ numbers: ['7'], nextCursor: 'c7', loading: false, error: null });
  });

  it('back to earlier filters: their first page is asked for again, and their old pages are not shown', async () => {
    const h = mount();
    h.render(NO_FILTERS);
    await act(async () => h.requests[0]!.resolve(page(['1', '2'], 'c2')));
    h.more();
    await act(async () => h.requests[1]!.resolve(page(['3'], 'c3')));
    h.render(OPEN);
    h.render(NO_FILTERS);
    expect(h.shown()).toEqual({ numbers: [], nextCursor: undefined, loading: true, error: null });
    expect(h.requests.map((r) => r.query.get('status'))).toEqual([null, null, 'registered', null]);
    await act(async () => h.requests[3]!.resolve(page(['1', '2'], 'c2')));
    expect(h.shown()).toEqual({ numbers: ['1', '2'], nextCursor: 'c2', loading: false, error: null });
  });

  it('a failed first page says so with an empty list; reload asks again', async () => {
    const h = mount();
    h.render(NO_FILTERS);
    const offline = new Error('HQ unreachable');
    await act(async () => h.requests[0]!.reject(offline));
    expect(h.shown()).toEqual({ numbers: [], nextCursor: undefined, loading: false, error: offline });
    h.reload();
    expect(h.shown()).toEqual({ numbers: [], nextCursor: undefined, loading: true, error: null });
    await act(async () => h.requests[1]!.resolve(page(['1'])));
    expect(h.shown()).toEqual({ numbers: ['1'], nextCursor: undefined, loading: false, error: null });
  });

  it('a failed "more" keeps the pages read and says why', async () => {
    const h = mount();
    h.render(NO_FILTERS);
    await act(async () => h.requests[0]!.resolve(page(['1'], 'c1')));
    h.more();
    const refused = new Error('HTTP 500');
    await act(async () => h.requests[1]!.reject(refused));
    expect(h.shown()).toEqual({ numbers: ['1'], nextCursor: 'c1', loading: false, error: refused });
  });
});

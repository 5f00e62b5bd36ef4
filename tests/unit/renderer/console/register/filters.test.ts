import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  listQuery,
  NO_FILTERS,
  type RegisterFilters,
} from '../../../../../renderer/console/register/filters';
import { complaintListQuerySchema } from '../../../../../shared/console/protocol';

// Issue 14: the register's filters become the query string of GET /v1/console/complaints — checked here
// against the contract's own schema, the one HQ parses it with.

const parse = (q: URLSearchParams) => complaintListQuerySchema.parse(Object.fromEntries(q));

describe('listQuery', () => {
  it('sends only the order and the page size when nothing is chosen', () => {
    const q = listQuery(NO_FILTERS);
    expect(Object.fromEntries(q)).toEqual({ sort: 'registered', limit: '50' });
    expect(parse(q)).toMatchObject({ sort: 'registered', limit: 50 });
  });

  it('sends every filter the way HQ reads it, with the cursor of the next page', () => {
    const f: RegisterFilters = {
      branch: ' msk-01 ',
      status: 'in_review',
      channel: 'feedback_book',
      category: 'health_safety',
      severity: 'critical',
      due: 'overdue',
      escalated: 'true',
      owner: 'me',
      approval: 'pending',
      q: '  Иванов   чайник ',
      sort: 'due',
    };
    const parsed = parse(listQuery(f, 'opaque-cursor', 20));
    expect(parsed).toEqual({
      branch: ['MSK-01'],
      status: ['in_review'],
      channel: ['feedback_book'],
      category: ['health_safety'],
      severity: ['critical'],
      due: 'overdue',
      escalated: 'true',
      owner: 'me',
      approval: 'pending',
      q: 'Иванов чайник',
      sort: 'due',
      cursor: 'opaque-cursor',
      limit: 20,
    });
  });

  it('keeps a search in any of the five languages as typed (HQ normalises it)', () => {
    for (const q of ['Ёлка', 'скарга відділення', 'stížnost Nováková', '불만 지점']) {
      expect(parse(listQuery({ ...NO_FILTERS, q })).q).toBe(q);
    }
  });

  it('drops a blank search instead of sending spaces', () => {
    expect(listQuery({ ...NO_FILTERS, q: '   ' }).has('q')).toBe(false);
  });
});

describe('activeFilters', () => {
  it.each([
    [NO_FILTERS, 0],
    [{ ...NO_FILTERS, q: 'x', sort: 'due' as const }, 0],
    [{ ...NO_FILTERS, status: 'closed' as const }, 1],
    [{ ...NO_FILTERS, branch: 'MSK-01', due: 'soon' as const, owner: 'me' as const }, 3],
    [{ ...NO_FILTERS, approval: 'pending' as const }, 1],
  ])('%o narrows by %i filters', (f, n) => {
    expect(activeFilters(f)).toBe(n);
  });
});

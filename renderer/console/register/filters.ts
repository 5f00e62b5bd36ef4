import type { Category, Channel, ComplaintStatus, Severity } from '../../../shared/complaints/model';

/** The register's filters as the screen holds them: one value each ('' = any), the search text and the order. */
export interface RegisterFilters {
  branch: string;
  status: ComplaintStatus | '';
  channel: Channel | '';
  category: Category | '';
  severity: Severity | '';
  due: 'overdue' | 'soon' | 'ok' | '';
  escalated: 'true' | 'false' | '';
  owner: 'me' | '';
  /** R16: the compensation in force waits for approval. */
  approval: 'pending' | '';
  q: string;
  sort: 'registered' | 'due';
}

export const NO_FILTERS: RegisterFilters = {
  branch: '',
  status: '',
  channel: '',
  category: '',
  severity: '',
  due: '',
  escalated: '',
  owner: '',
  approval: '',
  q: '',
  sort: 'registered',
};

export const PAGE_SIZE = 50;

/**
 * The query string of GET /v1/console/complaints (shared/console/protocol complaintListQuerySchema): only
 * what is set, the search trimmed, the cursor of the next page when "more" is asked for.
 */
export function listQuery(f: RegisterFilters, cursor?: string, limit = PAGE_SIZE): URLSearchParams {
  const q = new URLSearchParams();
  const set = (key: string, value: string) => {
    if (value) q.set(key, value);
  };
  set('branch', f.branch.trim().toUpperCase());
  set('status', f.status);
  set('channel', f.channel);
  set('category', f.category);
  set('severity', f.severity);
  set('due', f.due);
  set('escalated', f.escalated);
  set('owner', f.owner);
  set('approval', f.approval);
  set('q', f.q.trim().replace(/\s+/g, ' '));
  q.set('sort', f.sort);
  if (cursor) q.set('cursor', cursor);
  q.set('limit', String(limit));
  return q;
}

/** How many filters narrow the list (the search and the order not counted). */
export function activeFilters(f: RegisterFilters): number {
  const { q: _q, sort: _sort, ...rest } = f;
  return Object.values(rest).filter((v) => v !== '').length;
}

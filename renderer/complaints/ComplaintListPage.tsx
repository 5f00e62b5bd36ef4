import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { CHANNELS, STATUSES, type Channel, type ComplaintStatus } from '../../shared/complaints/model';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { canSeeInternalRegister } from '../../shared/people/model';
import { useSignedInEmployee } from '../people';
import { useNow } from '../ui/useNow';
import type { Urgency } from './deadlines';
import type { Register } from './queries';
import { ComplaintTable } from './ComplaintTable';
import { useComplaintList, useDueKeysCheck, useUrgencyCounts, type ListFilter } from './useComplaintList';

export function ComplaintListPage({ settings }: { settings: WorkstationSettings }) {
  const { t } = useTranslation(['complaints', 'lifecycle']);
  const now = useNow();
  const [filter, setFilter] = useState<ListFilter>({
    query: '',
    status: '',
    channel: '',
    register: 'customers',
    urgency: '',
  });
  // R2, R24: only a branch manager sees the internal register; after a switch to a counter employee the
  // list is the customers' again.
  const internalAllowed = canSeeInternalRegister(useSignedInEmployee().role);
  if (!internalAllowed && filter.register === 'internal') setFilter((f) => ({ ...f, register: 'customers' }));
  // R11: overdue and soon-due complaints at a glance, counted in the urgency indexes.
  const counts = useUrgencyCounts(filter.register, now) ?? { overdue: 0, due_soon: 0 };
  const list = useComplaintList(filter, now);
  useDueKeysCheck(list !== undefined);
  const searchRef = useRef<HTMLInputElement>(null);

  // "/" puts the cursor in the search box, as in most list screens.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const change = (patch: Partial<ListFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const filtered =
    filter.query !== '' || filter.status !== '' || filter.channel !== '' || filter.urgency !== '';

  return (
    <div className="page">
      <div className="page-header">
        <h1>{filter.register === 'internal' ? t('list.titleInternal') : t('list.title')}</h1>
        <Link href="/complaints/new" className="button primary">
          {t('list.new')}
        </Link>
      </div>
      <div className="toolbar" role="search">
        <input
          ref={searchRef}
          type="search"
          className="search"
          aria-label={t('list.search')}
          placeholder={t('list.searchPlaceholder')}
          value={filter.query}
          onChange={(e) => change({ query: e.target.value })}
          onKeyDown={(e) => e.key === 'Escape' && change({ query: '' })}
          aria-keyshortcuts="/"
        />
        <select
          aria-label={t('fields.status')}
          value={filter.status}
          onChange={(e) => change({ status: e.target.value as ComplaintStatus | '' })}
        >
          <option value="">{t('list.allStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('fields.channel')}
          value={filter.channel}
          onChange={(e) => change({ channel: e.target.value as Channel | '' })}
        >
          <option value="">{t('list.allChannels')}</option>
          {CHANNELS.filter((c) => c !== 'internal').map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </select>
        {internalAllowed && (
          <select
            aria-label={t('list.register')}
            value={filter.register}
            onChange={(e) => change({ register: e.target.value as Register })}
          >
            <option value="customers">{t('list.registerCustomers')}</option>
            <option value="internal">{t('list.registerInternal')}</option>
          </select>
        )}
        <select
          aria-label={t('lifecycle:urgency.label')}
          value={filter.urgency}
          onChange={(e) => change({ urgency: e.target.value as Urgency | '' })}
        >
          <option value="">{t('lifecycle:urgency.all')}</option>
          <option value="overdue">{t('lifecycle:urgency.overdue')}</option>
          <option value="due_soon">{t('lifecycle:urgency.due_soon')}</option>
        </select>
        {filtered && (
          <button type="button" onClick={() => change({ query: '', status: '', channel: '', urgency: '' })}>
            {t('list.clearFilters')}
          </button>
        )}
      </div>

      {(counts.overdue > 0 || counts.due_soon > 0) && (
        <div className="urgency-bar" data-testid="urgency-bar">
          {counts.overdue > 0 && (
            <button
              type="button"
              className="due-chip due-state-overdue"
              data-testid="count-overdue"
              onClick={() => change({ urgency: 'overdue' })}
            >
              {t('lifecycle:urgency.overdueCount', { count: counts.overdue })}
            </button>
          )}
          {counts.due_soon > 0 && (
            <button
              type="button"
              className="due-chip due-state-due_soon"
              data-testid="count-due-soon"
              onClick={() => change({ urgency: 'due_soon' })}
            >
              {t('lifecycle:urgency.dueSoonCount', { count: counts.due_soon })}
            </button>
          )}
        </div>
      )}

      {list === undefined ? null : list.rows.length === 0 ? (
        <div className="empty-state" data-testid="list-empty">
          {list.none ? (
            <>
              <h2>{t('list.emptyTitle')}</h2>
              <p>{t('list.emptyText')}</p>
              <Link href="/complaints/new" className="button primary">
                {t('list.new')}
              </Link>
            </>
          ) : (
            <p>{t('list.nothingFound')}</p>
          )}
        </div>
      ) : (
        <ComplaintTable list={list} settings={settings} now={now} />
      )}
    </div>
  );
}

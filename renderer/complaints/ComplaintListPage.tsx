import { useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { CHANNELS, STATUSES, type Channel, type ComplaintStatus } from '../../shared/complaints/model';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { canSeeInternalRegister } from '../../shared/people/model';
import { useDb } from '../db/context';
import { useSignedInEmployee } from '../people';
import { formatDateTime } from '../i18n/format';
import { useNow } from '../ui/useNow';
import { nextDue } from '../../shared/deadlines';
import { dueMomentsOf, urgencyOf, type Urgency } from './deadlines';
import { DueCell } from './DueMoments';
import { listComplaints, openComplaints, type ComplaintFilter, type Register } from './queries';

const PAGE_SIZE = 50;

export function ComplaintListPage({ settings }: { settings: WorkstationSettings }) {
  const { t, i18n } = useTranslation(['complaints', 'lifecycle']);
  const db = useDb();
  const now = useNow();
  const [filter, setFilter] = useState<ComplaintFilter>({
    query: '',
    status: '',
    channel: '',
    register: 'customers',
    limit: PAGE_SIZE,
  });
  // R2, R24: only a branch manager sees the internal register; after a switch to a counter employee the
  // list is the customers' again.
  const internalAllowed = canSeeInternalRegister(useSignedInEmployee().role);
  if (!internalAllowed && filter.register === 'internal') setFilter((f) => ({ ...f, register: 'customers' }));
  const [urgency, setUrgency] = useState<Urgency | ''>('');
  // R11: overdue and soon-due complaints at a glance, counted over every open complaint.
  const open = useLiveQuery(() => openComplaints(db, filter.register), [db, filter.register]);
  const counts = useMemo(() => {
    const c = { overdue: 0, due_soon: 0 };
    for (const complaint of open ?? []) {
      const state = urgencyOf(complaint, settings, now);
      if (state === 'overdue' || state === 'due_soon') c[state]++;
    }
    return c;
  }, [open, settings, now]);
  const match = useMemo(
    () =>
      urgency === ''
        ? undefined
        : (c: Parameters<typeof urgencyOf>[0]) => urgencyOf(c, settings, now) === urgency,
    [urgency, settings, now],
  );
  const page = useLiveQuery(() => listComplaints(db, { ...filter, match }), [db, filter, match]);
  const total = useLiveQuery(() => db.complaints.count(), [db]);
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

  const change = (patch: Partial<ComplaintFilter>) =>
    setFilter((f) => ({ ...f, ...patch, limit: PAGE_SIZE }));
  const filtered = filter.query !== '' || filter.status !== '' || filter.channel !== '' || urgency !== '';

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
          value={urgency}
          onChange={(e) => setUrgency(e.target.value as Urgency | '')}
        >
          <option value="">{t('lifecycle:urgency.all')}</option>
          <option value="overdue">{t('lifecycle:urgency.overdue')}</option>
          <option value="due_soon">{t('lifecycle:urgency.due_soon')}</option>
        </select>
        {filtered && (
          <button
            type="button"
            onClick={() => {
              setUrgency('');
              change({ query: '', status: '', channel: '' });
            }}
          >
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
              onClick={() => setUrgency('overdue')}
            >
              {t('lifecycle:urgency.overdueCount', { count: counts.overdue })}
            </button>
          )}
          {counts.due_soon > 0 && (
            <button
              type="button"
              className="due-chip due-state-due_soon"
              data-testid="count-due-soon"
              onClick={() => setUrgency('due_soon')}
            >
              {t('lifecycle:urgency.dueSoonCount', { count: counts.due_soon })}
            </button>
          )}
        </div>
      )}

      {page === undefined ? null : page.rows.length === 0 ? (
        <div className="empty-state" data-testid="list-empty">
          {total === 0 ? (
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
        <>
          <table className="complaint-table" data-testid="complaint-list">
            <thead>
              <tr>
                <th scope="col">{t('fields.number')}</th>
                <th scope="col">{t('fields.receivedAt')}</th>
                <th scope="col">{t('fields.channel')}</th>
                <th scope="col">{t('fields.customerName')}</th>
                <th scope="col">{t('fields.description')}</th>
                <th scope="col">{t('fields.status')}</th>
                <th scope="col">{t('lifecycle:due.column')}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((c) => (
                <tr key={c.id} data-testid="complaint-row">
                  <td>
                    <Link href={`/complaints/${c.id}`} className="number">
                      {c.number}
                    </Link>
                    {c.healthAndSafety && (
                      <span className="tag tag-danger" title={t('fields.healthAndSafety')}>
                        {t('list.safety')}
                      </span>
                    )}
                  </td>
                  <td>{formatDateTime(c.receivedAt, i18n.language, settings.timeZone)}</td>
                  <td>{t(`channel.${c.channel}`)}</td>
                  <td>{c.customer.name || <span className="muted">{t('list.anonymous')}</span>}</td>
                  <td className="excerpt">{c.description}</td>
                  <td>
                    <span className={`status status-${c.status}`}>{t(`status.${c.status}`)}</span>
                  </td>
                  <td>
                    <DueCell moment={nextDue(dueMomentsOf(c, settings, now))} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted list-footer">
            {t('list.shown', { count: page.rows.length })}
            {page.more && (
              <button type="button" onClick={() => setFilter((f) => ({ ...f, limit: f.limit + PAGE_SIZE }))}>
                {t('list.showMore')}
              </button>
            )}
          </p>
        </>
      )}
    </div>
  );
}

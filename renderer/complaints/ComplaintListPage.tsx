import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { CHANNELS, STATUSES, type Channel, type ComplaintStatus } from '../../shared/complaints/model';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { formatDateTime } from '../i18n/format';
import { listComplaints, type ComplaintFilter, type Register } from './queries';

const PAGE_SIZE = 50;

export function ComplaintListPage({ settings }: { settings: WorkstationSettings }) {
  const { t, i18n } = useTranslation('complaints');
  const db = useDb();
  const [filter, setFilter] = useState<ComplaintFilter>({
    query: '',
    status: '',
    channel: '',
    register: 'customers',
    limit: PAGE_SIZE,
  });
  const page = useLiveQuery(() => listComplaints(db, filter), [db, filter]);
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
  const filtered = filter.query !== '' || filter.status !== '' || filter.channel !== '';

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
        <select
          aria-label={t('list.register')}
          value={filter.register}
          onChange={(e) => change({ register: e.target.value as Register })}
        >
          <option value="customers">{t('list.registerCustomers')}</option>
          <option value="internal">{t('list.registerInternal')}</option>
        </select>
        {filtered && (
          <button type="button" onClick={() => change({ query: '', status: '', channel: '' })}>
            {t('list.clearFilters')}
          </button>
        )}
      </div>

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

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import type { StoredComplaint } from '../db/listKeys';
import { formatDateTime } from '../i18n/format';
import { nextDue } from '../../shared/deadlines';
import { dueMomentsOf } from './deadlines';
import { DueCell } from './DueMoments';
import type { ComplaintList } from './useComplaintList';
import { CallbackTag } from './handling/ListBadges';

/** A row's height before it is measured (one line of text with its padding). */
const ROW_ESTIMATE = 41;
const OVERSCAN = 8;

/**
 * The complaint list as a table that renders only the rows near the window's view (issue 17, R26): the
 * page scrolls as before, spacer rows keep its height, and the next page is read when its last rows come
 * into view (or with "Show more").
 */
export function ComplaintTable({
  list,
  settings,
  now,
}: {
  list: ComplaintList;
  settings: WorkstationSettings;
  now: Date;
}) {
  const { t } = useTranslation(['complaints', 'lifecycle']);
  const body = useRef<HTMLTableSectionElement>(null);
  // Where the rows start in the document (what scrolls past before the first row does); it moves when a
  // banner or the urgency bar above appears, which also resizes the body.
  const [margin, setMargin] = useState(0);
  useLayoutEffect(() => {
    const update = () => {
      const top = body.current ? body.current.getBoundingClientRect().top + window.scrollY : 0;
      setMargin((m) => (Math.abs(top - m) >= 1 ? top : m));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: list.rows.length,
    estimateSize: () => ROW_ESTIMATE,
    overscan: OVERSCAN,
    scrollMargin: margin,
    getItemKey: (i) => list.rows[i]!.id,
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    // React 19: measuring inside a render must not force a synchronous re-render.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);
  const padTop = items.length > 0 ? items[0]!.start - margin : 0;
  const padBottom = last ? Math.max(0, virtualizer.getTotalSize() - (last.end - margin)) : 0;

  const { more, loadMore } = list;
  const nearEnd = last !== undefined && last.index >= list.rows.length - OVERSCAN;
  useEffect(() => {
    if (nearEnd && more) loadMore();
  }, [nearEnd, more, loadMore]);

  return (
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
        <tbody ref={body}>
          {padTop > 0 && (
            <tr aria-hidden="true" className="spacer" style={{ height: padTop }}>
              <td colSpan={7} />
            </tr>
          )}
          {items.map((item) => (
            <ComplaintRow
              key={item.key}
              index={item.index}
              measure={virtualizer.measureElement}
              complaint={list.rows[item.index]!}
              settings={settings}
              now={now}
            />
          ))}
          {padBottom > 0 && (
            <tr aria-hidden="true" className="spacer" style={{ height: padBottom }}>
              <td colSpan={7} />
            </tr>
          )}
        </tbody>
      </table>
      <p className="muted list-footer">
        {t('list.shown', { count: list.rows.length })}
        {more && (
          <button type="button" onClick={loadMore}>
            {t('list.showMore')}
          </button>
        )}
      </p>
    </>
  );
}

function ComplaintRow({
  complaint: c,
  index,
  measure,
  settings,
  now,
}: {
  complaint: StoredComplaint;
  index: number;
  measure: (node: Element | null) => void;
  settings: WorkstationSettings;
  now: Date;
}) {
  const { t, i18n } = useTranslation(['complaints', 'lifecycle']);
  return (
    <tr data-testid="complaint-row" data-index={index} ref={measure}>
      <td>
        <Link href={`/complaints/${c.id}`} className="number">
          {c.number}
        </Link>
        {c.healthAndSafety && (
          <span className="tag tag-danger" title={t('fields.healthAndSafety')}>
            {t('list.safety')}
          </span>
        )}{' '}
        <CallbackTag complaint={c} now={now} timeZone={settings.timeZone} />
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
  );
}

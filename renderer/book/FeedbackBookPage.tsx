import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { compareByUrgency } from '../../shared/book/risk';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { formatDateTime } from '../i18n/format';
import { useNow } from '../ui/useNow';
import { BookDeadline } from './BookDeadline';
import { useHqReach } from './connectivity';
import { riskOf, useEntries } from './queries';

/** Delivered entries shown at first and added by "Show more"; every undelivered one is always shown. */
const PAGE_SIZE = 50;

/** R6–R8: every feedback-book entry, the most urgent first, with its 11:00 countdown. */
export function FeedbackBookPage({ settings }: { settings: WorkstationSettings }) {
  const { t, i18n } = useTranslation(['book', 'complaints']);
  const [, navigate] = useLocation();
  const [limit, setLimit] = useState(PAGE_SIZE);
  const list = useEntries(limit);
  const entries = list?.entries;
  const now = useNow(30_000);
  const reach = useHqReach();
  const rows = (entries ?? [])
    .map((e) => ({ ...e, risk: riskOf(e.entry, settings, now, reach, e.photosRefused) }))
    .sort((a, b) =>
      compareByUrgency(
        { urgency: a.risk.urgency, deadline: a.entry.deadline },
        { urgency: b.risk.urgency, deadline: b.entry.deadline },
      ),
    );
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('title')}</h1>
        <button
          type="button"
          className="primary"
          onClick={() => navigate('/book/new')}
          data-testid="book-new"
        >
          {t('newEntry')}
        </button>
      </div>
      {entries !== undefined && rows.length === 0 && (
        <div className="empty-state" data-testid="book-empty">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyText')}</p>
        </div>
      )}
      {rows.length > 0 && (
        <ul className="book-entries" data-testid="book-entries">
          {rows.map(({ entry, pages, photosPending, risk }) => (
            <li
              key={entry.id}
              className={`book-entry urgency-${risk.urgency}${entry.escalatedAt ? ' escalated' : ''}`}
              data-testid="book-entry-row"
            >
              <Link href={`/book/${entry.id}`} className="book-entry-link">
                <strong>{entry.complaintNumber ?? t('notSubmitted')}</strong>
                <span>{t('pages', { count: pages })}</span>
                <span className="muted">
                  {t('capturedAt', {
                    time: formatDateTime(entry.capturedAt, i18n.language, settings.timeZone),
                  })}
                </span>
                {photosPending > 0 && (
                  <span className="muted">{t('photosPending', { count: photosPending })}</span>
                )}
              </Link>
              <BookDeadline
                entry={entry}
                risk={risk}
                settings={settings}
                now={now}
                atHq={entry.state === 'submitted' && photosPending === 0}
              />
            </li>
          ))}
        </ul>
      )}
      {list?.more && (
        <p className="list-footer">
          <button type="button" onClick={() => setLimit((n) => n + PAGE_SIZE)} data-testid="book-more">
            {t('complaints:list.showMore')}
          </button>
        </p>
      )}
    </div>
  );
}

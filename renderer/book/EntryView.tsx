import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { BookEntry, BookPage } from '../../shared/book/model';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { formatDateTime } from '../i18n/format';
import { useNow } from '../ui/useNow';
import { BookDeadline } from './BookDeadline';
import { useHqReach } from './connectivity';
import { FallbackSection } from './FallbackSection';
import { NotConnectedNote } from './NotConnectedNote';
import { PageImage } from './PageThumb';
import { riskOf, usePhotosAtHq } from './queries';

/** A submitted entry: its pages, its deadline and delivery, and the R7 fallback. */
export function EntryView({
  entry,
  pages,
  settings,
}: {
  entry: BookEntry;
  pages: BookPage[];
  settings: WorkstationSettings;
}) {
  const { t, i18n } = useTranslation('book');
  const now = useNow(30_000);
  const reach = useHqReach();
  const photos = usePhotosAtHq(pages);
  const risk = riskOf(entry, settings, now, reach, photos.refused);
  const atHq = photos.all;
  const lng = i18n.language;

  return (
    <div className="page book-entry-view" data-testid="book-entry-view">
      <div className="page-header">
        <h1>{t('entryTitle', { number: entry.complaintNumber ?? '' })}</h1>
        <Link href="/book">{t('backToList')}</Link>
      </div>
      <BookDeadline entry={entry} risk={risk} settings={settings} now={now} atHq={atHq} />
      <NotConnectedNote reach={reach} delivered={risk.urgency === 'delivered'} />
      <dl className="facts">
        <dt>{t('capturedBy')}</dt>
        <dd>{entry.capturedBy}</dd>
        <dt>{t('capturedAtLabel')}</dt>
        <dd>{formatDateTime(entry.capturedAt, lng, settings.timeZone)}</dd>
        {entry.complaintId && (
          <>
            <dt>{t('complaint')}</dt>
            <dd>
              <Link href={`/complaints/${entry.complaintId}`}>{entry.complaintNumber}</Link>
            </dd>
          </>
        )}
      </dl>
      <FallbackSection entry={entry} risk={risk} reach={reach} settings={settings} />
      <ol className="page-thumbs large" data-testid="page-thumbs">
        {pages.map((p) => (
          <li key={p.id} data-testid="page-thumb" data-sha256={p.sha256}>
            <PageImage sha256={p.sha256} alt={t('pageN', { n: p.pageNo })} className="thumb" />
            <span>{t('pageN', { n: p.pageNo })}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

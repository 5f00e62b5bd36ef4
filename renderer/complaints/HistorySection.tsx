import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Complaint, ComplaintEvent } from '../../shared/complaints/model';
import { joinHistories } from '../../shared/handling/merge';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { formatDateTime } from '../i18n/format';
import { EventText } from '../ui/history/EventText';
import { NoteForm } from './NoteForm';
import { complaintHistory } from './queries';

/**
 * The complaint's history, oldest first (R5): on a survivor of a merge, joined in time order with the
 * history of every complaint merged into it, each of those lines marked with the number it came from.
 */
export function HistorySection({
  complaint,
  history,
  settings,
}: {
  complaint: Complaint;
  history: readonly ComplaintEvent[];
  settings: WorkstationSettings;
}) {
  const { t, i18n } = useTranslation('complaints');
  const db = useDb();
  const mergedFrom = complaint.progress.mergedFrom ?? [];
  const mergedKey = mergedFrom.map((m) => m.id).join(',');
  const merged = useLiveQuery(
    () =>
      Promise.all(
        mergedFrom.map(async (m) => ({ number: m.number, events: await complaintHistory(db, m.id) })),
      ),
    // The merged complaints are named by their ids: a new merge reads again.
    [db, mergedKey],
  );
  const lines = joinHistories({ number: complaint.number, events: history }, merged ?? []);
  return (
    <section className="history">
      <h2>{t('detail.history')}</h2>
      <ol data-testid="history">
        {lines.map((e) => (
          <li key={e.id} data-testid="history-event" data-type={e.type} data-from={e.fromNumber}>
            <time dateTime={e.at}>{formatDateTime(e.at, i18n.language, settings.timeZone)}</time>{' '}
            <strong>{e.actor}</strong>{' '}
            {e.fromNumber !== complaint.number && (
              <span className="tag" data-testid="history-from">
                {t('detail.historyFrom', { number: e.fromNumber })}
              </span>
            )}{' '}
            <EventText
              event={e}
              entryLink={(entryId) => <Link href={`/book/${entryId}`}>{t('event.openEntry')}</Link>}
            />
          </li>
        ))}
      </ol>
      <NoteForm complaintId={complaint.id} />
    </section>
  );
}

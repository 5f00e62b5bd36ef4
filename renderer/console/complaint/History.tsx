import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '../../../shared/console/protocol';
import { formatDateTime } from '../../i18n/format';
import { EventText } from '../../ui/history/EventText';

/** R12: the full history in HQ's order, each line in the past tense, with who did it, in the branch's zone. */
export function History({ events, timeZone }: { events: ComplaintDetail['history']; timeZone: string }) {
  const { t, i18n } = useTranslation('complaints');
  return (
    <section className="history" aria-labelledby="complaint-history">
      <h2 id="complaint-history">{t('detail.history')}</h2>
      <ol data-testid="history">
        {events.map((e) => (
          <li key={e.id} data-testid="history-event" data-type={e.type}>
            <time dateTime={e.at}>{formatDateTime(e.at, i18n.language, timeZone)}</time>{' '}
            <strong>{e.actor}</strong>{' '}
            <EventText
              event={e}
              entryLink={(entryId) => (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => document.getElementById(`book-${entryId}`)?.scrollIntoView()}
                >
                  {t('event.openEntry')}
                </button>
              )}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}

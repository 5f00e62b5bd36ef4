import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '../../../shared/console/protocol';
import { formatDateTime } from '../../i18n/format';
import { MailStatus } from '../MailStatus';
import { useSession } from '../session';
import { PageViewer } from './PageViewer';

type Entry = ComplaintDetail['bookEntries'][number];

/** R8: when the entry's e-mail went, to whom, its message id, on time or late — or where it stands. */
function Delivery({ entry, timeZone }: { entry: Entry; timeZone: string }) {
  const { t, i18n } = useTranslation('console');
  const when = (iso: string) => formatDateTime(iso, i18n.language, timeZone);
  const d = entry.state.delivery;
  const mail = entry.state.mail;
  return (
    <dl className="facts" data-testid="delivery">
      <div className="fact">
        <dt>{t('book.deadline')}</dt>
        <dd>{when(entry.deadline)}</dd>
      </div>
      {d ? (
        <>
          <div className="fact">
            <dt>{t('book.sentAt')}</dt>
            <dd data-testid="delivery-sent" data-on-time={d.onTime}>
              {when(d.sentAt)} · {d.onTime ? t('book.onTime') : t('book.late')}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('book.to')}</dt>
            <dd>{[d.toName, d.to.join(', ')].filter(Boolean).join(' — ')}</dd>
          </div>
          {d.cc.length > 0 && (
            <div className="fact">
              <dt>{t('book.cc')}</dt>
              <dd>{d.cc.join(', ')}</dd>
            </div>
          )}
          <div className="fact">
            <dt>{t('book.messageId')}</dt>
            <dd>
              <code>{d.messageId}</code>
            </dd>
          </div>
        </>
      ) : (
        <div className="fact">
          <dt>{t('book.mail')}</dt>
          <dd data-testid="delivery-state">
            {mail ? (
              <>
                <MailStatus mail={mail} show="state" /> · {t('book.attempts', { count: mail.attempts })}
                <div>
                  <MailStatus mail={mail} show="problem" />
                </div>
              </>
            ) : (
              t('book.notSent')
            )}
          </dd>
        </div>
      )}
      {entry.state.escalatedAt && (
        <div className="fact">
          <dt>{t('book.escalated')}</dt>
          <dd>
            {when(entry.state.escalatedAt)}
            {entry.state.escalatedTo && ` — ${entry.state.escalatedTo}`}
          </dd>
        </div>
      )}
    </dl>
  );
}

/** R6–R8: the feedback-book entries linked to the complaint, each with its pages and its e-mail. */
export function BookEntries({ entries, timeZone }: { entries: Entry[]; timeZone: string }) {
  const { t, i18n } = useTranslation('console');
  const { api } = useSession();
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="book-entries" data-testid="book-entries">
      <h2 id="book-entries">{t('book.title')}</h2>
      {entries.map((entry) => (
        <div key={entry.id} id={`book-${entry.id}`} className="book-entry" data-testid="book-entry">
          <h3>
            {t('book.entry', {
              time: formatDateTime(entry.capturedAt, i18n.language, timeZone),
              count: entry.pages.length,
            })}
          </h3>
          <Delivery entry={entry} timeZone={timeZone} />
          {entry.pages.length > 0 && <PageViewer pages={entry.pages} photoUrl={(sha) => api.photoUrl(sha)} />}
        </div>
      ))}
    </section>
  );
}

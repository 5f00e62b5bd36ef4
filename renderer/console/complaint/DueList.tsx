import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '../../../shared/console/protocol';
import { formatDate, formatDateTime, formatRelative, isEndOfDay } from '../../i18n/format';
import { useNow } from '../../ui/useNow';
import { isDueKind } from '../format';

const STATES = ['pending', 'ok', 'due_soon', 'overdue', 'done'] as const;
type State = (typeof STATES)[number];

/** HQ's state of the moment (shared/deadlines) when it sent one; otherwise kept, overdue or still open. */
export function dueStateOf(m: ComplaintDetail['due'][number], now: Date): State {
  if (m.met) return 'done';
  if (m.state && (STATES as readonly string[]).includes(m.state)) return m.state as State;
  return new Date(m.at).getTime() < now.getTime() ? 'overdue' : 'ok';
}

/**
 * R9–R11: the complaint's due moments as HQ computed them with the branch's policy and calendar, shown in
 * the branch's zone and the user's language: kept, overdue, or how long is left.
 */
export function DueList({ due, timeZone }: { due: ComplaintDetail['due']; timeZone: string }) {
  const { t, i18n } = useTranslation(['lifecycle', 'console']);
  const now = useNow();
  if (due.length === 0) return <p className="muted">{t('console:complaint.noDue')}</p>;
  return (
    <ul className="due-list" data-testid="due-moments">
      {due.map((m) => {
        const at = new Date(m.at);
        const state = dueStateOf(m, now);
        const when = isEndOfDay(at, timeZone)
          ? formatDate(at, i18n.language, timeZone)
          : formatDateTime(m.at, i18n.language, timeZone);
        return (
          <li
            key={`${m.kind}-${m.at}`}
            className={`due due-${state}`}
            data-testid={`due-${m.kind}`}
            data-state={state}
          >
            <span className="due-kind">{isDueKind(m.kind) ? t(`lifecycle:due.kind.${m.kind}`) : m.kind}</span>
            <span className="due-when">
              {state === 'pending' ? t('lifecycle:due.projected') : t('lifecycle:due.until')}{' '}
              <time dateTime={m.at}>{when}</time>
            </span>
            <span className={`due-state due-state-${state}`}>
              {state === 'done'
                ? m.doneAt
                  ? t(m.late ? 'lifecycle:due.doneLate' : 'lifecycle:due.doneOnTime', {
                      date: formatDateTime(m.doneAt, i18n.language, timeZone),
                    })
                  : t('lifecycle:due.state.done')
                : state === 'pending'
                  ? t('lifecycle:due.state.pending')
                  : `${t(`lifecycle:due.state.${state}`)} · ${formatRelative(at, now, i18n.language)}`}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

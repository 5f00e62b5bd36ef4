import { useTranslation } from 'react-i18next';
import type { DueMoment } from '../../shared/deadlines';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { formatDate, formatDateTime, formatRelative, isEndOfDay } from '../i18n/format';

/** "7 Dec 2026" for a day-based term (it ends with the day), "7 Dec 2026, 11:00" for an hour-based one. */
function DueWhen({ moment, settings }: { moment: DueMoment; settings: WorkstationSettings }) {
  const { i18n } = useTranslation();
  const tz = settings.timeZone;
  const text = isEndOfDay(moment.dueAt, tz)
    ? formatDate(moment.dueAt, i18n.language, tz)
    : formatDateTime(moment.dueAt.toISOString(), i18n.language, tz);
  return <time dateTime={moment.dueAt.toISOString()}>{text}</time>;
}

/** R9–R11 in the detail view: every promise to the customer, when it falls due and whether it was kept. */
export function DueMomentList({
  moments,
  settings,
  now,
}: {
  moments: DueMoment[];
  settings: WorkstationSettings;
  now: Date;
}) {
  const { t, i18n } = useTranslation('lifecycle');
  return (
    <ul className="due-list" data-testid="due-moments">
      {moments.map((m) => (
        <li key={m.kind} className={`due due-${m.state}`} data-testid={`due-${m.kind}`} data-state={m.state}>
          <span className="due-kind">{t(`due.kind.${m.kind}`)}</span>
          <span className="due-when">
            {m.projected ? t('due.projected') : t('due.until')} <DueWhen moment={m} settings={settings} />
          </span>
          <span className={`due-state due-state-${m.state}`}>
            {m.done && m.doneAt
              ? t(m.late ? 'due.doneLate' : 'due.doneOnTime', {
                  date: formatDateTime(m.doneAt.toISOString(), i18n.language, settings.timeZone),
                })
              : m.state === 'pending'
                ? t('due.state.pending')
                : `${t(`due.state.${m.state}`)} · ${formatRelative(m.dueAt, now, i18n.language)}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** R11 at a glance in the list: the moment that needs attention first, coloured by urgency. */
export function DueCell({ moment, now }: { moment: DueMoment | undefined; now: Date }) {
  const { t, i18n } = useTranslation('lifecycle');
  if (!moment) return <span className="muted">—</span>;
  return (
    <span
      className={`due-chip due-state-${moment.state}`}
      data-testid="due-chip"
      data-state={moment.state}
      title={t(`due.state.${moment.state}`)}
    >
      {t(`due.short.${moment.kind}`)} {formatRelative(moment.dueAt, now, i18n.language)}
    </span>
  );
}

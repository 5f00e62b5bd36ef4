import { useTranslation } from 'react-i18next';
import type { BookEntry } from '../../shared/book/model';
import type { EntryRisk } from '../../shared/book/risk';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { formatDateTime } from '../i18n/format';

interface DurationFormat {
  format(d: { days?: number; hours?: number; minutes?: number }): string;
}
type DurationFormatCtor = new (lng: string, o: { style: 'short' }) => DurationFormat;

/** "4 h 12 min" in the user's language: how long is left (or how late it is). */
export function formatCountdown(ms: number, lng: string): string {
  const total = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts = { ...(days ? { days } : {}), ...(hours ? { hours } : {}), ...(minutes ? { minutes } : {}) };
  const Ctor = (Intl as unknown as { DurationFormat?: DurationFormatCtor }).DurationFormat;
  if (Ctor) return new Ctor(lng, { style: 'short' }).format(parts);
  return `${days ? `${days}d ` : ''}${hours}:${String(minutes).padStart(2, '0')}`;
}

/** R7: the deadline of an entry with a live countdown and its state (waiting for HQ, delivered, late). */
export function BookDeadline({
  entry,
  risk,
  settings,
  now,
  atHq = false,
}: {
  entry: BookEntry;
  risk: EntryRisk;
  settings: WorkstationSettings;
  now: Date;
  /** Submitted and every photo confirmed by HQ: what remains is HQ's e-mail. */
  atHq?: boolean;
}) {
  const { t, i18n } = useTranslation('book');
  const deadline = new Date(entry.deadline);
  const lng = i18n.language;
  const left = deadline.getTime() - now.getTime();
  return (
    <div
      className={`book-deadline urgency-${risk.urgency}`}
      data-testid="book-deadline"
      data-urgency={risk.urgency}
    >
      <span className="book-deadline-when">
        {t('deadline.until')}{' '}
        <time dateTime={entry.deadline} data-testid="book-deadline-time">
          {formatDateTime(entry.deadline, lng, settings.timeZone)}
        </time>
      </span>
      <span className="book-deadline-state" data-testid="book-deadline-state">
        {risk.urgency === 'delivered' && entry.delivery
          ? t(entry.delivery.onTime ? 'state.deliveredOnTime' : 'state.deliveredLate', {
              to: entry.delivery.to.join(', '),
              time: formatDateTime(entry.delivery.sentAt, lng, settings.timeZone),
            })
          : risk.urgency === 'late'
            ? t('state.late', { time: formatCountdown(left, lng) })
            : t(atHq ? 'state.atHq' : risk.urgency === 'at_risk' ? 'state.atRisk' : 'state.waiting', {
                time: formatCountdown(left, lng),
              })}
      </span>
    </div>
  );
}

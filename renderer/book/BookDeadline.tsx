import { useTranslation } from 'react-i18next';
import type { BookEntry } from '../../shared/book/model';
import type { MailState } from '../../shared/mail/state';
import type { EntryRisk } from '../../shared/book/risk';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { localDateIn } from '../../shared/time/zoned';
import { formatDateTime, formatTime } from '../i18n/format';

interface DurationFormat {
  format(d: { days?: number; hours?: number; minutes?: number }): string;
}
type DurationFormatCtor = new (lng: string, o: { style: 'short' }) => DurationFormat;

/** "4 h 12 min" in the user's language: how long is left (or how late it is). */
function formatCountdown(ms: number, lng: string): string {
  const total = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts = { ...(days ? { days } : {}), ...(hours ? { hours } : {}), ...(minutes ? { minutes } : {}) };
  const Ctor = (Intl as unknown as { DurationFormat?: DurationFormatCtor }).DurationFormat;
  if (Ctor) return new Ctor(lng, { style: 'short' }).format(parts);
  return `${days ? `${days}d ` : ''}${hours}:${String(minutes).padStart(2, '0')}`;
}

/** A moment of today reads as its time alone ("10:12"); another day's with its date. */
function when(iso: string, now: Date, lng: string, timeZone: string): string {
  return localDateIn(new Date(iso), timeZone) === localDateIn(now, timeZone)
    ? formatTime(iso, lng, timeZone)
    : formatDateTime(iso, lng, timeZone);
}

/**
 * What HQ reported about the entry's e-mail, when it is something the branch must act on or wait out
 * (R7, R8): refused for good, no manager address at HQ, or retrying after an error.
 */
export function mailProblem(entry: Pick<BookEntry, 'delivery' | 'mail'>): MailState | null {
  if (entry.delivery || !entry.mail) return null;
  const state = entry.mail.state as MailState;
  return state === 'failed' || state === 'no_manager' || state === 'retrying' ? state : null;
}

/**
 * R7, R8, R11: the deadline of an entry with a live countdown and its state — waiting for HQ, at HQ, HQ's
 * e-mail problem in plain words (the server's own text only as a detail), delivered to whom and when — and
 * the escalation to the head of sales when there was one.
 */
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
  const zone = settings.timeZone;
  const left = deadline.getTime() - now.getTime();
  const time = formatCountdown(left, lng);
  const problem = mailProblem(entry);
  let state: string;
  if (risk.urgency === 'delivered' && entry.delivery)
    state = t(entry.delivery.onTime ? 'state.deliveredOnTime' : 'state.deliveredLate', {
      to: entry.delivery.toName || entry.delivery.to.join(', '),
      time: when(entry.delivery.sentAt, now, lng, zone),
    });
  else if (problem === 'failed') state = t('state.mailFailed');
  else if (problem === 'no_manager') state = t('state.mailNoManager');
  else if (risk.reasons.includes('photo_refused')) state = t('state.photoRefused', { time });
  else if (risk.urgency === 'late') state = t('state.late', { time });
  else if (problem === 'retrying') state = t('state.mailRetrying', { time });
  else
    state = t(atHq ? 'state.atHq' : risk.urgency === 'at_risk' ? 'state.atRisk' : 'state.waiting', { time });
  const detail = problem ? entry.mail?.lastError : undefined;
  return (
    <div
      className={`book-deadline urgency-${risk.urgency}${problem ? ` mail-${problem}` : ''}${entry.escalatedAt ? ' escalated' : ''}`}
      data-testid="book-deadline"
      data-urgency={risk.urgency}
      data-mail-state={entry.mail?.state}
      data-escalated={entry.escalatedAt ? 'true' : undefined}
    >
      <span className="book-deadline-when">
        {t('deadline.until')}{' '}
        <time dateTime={entry.deadline} data-testid="book-deadline-time">
          {formatDateTime(entry.deadline, lng, zone)}
        </time>
      </span>
      <span className="book-deadline-state" data-testid="book-deadline-state">
        {state}
      </span>
      {entry.escalatedAt && (
        <span className="book-deadline-escalated" data-testid="book-deadline-escalated">
          {entry.escalatedTo
            ? t('state.escalatedTo', { to: entry.escalatedTo, time: when(entry.escalatedAt, now, lng, zone) })
            : t('state.escalated', { time: when(entry.escalatedAt, now, lng, zone) })}
        </span>
      )}
      {detail && (
        <span className="book-deadline-detail muted" data-testid="book-deadline-detail">
          {t('state.mailDetail', { detail })}
        </span>
      )}
    </div>
  );
}

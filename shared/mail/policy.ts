import { BOOK_PHOTO_DEADLINE_HOUR } from '../deadlines/calendar';
import { toEpochDay } from '../time/local-date';
import { localDateIn, zonedParts } from '../time/zoned';

/**
 * The send-decision rules of HQ's mail outbox (R7, R8, R11), pure so that HQ's worker, its deadline watch and
 * the month-long time-travel test apply exactly the same ones with a real or a simulated clock.
 */

export type MailJobKind = 'book_entry' | 'escalation';
export type MailJobStatus = 'pending' | 'sent' | 'failed';

/** First retry after 30 s, doubling, at most 10 min apart. */
export const MAIL_RETRY_FIRST_MS = 30_000;
export const MAIL_RETRY_MAX_MS = 10 * 60_000;
/** Before the deadline a retry never waits more than half the time left (but at least this long). */
export const MAIL_RETRY_MIN_MS = 15_000;

/** When to try again after the `attempts`-th attempt failed for a passing reason. */
export function nextMailAttempt(attempts: number, now: Date, deadline: Date): Date {
  const n = Math.max(1, attempts);
  let wait = Math.min(MAIL_RETRY_FIRST_MS * 2 ** Math.min(n - 1, 20), MAIL_RETRY_MAX_MS);
  const left = deadline.getTime() - now.getTime();
  if (left > 0) wait = Math.min(wait, Math.max(MAIL_RETRY_MIN_MS, Math.floor(left / 2)));
  return new Date(now.getTime() + wait);
}

/** What an SMTP (or file) error means for the job. */
export interface SendFailure {
  /** SMTP reply code, when the server answered. */
  responseCode?: number;
  /** nodemailer's error code: ECONNECTION, ETIMEDOUT, EENVELOPE, EAUTH… */
  code?: string;
}

/**
 * Permanent: the server refused the message or a recipient for good (5xx: bad address, policy). Everything
 * else — no connection, timeouts, 4xx "try later", a full disk — passes, so it is retried.
 */
export function isPermanentFailure(f: SendFailure): boolean {
  if (f.responseCode !== undefined) return f.responseCode >= 500 && f.responseCode < 600;
  return f.code === 'EENVELOPE';
}

/** R8: on time when sent no later than the 11:00 deadline. */
export function deliveredOnTime(sentAt: Date, deadline: Date): boolean {
  return sentAt.getTime() <= deadline.getTime();
}

/** The facts the deadline watch looks at for one entry's mail job. */
export interface EscalationFacts {
  status: MailJobStatus;
  deadline: Date;
  /** An escalation was already written for this entry. */
  escalated: boolean;
}

/**
 * R11: escalate to the head of sales once per entry, when the deadline has passed and the entry is still not
 * mailed (photos missing, SMTP failing), or at once when sending has failed for good (waiting cannot help).
 */
export function escalationDue(f: EscalationFacts, now: Date): boolean {
  if (f.escalated || f.status === 'sent') return false;
  return f.status === 'failed' || now.getTime() >= f.deadline.getTime();
}

/** Message-ID of the escalation about an entry: one per entry, like the entry's own message. */
export function bookEscalationMessageId(entryId: string): string {
  return `<book-entry-escalation.${entryId}@otklik>`;
}

/** The outbox row id: one job of each kind per entry. */
export function mailJobId(kind: MailJobKind, entryId: string): string {
  return `${kind}:${entryId}`;
}

/** Pages still missing at HQ, in the entry's page order. */
export function missingPhotos(pageHashes: readonly string[], arrived: ReadonlySet<string>): string[] {
  return pageHashes.filter((h) => !arrived.has(h));
}

/** Why the last attempt did not send: the directory lacks an address, a passing error, or a refusal for good. */
export const MAIL_ERROR_KINDS = ['directory', 'transient', 'permanent'] as const;
export type MailErrorKind = (typeof MAIL_ERROR_KINDS)[number];

/**
 * Where an entry's e-mail stands, as the branch is told on pull (R7, R8): HQ waits for photos, waits for the
 * manager's address in its directory, is sending, retries after an error, gave up (refused for good), or sent.
 */
export const MAIL_STATES = ['waiting_photos', 'no_manager', 'sending', 'retrying', 'failed', 'sent'] as const;
export type MailState = (typeof MAIL_STATES)[number];

export interface MailJobFacts {
  status: MailJobStatus;
  attempts: number;
  lastErrorKind: MailErrorKind | null;
  /** Photos of the entry HQ does not have yet. */
  missingPhotos: number;
}

export function mailStateOf(f: MailJobFacts): MailState {
  if (f.status === 'sent') return 'sent';
  if (f.status === 'failed') return 'failed';
  if (f.missingPhotos > 0) return 'waiting_photos';
  if (f.lastErrorKind === 'directory') return 'no_manager';
  if (f.attempts > 0 && f.lastErrorKind) return 'retrying';
  return 'sending';
}

/** The longest error text the branch is told (an SMTP reply is a line or two; a stack is not for the counter). */
export const BRANCH_ERROR_MAX = 500;

/**
 * The last mail error as the branch may see it (R7, R8): the SMTP server's reply or the error's words, but
 * not where HQ keeps its files — a disk error of the file transport names a path on the HQ machine. Absolute
 * paths (POSIX or Windows, bare or quoted) become "…"; web addresses in a server's reply stay; the text is
 * cut to BRANCH_ERROR_MAX characters.
 */
export function branchSafeError(message: string): string {
  const redacted = message
    .replace(/(^|[\s'"(=:,])(?:[A-Za-z]:\\|\\\\|\/(?=[^\s/'"),]))[^\s'"),]*/g, '$1…')
    .replace(/\s+/g, ' ')
    .trim();
  return redacted.length > BRANCH_ERROR_MAX ? `${redacted.slice(0, BRANCH_ERROR_MAX - 1)}…` : redacted;
}

/** The farthest a plausible 11:00 deadline lies after the capture date (long holiday runs, branch closures). */
export const MAX_BOOK_DEADLINE_DAYS = 14;

/**
 * The deadline HQ mails against. The branch computes it with its full calendar (its extra days off and
 * working days, Ukraine's martial-law switch), which HQ's directory does not hold; HQ knows only country and
 * zone. So HQ takes the branch's deadline when it is plausible — exactly 11:00 in the branch's zone, on a
 * day after the capture date and at most MAX_BOOK_DEADLINE_DAYS later — and its own otherwise (an old or
 * misconfigured client, a wrong zone, a tampered value).
 */
export function mailDeadline(
  claimed: string | undefined,
  capturedAt: Date,
  own: Date,
  timeZone: string,
): { deadline: Date; source: 'branch' | 'hq' } {
  const fallback = { deadline: own, source: 'hq' as const };
  if (!claimed) return fallback;
  const at = new Date(claimed);
  if (Number.isNaN(at.getTime()) || Number.isNaN(capturedAt.getTime())) return fallback;
  const p = zonedParts(at, timeZone);
  if (p.hour !== BOOK_PHOTO_DEADLINE_HOUR || p.minute !== 0 || p.second !== 0 || at.getMilliseconds() !== 0)
    return fallback;
  const days = toEpochDay(localDateIn(at, timeZone)) - toEpochDay(localDateIn(capturedAt, timeZone));
  if (days < 1 || days > MAX_BOOK_DEADLINE_DAYS) return fallback;
  return { deadline: at, source: 'branch' };
}

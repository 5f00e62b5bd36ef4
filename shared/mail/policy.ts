import { BOOK_PHOTO_DEADLINE_HOUR } from '../deadlines/calendar';
import { toEpochDay } from '../time/local-date';
import { localDateIn, zonedParts } from '../time/zoned';

/**
 * The send-decision rules of HQ's mail queue (R7, R8, R11): when to try again, which failures are for good,
 * on time or late, when to escalate, and which deadline to mail against. Pure, so that HQ's worker, its
 * deadline watch and the month-long time-travel test apply exactly the same ones with a real or a simulated
 * clock. What people are told about a message's progress is `state.ts`.
 */

export type MailJobKind = 'book_entry' | 'escalation';
export type MailJobStatus = 'pending' | 'sent' | 'failed';

/** First retry after 30 s, doubling, at most 10 min apart. */
export const MAIL_RETRY_FIRST_MS = 30_000;
const MAIL_RETRY_MAX_MS = 10 * 60_000;
/** Before the deadline a retry never waits more than half the time left (but at least this long). */
const MAIL_RETRY_MIN_MS = 15_000;

/**
 * When to try again after the `attempts`-th attempt failed for a passing reason. `firstMs` is the first wait
 * (HQ's MAIL_RETRY_FIRST_MS; a shorter one also shortens the least wait before a deadline).
 */
export function nextMailAttempt(
  attempts: number,
  now: Date,
  deadline: Date,
  firstMs = MAIL_RETRY_FIRST_MS,
): Date {
  const n = Math.max(1, attempts);
  let wait = Math.min(firstMs * 2 ** Math.min(n - 1, 20), MAIL_RETRY_MAX_MS);
  const left = deadline.getTime() - now.getTime();
  const least = Math.min(MAIL_RETRY_MIN_MS, firstMs);
  if (left > 0) wait = Math.min(wait, Math.max(least, Math.floor(left / 2)));
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

/** The mail queue's row id: one job of each kind per entry. */
export function mailJobId(kind: MailJobKind, entryId: string): string {
  return `${kind}:${entryId}`;
}

const JOB_ID = /^(book_entry|escalation):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` has the form of a mail queue's row id (mailJobId); anything else names no job. */
export function isMailJobId(id: string): boolean {
  return JOB_ID.test(id);
}

/** Why the last attempt did not send: the directory lacks an address, a passing error, or a refusal for good. */
export const MAIL_ERROR_KINDS = ['directory', 'transient', 'permanent'] as const;
export type MailErrorKind = (typeof MAIL_ERROR_KINDS)[number];

/** The farthest a plausible 11:00 deadline lies after the capture date (long holiday runs, branch closures). */
const MAX_BOOK_DEADLINE_DAYS = 14;

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

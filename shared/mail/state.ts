import type { MailStatus } from '../sync/protocol';
import type { MailErrorKind, MailJobStatus } from './policy';

/**
 * Where an entry's e-mail stands, in one vocabulary for everyone who is told (R7, R8, R11): the branch on
 * pull, HQ's admin (`mail-status`) and the head of sales in the escalation e-mail. HQ waits for photos,
 * waits for the manager's address in its directory, is sending, retries after an error, gave up (refused
 * for good), or sent.
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

/**
 * What the branch is told on pull about its entry's e-mail: the state, the attempts, the last error without
 * HQ's file paths (not once sent), and how many photos HQ still waits for (only when it waits).
 */
export function branchMailStatus(f: MailJobFacts & { lastError: string | null }): MailStatus {
  const state = mailStateOf(f);
  return {
    state,
    attempts: f.attempts,
    ...(f.lastError && state !== 'sent' ? { lastError: branchSafeError(f.lastError) } : {}),
    ...(f.missingPhotos > 0 ? { missingPhotos: f.missingPhotos } : {}),
  };
}

/** The mail status line of the escalation e-mail (locales `mail.escalation.statusValue.*`). */
export type EscalationMailStatus = 'waiting' | 'retrying' | 'failed';

/**
 * R11: how the escalation tells the head of sales where the entry's own e-mail stands, from the same state
 * the branch is told: failed for good; still waiting (for photos, or nothing tried yet); or tried and not
 * out yet.
 */
export function escalationMailStatus(state: MailState, attempts: number): EscalationMailStatus {
  if (state === 'failed') return 'failed';
  if (state === 'waiting_photos' || attempts === 0) return 'waiting';
  return 'retrying';
}

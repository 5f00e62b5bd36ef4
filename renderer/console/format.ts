import { DUE_KINDS, type DueKind } from '../../shared/deadlines/policies';
import { MAIL_ERROR_KINDS, type MailErrorKind } from '../../shared/mail/policy';
import { MAIL_STATES, type MailState } from '../../shared/mail/state';

/** HQ sends due kinds as plain strings; only the known ones have a label (lifecycle:due.kind.*). */
export const isDueKind = (kind: string): kind is DueKind => (DUE_KINDS as readonly string[]).includes(kind);

/** Lists span branches in several zones: their times are shown in the viewer's own zone. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** HQ sends mail states as plain strings (shared/mail/state MAIL_STATES); a newer one is shown as it is. */
export const isMailState = (state: string): state is MailState =>
  (MAIL_STATES as readonly string[]).includes(state);

/** What the console says about an e-mail's state and its last error (locales console.json `mail.*`). */
export interface MailWording {
  /** `mail.states.*`; `unknown` for a state a newer HQ sends that this console does not know. */
  state: MailState | 'unknown';
  /** `mail.problem.*`: why it is not sent, in words; absent when nothing went wrong. */
  problem?: MailErrorKind | 'other';
  /** HQ's or the mail server's own words, and an unknown state's code: details for support only. */
  detail?: string;
}

/** The kind of failure each state stands for when HQ does not say it (the branch's mail status). */
const PROBLEM_OF_STATE: Partial<Record<MailState, MailErrorKind>> = {
  no_manager: 'directory',
  retrying: 'transient',
  failed: 'permanent',
};

/**
 * R7, R8: an e-mail's state and last error in the user's language. HQ's `lastError` is English from HQ or
 * the mail server (an SMTP reply): never the message itself, only a detail for support. The kind of
 * failure comes from `lastErrorKind` when HQ sends it, else from the state; an error of no known kind is
 * `other`. A sent e-mail has no problem, whatever an earlier attempt said.
 */
export function mailWording(mail: {
  state: string;
  lastErrorKind?: string;
  lastError?: string;
}): MailWording {
  const known = isMailState(mail.state);
  const state: MailState | 'unknown' = isMailState(mail.state) ? mail.state : 'unknown';
  const kind = (MAIL_ERROR_KINDS as readonly string[]).includes(mail.lastErrorKind ?? '')
    ? (mail.lastErrorKind as MailErrorKind)
    : known
      ? PROBLEM_OF_STATE[mail.state as MailState]
      : undefined;
  const problem =
    state === 'sent' ? undefined : (kind ?? (mail.lastError || mail.lastErrorKind ? 'other' : undefined));
  const detail = [known ? undefined : mail.state, state === 'sent' ? undefined : mail.lastError]
    .filter(Boolean)
    .join(' · ');
  return { state, ...(problem ? { problem } : {}), ...(detail ? { detail } : {}) };
}

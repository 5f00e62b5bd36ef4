import { DUE_KINDS, type DueKind } from '../../shared/deadlines/policies';
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

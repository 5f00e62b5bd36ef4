import { isWorkingDay, type BranchCalendar } from '../deadlines/calendar';
import { addDays, type LocalDate } from '../time/local-date';
import { localDateIn, zonedParts, zonedTimeToInstant } from '../time/zoned';

/**
 * R7 "warned early": when a feedback-book entry is at risk of missing its 11:00 deadline. Pure, so the
 * branch (banner, notification) and HQ (R11 watch) decide the same way.
 */

/** The branch's counter hours, as wall-clock minutes after midnight; "working hours" are counted in them. */
export interface OfficeHours {
  opensMinute: number;
  closesMinute: number;
}
export const DEFAULT_OFFICE_HOURS: OfficeHours = { opensMinute: 9 * 60, closesMinute: 18 * 60 };

export interface RiskSettings {
  /** Warn this many working hours before the deadline (default 2). */
  warnWorkingHours: number;
  /** Warn when the link has been down this long, whatever the deadline (default 60). */
  offlineWarnMinutes: number;
  officeHours: OfficeHours;
}
export const DEFAULT_RISK_SETTINGS: RiskSettings = {
  warnWorkingHours: 2,
  offlineWarnMinutes: 60,
  officeHours: DEFAULT_OFFICE_HOURS,
};

/**
 * The instant `hours` working hours before `deadline`: counted back through the office hours of working
 * days only (a 2-hour warning for Monday 11:00 starts Monday 09:00; a 4-hour one, Friday 16:00).
 */
export function workingHoursBefore(
  deadline: Date,
  hours: number,
  cal: BranchCalendar,
  office: OfficeHours = DEFAULT_OFFICE_HOURS,
): Date {
  if (!(hours > 0)) return deadline;
  let remaining = Math.round(hours * 60);
  let day: LocalDate = localDateIn(deadline, cal.timeZone);
  const p = zonedParts(deadline, cal.timeZone);
  let from = Math.min(p.hour * 60 + p.minute, office.closesMinute);
  // Ten years back is far beyond any sane setting; it bounds the walk for a calendar with no working days.
  for (let guard = 0; guard < 3660; guard++) {
    if (isWorkingDay(day, cal)) {
      const available = Math.max(0, from - office.opensMinute);
      if (remaining <= available) {
        const at = from - remaining;
        return zonedTimeToInstant(day, Math.floor(at / 60), at % 60, cal.timeZone);
      }
      remaining -= available;
    }
    day = addDays(day, -1);
    from = office.closesMinute;
  }
  return zonedTimeToInstant(day, Math.floor(office.opensMinute / 60), office.opensMinute % 60, cal.timeZone);
}

export const ENTRY_URGENCIES = ['delivered', 'late', 'at_risk', 'waiting'] as const;
export type EntryUrgency = (typeof ENTRY_URGENCIES)[number];
export type RiskReason =
  'deadline_near' | 'offline_long' | 'not_connected' | 'hq_cannot_send' | 'photo_refused';

export interface EntryRiskInput {
  deadline: Date;
  /** When HQ reported the e-mail sent; undefined until then. */
  deliveredAt?: Date;
  now: Date;
  /** Since when the branch has had no connection to HQ; undefined when connected. */
  offlineSince?: Date;
  /**
   * This workstation was never connected to HQ (no enrollment): nothing it saves reaches the manager but by
   * the fallback, so being "offline" long is reported as that, not as a network cut.
   */
  notConnected?: boolean;
  /**
   * HQ reported that it cannot send the e-mail (the server refused it for good, or HQ has no manager address):
   * waiting changes nothing, the branch's own e-mail is the way out, whatever the time.
   */
  hqCannotSend?: boolean;
  /**
   * HQ refused a page's photo for good (too large, damaged): the entry cannot be mailed by HQ as it is; the
   * page must be retaken or the e-mail sent by the branch, whatever the time.
   */
  photosRefused?: boolean;
}

export interface EntryRisk {
  urgency: EntryUrgency;
  reasons: RiskReason[];
  /** From when the warning applies (deadline minus the working-hours lead). */
  warnFrom: Date;
}

export function entryRisk(
  input: EntryRiskInput,
  cal: BranchCalendar,
  settings: RiskSettings = DEFAULT_RISK_SETTINGS,
): EntryRisk {
  const warnFrom = workingHoursBefore(input.deadline, settings.warnWorkingHours, cal, settings.officeHours);
  if (input.deliveredAt) return { urgency: 'delivered', reasons: [], warnFrom };
  if (input.now.getTime() >= input.deadline.getTime()) return { urgency: 'late', reasons: [], warnFrom };
  const reasons: RiskReason[] = [];
  if (input.now.getTime() >= warnFrom.getTime()) reasons.push('deadline_near');
  if (
    input.offlineSince &&
    input.now.getTime() - input.offlineSince.getTime() >= settings.offlineWarnMinutes * 60_000
  )
    reasons.push(input.notConnected ? 'not_connected' : 'offline_long');
  if (input.hqCannotSend) reasons.push('hq_cannot_send');
  if (input.photosRefused) reasons.push('photo_refused');
  return { urgency: reasons.length > 0 ? 'at_risk' : 'waiting', reasons, warnFrom };
}

const ORDER: Record<EntryUrgency, number> = { late: 0, at_risk: 1, waiting: 2, delivered: 3 };

/** The Feedback book screen's order: late, then at risk, then waiting, delivered last. */
export function compareByUrgency(
  a: { urgency: EntryUrgency; deadline: string },
  b: { urgency: EntryUrgency; deadline: string },
): number {
  const byUrgency = ORDER[a.urgency] - ORDER[b.urgency];
  if (byUrgency !== 0) return byUrgency;
  // What is still open: the nearest deadline first; what is done: the most recent first.
  return a.urgency === 'delivered'
    ? b.deadline.localeCompare(a.deadline)
    : a.deadline.localeCompare(b.deadline);
}

/**
 * Since when nothing has reached HQ (ms since the epoch), or null while the link works: the network is down,
 * or it is up and HQ keeps failing — counted from the last successful sync (or the first error seen).
 */
export function unreachableSince(
  networkOfflineSince: number | null,
  sync: { failures: number; lastSuccessAt?: string; lastErrorAt?: string } | undefined,
): number | null {
  let failing: number | null = null;
  if (sync && sync.failures > 0) {
    const since = Date.parse(sync.lastSuccessAt ?? sync.lastErrorAt ?? '');
    if (Number.isFinite(since)) failing = since;
  }
  if (networkOfflineSince === null) return failing;
  return failing === null ? networkOfflineSince : Math.min(networkOfflineSince, failing);
}

/**
 * What the branch knows of its way to HQ: reachable; unreachable since an instant (network down or HQ
 * failing); or not connected at all — the workstation was never enrolled, so no sync will ever run.
 */
export type HqReach =
  { kind: 'reachable' } | { kind: 'unreachable'; since: number } | { kind: 'not_connected' };

/**
 * Combines the enrollment with the link state. `enrolled` is undefined while it is still being read: the
 * link state alone decides then, so nothing flickers to "not connected" on start-up.
 */
export function hqReach(enrolled: boolean | undefined, unreachableFrom: number | null): HqReach {
  if (enrolled === false) return { kind: 'not_connected' };
  return unreachableFrom === null ? { kind: 'reachable' } : { kind: 'unreachable', since: unreachableFrom };
}

/**
 * Since when one entry has been unable to reach HQ. Not connected: since the entry was saved (its first page
 * taken) — before that there was nothing to send, and from then on nothing could go out but by the fallback.
 */
export function entryOffline(
  reach: HqReach,
  capturedAt: Date,
): Pick<EntryRiskInput, 'offlineSince' | 'notConnected'> {
  if (reach.kind === 'reachable') return {};
  if (reach.kind === 'unreachable') return { offlineSince: new Date(reach.since) };
  return { offlineSince: capturedAt, notConnected: true };
}

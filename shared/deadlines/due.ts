/**
 * A complaint's due moments (R9–R11): when each promise to the customer falls due, whether it was kept, and
 * how urgent it is now. Pure: the caller passes `now`.
 */
import type { Channel, ComplaintStatus } from '../complaints/model';
import { addDays, addMonths, fromEpochDay, type LocalDate } from '../time/local-date';
import { localDateIn, startOfLocalDay, zoneOffsetMs, zonedParts, zonedTimeToInstant } from '../time/zoned';
import { addWorkingDays, isWorkingDay, onOrNextWorkingDay, type BranchCalendar } from './calendar';
import {
  CALLBACK_DUE_SOON_MS,
  CHANNEL_FORM,
  DEFAULT_DUE_SOON,
  type ConsiderationPolicy,
  type DueKind,
  type TermRule,
  type TermStart,
} from './policies';

type Instant = string | Date;

/**
 * What the deadline engine needs of a complaint. shared/complaints/model.ts `Complaint` fits it as is; the
 * milestone timestamps come from its event history (shared/lifecycle `milestonesFromEvents`).
 */
export interface ComplaintTimeline {
  channel: Channel;
  status: ComplaintStatus;
  receivedAt: Instant;
  registeredAt: Instant;
  acknowledgedAt?: Instant;
  preliminaryAnswerAt?: Instant;
  decidedAt?: Instant;
  customerInformedAt?: Instant;
  followUpDoneAt?: Instant;
  /** Latest reopening: the final answer and follow-up terms run again from here. */
  reopenedAt?: Instant;
  /** The final-answer term was extended (with notice to the customer), e.g. to the UA 45-day maximum. */
  termExtended?: boolean;
  /** R4 (issue 15): the callback promised and not made yet; a due moment of its own. */
  pendingCallback?: { id: string; dueAt: Instant };
  /** R5 (issue 15): merged into another complaint: nothing is due here any more (like a closed one). */
  merged?: boolean;
}

/**
 * pending — its start event has not happened yet (dueAt is projected);
 * ok / due_soon / overdue — open, by urgency; done — kept (see `late`) or moot because the complaint is closed.
 */
export const DUE_STATES = ['pending', 'ok', 'due_soon', 'overdue', 'done'] as const;
export type DueState = (typeof DUE_STATES)[number];

export interface DueMoment {
  kind: DueKind;
  ruleId: string;
  basis: string;
  dueAt: Date;
  /** Local date of the deadline in the branch zone: what the receipt prints (R9). */
  dueDate: LocalDate;
  done: boolean;
  doneAt?: Date;
  /** Done after it was due (R20: "% … on time"). */
  late?: boolean;
  projected: boolean;
  /** From when it counts as due soon (policy `dueSoon`); like dueAt, it does not depend on `now`. */
  soonFrom: Date;
  state: DueState;
  /** A callback moment's callback id (issue 15): which promise this is. */
  ref?: string;
}

const toDate = (value: Instant | undefined): Date | undefined => {
  if (value === undefined) return undefined;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

const lastOffset = new Map<string, number>();

/**
 * localDateIn, but answered from the memoised day starts: guess the date with the zone's last seen offset,
 * then check that the instant lies within that local day (exact, so DST-safe); Intl only when the guess misses.
 */
function branchDate(instant: Date, timeZone: string): LocalDate {
  const t = instant.getTime();
  const offset = lastOffset.get(timeZone);
  if (offset !== undefined) {
    const guess = fromEpochDay(Math.floor((t + offset) / 86_400_000));
    if (
      startOfLocalDay(guess, timeZone).getTime() <= t &&
      t < startOfLocalDay(addDays(guess, 1), timeZone).getTime()
    ) {
      return guess;
    }
  }
  lastOffset.set(timeZone, zoneOffsetMs(instant, timeZone));
  return localDateIn(instant, timeZone);
}

function endOfLocalDay(localDate: LocalDate, timeZone: string): Date {
  return new Date(startOfLocalDay(addDays(localDate, 1), timeZone).getTime() - 1);
}

/** Elapsed hours on working days only: a day off contributes nothing. DST-safe (local days of 23/25 h). */
function addWorkingHours(start: Date, hours: number, cal: BranchCalendar): Date {
  let date = branchDate(start, cal.timeZone);
  let t = start.getTime();
  if (!isWorkingDay(date, cal)) {
    date = addWorkingDays(date, 1, cal);
    t = startOfLocalDay(date, cal.timeZone).getTime();
  }
  let remaining = hours * 3_600_000;
  for (;;) {
    const dayEnd = startOfLocalDay(addDays(date, 1), cal.timeZone).getTime();
    if (t + remaining < dayEnd) return new Date(t + remaining);
    remaining -= dayEnd - t;
    date = addWorkingDays(date, 1, cal);
    t = startOfLocalDay(date, cal.timeZone).getTime();
  }
}

export interface TermDeadline {
  dueAt: Date;
  dueDate: LocalDate;
}

/** When a term that starts at `start` ends, in the branch's calendar and zone. */
export function termDeadline(start: Date, term: TermRule, cal: BranchCalendar): TermDeadline {
  const tz = cal.timeZone;
  if (term.unit === 'hours') {
    let dueAt: Date;
    if (term.counting === 'working') {
      dueAt = addWorkingHours(start, term.amount, cal);
    } else {
      dueAt = new Date(start.getTime() + term.amount * 3_600_000);
      const date = branchDate(dueAt, tz);
      if (!isWorkingDay(date, cal)) {
        // R10: a deadline on a day off moves to the next working day, same time of day.
        const p = zonedParts(dueAt, tz);
        dueAt = zonedTimeToInstant(addWorkingDays(date, 1, cal), p.hour, p.minute, tz);
      }
    }
    return { dueAt, dueDate: branchDate(dueAt, tz) };
  }
  const startDate = branchDate(start, tz);
  let dueDate: LocalDate;
  if (term.unit === 'days' && term.counting === 'working')
    dueDate = addWorkingDays(startDate, term.amount, cal);
  else if (term.unit === 'days') dueDate = onOrNextWorkingDay(addDays(startDate, term.amount), cal);
  else if (term.unit === 'weeks') dueDate = onOrNextWorkingDay(addDays(startDate, term.amount * 7), cal);
  else dueDate = onOrNextWorkingDay(addMonths(startDate, term.amount), cal);
  return { dueAt: endOfLocalDay(dueDate, tz), dueDate };
}

function dueSoonFrom(
  start: Date,
  term: TermRule,
  deadline: TermDeadline,
  policy: ConsiderationPolicy,
  cal: BranchCalendar,
): number {
  const soon = policy.dueSoon ?? DEFAULT_DUE_SOON;
  if (term.unit === 'hours') {
    const length = deadline.dueAt.getTime() - start.getTime();
    return deadline.dueAt.getTime() - length * soon.hoursFraction;
  }
  return startOfLocalDay(
    addWorkingDays(deadline.dueDate, -soon.workingDaysBefore, cal),
    cal.timeZone,
  ).getTime();
}

/**
 * All due moments of a complaint under `policy`, in the order acknowledge, preliminary answer, final answer,
 * follow-up (those the policy defines for the complaint's written/oral form), then the pending callback.
 */
export function complaintDueMoments(
  complaint: ComplaintTimeline,
  cal: BranchCalendar,
  policy: ConsiderationPolicy,
  now: Date,
): DueMoment[] {
  const terms = policy[CHANNEL_FORM[complaint.channel]];
  const received = toDate(complaint.receivedAt);
  const registered = toDate(complaint.registeredAt) ?? received;
  if (!received || !registered) throw new RangeError('A complaint needs valid receivedAt and registeredAt');
  const reopened = toDate(complaint.reopenedAt);
  const acknowledged = toDate(complaint.acknowledgedAt);
  const preliminary = toDate(complaint.preliminaryAnswerAt);
  const decided = toDate(complaint.decidedAt);
  const informed = toDate(complaint.customerInformedAt);
  const followUpDone = toDate(complaint.followUpDoneAt);
  // A merged complaint is a reference to its survivor: whatever it still owed is owed there.
  const closed = complaint.status === 'closed' || complaint.merged === true;

  const moments: DueMoment[] = [];
  const finalRule =
    complaint.termExtended && terms.finalAnswerExtended ? terms.finalAnswerExtended : terms.finalAnswer;
  const plan: [DueKind, TermRule | undefined, Date | undefined][] = [
    // Any later answer to the customer also acknowledges the complaint.
    ['acknowledge', terms.acknowledge, acknowledged ?? preliminary ?? informed],
    ['preliminary_answer', terms.preliminaryAnswer, preliminary ?? informed],
    ['final_answer', finalRule, informed],
    ['follow_up', terms.followUp, followUpDone],
  ];

  let finalDeadline: TermDeadline | undefined;
  for (const [kind, term, doneAt] of plan) {
    if (!term) continue;
    const restart = reopened && (kind === 'final_answer' || kind === 'follow_up');
    const startOf = (from: TermStart): Date | undefined => {
      if (from === 'received') return restart ? reopened : received;
      if (from === 'registered') return restart ? reopened : registered;
      if (from === 'decided') return decided;
      return informed;
    };
    let start = startOf(term.from);
    const projected = start === undefined;
    // A term from a later event is projected from the final answer's deadline (or from now, if none).
    if (!start) start = finalDeadline?.dueAt ?? now;
    const deadline = termDeadline(start, term, cal);
    if (kind === 'final_answer') finalDeadline = deadline;

    const done = doneAt !== undefined || closed;
    const soonFrom = dueSoonFrom(start, term, deadline, policy, cal);
    let state: DueState;
    if (done) state = 'done';
    else if (projected) state = 'pending';
    else if (now.getTime() > deadline.dueAt.getTime()) state = 'overdue';
    else if (now.getTime() >= soonFrom) state = 'due_soon';
    else state = 'ok';

    const moment: DueMoment = {
      kind,
      ruleId: term.id,
      basis: term.basis,
      dueAt: deadline.dueAt,
      dueDate: deadline.dueDate,
      done,
      projected,
      soonFrom: new Date(soonFrom),
      state,
    };
    if (doneAt) {
      moment.doneAt = doneAt;
      moment.late = doneAt.getTime() > deadline.dueAt.getTime();
    }
    moments.push(moment);
  }
  const callback = complaint.pendingCallback;
  const callbackAt = toDate(callback?.dueAt);
  if (callback && callbackAt) {
    // R4: the time promised to the customer is the deadline itself, to the minute, whatever the calendar.
    const soonFrom = new Date(callbackAt.getTime() - CALLBACK_DUE_SOON_MS);
    moments.push({
      kind: 'callback',
      ruleId: 'callback',
      basis: 'R4',
      dueAt: callbackAt,
      dueDate: branchDate(callbackAt, cal.timeZone),
      done: closed,
      projected: false,
      soonFrom,
      state: closed
        ? 'done'
        : now.getTime() > callbackAt.getTime()
          ? 'overdue'
          : now.getTime() >= soonFrom.getTime()
            ? 'due_soon'
            : 'ok',
      ref: callback.id,
    });
  }
  return moments;
}

const URGENCY: Record<DueState, number> = { overdue: 4, due_soon: 3, ok: 2, pending: 1, done: 0 };

/** The most urgent state among the moments: the colour of a list row (R11). */
export function mostUrgentState(moments: readonly DueMoment[]): DueState {
  let worst: DueState = 'done';
  for (const m of moments) if (URGENCY[m.state] > URGENCY[worst]) worst = m.state;
  return worst;
}

/**
 * The moment that needs attention first (R11, the list's deadline column): among the open ones — neither
 * done nor pending — the most urgent state wins, then the earliest due. Undefined when nothing is open.
 */
export function nextDue(moments: readonly DueMoment[]): DueMoment | undefined {
  const open = moments.filter((m) => m.state !== 'done' && m.state !== 'pending');
  const worst = mostUrgentState(open);
  return open.filter((m) => m.state === worst).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
}

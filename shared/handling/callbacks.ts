/**
 * R4: a promised callback always has a date and time (chosen in the branch's zone, stored as an instant),
 * a number to call, and is reminded and listed until it is done. A complaint has at most one pending
 * callback: promising again reschedules it. `callback_done` closes the pending one, the customer reached or
 * not; after `not_reached` the employee promises a new one (a second event in the same transaction).
 *
 * The pending callback is a due moment of the deadline engine (DueKind `callback`, shared/deadlines): due
 * soon CALLBACK_DUE_SOON_MS before, overdue when missed — so list colours, counts, the urgency window and
 * HQ's escalation pick it up like any other deadline.
 */
import type { ComplaintEvent } from '../complaints/model';
import { FUTURE_TOLERANCE_MS, isValidPhone, LIMITS } from '../complaints/validation';
import { CALLBACK_DUE_SOON_MS } from '../deadlines/policies';
import type { RefusalReason } from '../lifecycle/reasons';
import { CALLBACK_OUTCOMES, type CallbackOutcome } from './codes';
import type { PendingCallback } from './milestones';

export { CALLBACK_DUE_SOON_MS };

/** A callback further ahead than this is a typing error (a wrong year), not a promise. */
export const MAX_CALLBACK_AHEAD_DAYS = 90;

export interface CallbackPromise {
  dueAt: string;
  phone: string;
  note?: string;
}

/**
 * R4: a promise needs a valid time that is not in the past (a few minutes of clock difference are allowed)
 * nor absurdly far, and a number that can be dialled.
 */
export function checkCallbackPromise(
  promise: CallbackPromise,
  now: Date,
): { ok: true; promise: CallbackPromise } | { ok: false; reasons: RefusalReason[] } {
  const reasons: RefusalReason[] = [];
  const due = Date.parse(promise.dueAt);
  if (Number.isNaN(due)) reasons.push('callback_time_invalid');
  else if (due < now.getTime() - FUTURE_TOLERANCE_MS) reasons.push('callback_in_past');
  else if (due > now.getTime() + MAX_CALLBACK_AHEAD_DAYS * 86_400_000) reasons.push('callback_too_far');
  const phone = promise.phone.trim();
  if (!isValidPhone(phone) || phone.length > LIMITS.phone) reasons.push('callback_phone_invalid');
  const note = promise.note?.trim();
  if (note && note.length > LIMITS.note) reasons.push('change_value_invalid');
  if (reasons.length > 0) return { ok: false, reasons };
  return {
    ok: true,
    promise: { dueAt: new Date(due).toISOString(), phone, ...(note ? { note } : {}) },
  };
}

export type CallbackState = 'pending' | 'due_soon' | 'overdue';

/** The pending callback's state at `now` (undefined: none pending). */
export function callbackState(pending: PendingCallback | undefined, now: Date): CallbackState | undefined {
  if (!pending) return undefined;
  const due = Date.parse(pending.dueAt);
  if (now.getTime() > due) return 'overdue';
  if (now.getTime() >= due - CALLBACK_DUE_SOON_MS) return 'due_soon';
  return 'pending';
}

/** When to remind whoever is signed in at the branch: CALLBACK_DUE_SOON_MS before, and again when due. */
export function callbackReminders(pending: PendingCallback): Date[] {
  const due = Date.parse(pending.dueAt);
  return [new Date(due - CALLBACK_DUE_SOON_MS), new Date(due)];
}

/** One promised callback as the complaint screen lists it. */
export interface CallbackLine {
  id: string;
  promisedAt: string;
  dueAt: string;
  phone: string;
  note?: string;
  /** pending: still to be made; superseded: a later promise rescheduled it. */
  status: 'pending' | 'done' | 'superseded';
  outcome?: CallbackOutcome;
  doneAt?: string;
  /** Made after the promised time (or, pending, missed at `now`). */
  late: boolean;
}

type EventLike = Pick<ComplaintEvent, 'type' | 'at' | 'data'>;

/** Every callback promised on the complaint, in the order promised, with what became of it. */
export function callbacksOf(events: readonly EventLike[], now: Date): CallbackLine[] {
  const lines: CallbackLine[] = [];
  for (const e of events) {
    const d = e.data as Record<string, unknown>;
    if (e.type === 'callback_promised' && typeof d.callbackId === 'string' && typeof d.dueAt === 'string') {
      for (const l of lines) if (l.status === 'pending') l.status = 'superseded';
      const line: CallbackLine = {
        id: d.callbackId,
        promisedAt: e.at,
        dueAt: d.dueAt,
        phone: typeof d.phone === 'string' ? d.phone : '',
        status: 'pending',
        late: false,
      };
      if (typeof d.note === 'string' && d.note !== '') line.note = d.note;
      lines.push(line);
    } else if (e.type === 'callback_done') {
      // Only the pending promise can be made (as in replay and checkCallbackDone): a rescheduled one stays so.
      const line = lines.find((l) => l.id === d.callbackId && l.status === 'pending');
      if (!line) continue;
      line.status = 'done';
      line.doneAt = e.at;
      if (d.outcome === 'reached' || d.outcome === 'not_reached') line.outcome = d.outcome;
      line.late = Date.parse(e.at) > Date.parse(line.dueAt);
    }
  }
  for (const l of lines) if (l.status === 'pending') l.late = now.getTime() > Date.parse(l.dueAt);
  return lines;
}

export interface CallbackDoneData extends Record<string, unknown> {
  callbackId: string;
  outcome: CallbackOutcome;
  note?: string;
}

/**
 * R4: the pending callback was made. Only the pending one can be marked (an older, rescheduled promise or one
 * already done is `callback_not_pending`); "not reached" needs no note, the employee promises a new time.
 */
export function checkCallbackDone(
  pending: Pick<PendingCallback, 'id'> | undefined,
  done: { callbackId: string; outcome: string; note?: string },
): { ok: true; data: CallbackDoneData } | { ok: false; reasons: RefusalReason[] } {
  const reasons: RefusalReason[] = [];
  if (!pending || pending.id !== done.callbackId) reasons.push('callback_not_pending');
  if (!(CALLBACK_OUTCOMES as readonly string[]).includes(done.outcome)) reasons.push('change_value_invalid');
  const note = done.note?.trim();
  if (note && note.length > LIMITS.note) reasons.push('change_value_invalid');
  if (reasons.length > 0) return { ok: false, reasons: [...new Set(reasons)] };
  return {
    ok: true,
    data: {
      callbackId: done.callbackId,
      outcome: done.outcome as CallbackOutcome,
      ...(note ? { note } : {}),
    },
  };
}

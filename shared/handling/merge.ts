/**
 * R5: two complaints about one matter are merged — also when they were registered on two PCs offline and
 * meet only after both synced. One survives; the other becomes a reference to it:
 *
 * - the merged one keeps its own record, number and history (append-only) and gets `merged_into`; from then
 *   on nothing is due on it, no transition applies (`complaint_merged`), lists show it as a reference;
 * - the survivor gets `merged_from`: the other's number is in its search words (shared/complaints/search
 *   reads `progress.mergedFrom`), and its screen shows the two histories joined (`joinHistories`);
 * - both events travel in one op, `complaint.merge`, applied by HQ in one transaction after `checkMerge`
 *   against its own state (a concurrent opposite merge on another PC is refused `merge_already_merged`).
 *
 * Survivor: by default the one received first (`chooseSurvivor`) — the customer's first contact starts the
 * deadlines they were promised (R9) — the employee may pick the other.
 */
import type { Complaint, ComplaintEvent } from '../complaints/model';
import type { RefusalReason } from '../lifecycle/reasons';

export type MergeSubject = Pick<
  Complaint,
  'id' | 'number' | 'branchCode' | 'channel' | 'receivedAt' | 'registeredAt' | 'status' | 'progress'
>;

const time = (s: string) => {
  const t = Date.parse(s);
  return Number.isNaN(t) ? Infinity : t;
};

/** The default survivor: received first, then registered first, then the lower number. */
export function chooseSurvivor<T extends MergeSubject>(a: T, b: T): { survivor: T; merged: T } {
  const order =
    time(a.receivedAt) - time(b.receivedAt) ||
    time(a.registeredAt) - time(b.registeredAt) ||
    a.number.localeCompare(b.number);
  return order <= 0 ? { survivor: a, merged: b } : { survivor: b, merged: a };
}

/**
 * Whether `merged` may be merged into `survivor`. Refused: the same complaint; either already merged (merge
 * into its survivor instead); a closed survivor (reopen it first); across the confidential register or
 * across branches (HQ moves nothing between branches here); a merged complaint with open work — a pending
 * callback, department tasks or a compensation awaiting approval — which would be lost from view.
 */
export function checkMerge(survivor: MergeSubject, merged: MergeSubject): RefusalReason[] {
  if (survivor.id === merged.id) return ['merge_same_complaint'];
  const reasons: RefusalReason[] = [];
  if (survivor.progress.mergedInto || merged.progress.mergedInto) reasons.push('merge_already_merged');
  if (survivor.status === 'closed') reasons.push('merge_survivor_closed');
  if ((survivor.channel === 'internal') !== (merged.channel === 'internal'))
    reasons.push('merge_confidential_mismatch');
  if (survivor.branchCode !== merged.branchCode) reasons.push('merge_other_branch');
  const p = merged.progress;
  if (p.callback || (p.openTasks ?? 0) > 0 || p.compensation?.approval === 'pending')
    reasons.push('merge_open_work');
  return reasons;
}

export interface MergedIntoData extends Record<string, unknown> {
  survivorId: string;
  survivorNumber: string;
  reason?: string;
}
export interface MergedFromData extends Record<string, unknown> {
  mergedId: string;
  mergedNumber: string;
  reason?: string;
}

type NewEvent<T extends ComplaintEvent['type'], D> = Omit<ComplaintEvent, 'type' | 'data'> & {
  type: T;
  data: D;
};

/** The two events of a merge (ids given by the caller): `merged_into` on the merged one, `merged_from` on the survivor. */
export function mergeEvents(
  survivor: Pick<Complaint, 'id' | 'number'>,
  merged: Pick<Complaint, 'id' | 'number'>,
  by: {
    actor: string;
    actorId?: string;
    now: Date;
    reason?: string;
    intoEventId: string;
    fromEventId: string;
  },
): { into: NewEvent<'merged_into', MergedIntoData>; from: NewEvent<'merged_from', MergedFromData> } {
  const at = by.now.toISOString();
  const reason = by.reason?.trim();
  const common = { at, actor: by.actor.trim(), ...(by.actorId ? { actorId: by.actorId } : {}) };
  return {
    into: {
      ...common,
      id: by.intoEventId,
      complaintId: merged.id,
      type: 'merged_into',
      data: { survivorId: survivor.id, survivorNumber: survivor.number, ...(reason ? { reason } : {}) },
    },
    from: {
      ...common,
      id: by.fromEventId,
      complaintId: survivor.id,
      type: 'merged_from',
      data: { mergedId: merged.id, mergedNumber: merged.number, ...(reason ? { reason } : {}) },
    },
  };
}

export type JoinedEvent<E> = E & { fromNumber: string };

/**
 * The survivor's history with the merged ones', in time order (`at`; equal times keep the survivor's events
 * first, each side in its own order). Each event says which complaint it came from.
 */
export function joinHistories<E extends Pick<ComplaintEvent, 'at'>>(
  survivor: { number: string; events: readonly E[] },
  merged: readonly { number: string; events: readonly E[] }[],
): JoinedEvent<E>[] {
  const all = [survivor, ...merged].flatMap((side, s) =>
    side.events.map((e, i) => ({ e: { ...e, fromNumber: side.number }, s, i })),
  );
  all.sort((a, b) => time(a.e.at) - time(b.e.at) || a.s - b.s || a.i - b.i);
  return all.map((x) => x.e);
}

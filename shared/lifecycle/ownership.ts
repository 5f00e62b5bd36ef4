/**
 * R14: who is responsible for a complaint. A branch handles its own complaints; when it cannot resolve one
 * with the customer present, the head of sales and customer service takes it over at HQ and becomes its
 * owner. Taking over is an event (`owner_changed`) like every other step, so the branch sees it in the
 * history after its next pull. Pure: HQ checks it, the console offers only what it allows.
 */
import type { ComplaintEvent, ComplaintOwner, ComplaintStatus } from '../complaints/model';

export interface OwnerChangeData extends Record<string, unknown> {
  /** The new owner; null gives the complaint back to the branch. */
  owner: ComplaintOwner | null;
  /** Taken from the branch to HQ (R14): the complaint counts as escalated from then on. */
  escalated: boolean;
}

export interface OwnerChangeEvent extends Omit<ComplaintEvent, 'id' | 'complaintId' | 'data'> {
  type: 'owner_changed';
  data: OwnerChangeData;
}

export const TAKE_OVER_REFUSALS = ['already_owner', 'complaint_closed', 'actor_required'] as const;
export type TakeOverRefusal = (typeof TAKE_OVER_REFUSALS)[number];

export interface TakeOverSubject {
  status: ComplaintStatus;
  owner?: ComplaintOwner;
}

/**
 * The head of sales (`user`) takes the complaint over: refused when they own it already, when it is closed
 * (reopen it first: a closed complaint has nobody to resolve it for), or without a name to record.
 */
export function takeOver(
  subject: TakeOverSubject,
  user: ComplaintOwner,
  now: Date,
): { ok: true; event: OwnerChangeEvent } | { ok: false; reason: TakeOverRefusal } {
  if (user.name.trim() === '' || user.id === '') return { ok: false, reason: 'actor_required' };
  if (subject.status === 'closed') return { ok: false, reason: 'complaint_closed' };
  if (subject.owner?.id === user.id) return { ok: false, reason: 'already_owner' };
  const name = user.name.trim();
  return {
    ok: true,
    event: {
      type: 'owner_changed',
      at: now.toISOString(),
      actor: name,
      actorId: user.id,
      data: { owner: { id: user.id, name }, escalated: true },
    },
  };
}

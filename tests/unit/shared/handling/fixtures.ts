import type { ComplaintEvent, ComplaintEventType } from '../../../../shared/complaints/model';
import { COMPLAINT_ID } from '../documents/fixtures';

export { complaintOf } from '../documents/fixtures';

/** A UUID whose last group is `n` (valid for zod's z.uuid()). */
export const uuid = (n: number): string => `019a1f52-7c3e-7d10-9b7e-${n.toString(16).padStart(12, '0')}`;

let seq = 0;
/** One history event of `type` with `data`, at `at`, on COMPLAINT_ID. */
export function ev(
  type: ComplaintEventType,
  data: Record<string, unknown>,
  at = '2026-09-14T08:00:00Z',
  actor = 'Ольга Иванова',
): ComplaintEvent {
  seq++;
  return { id: uuid(0xe000 + seq), complaintId: COMPLAINT_ID, type, at, actor, data };
}

/** A status change as the lifecycle records it (only what milestonesFromEvents reads). */
export const status = (transition: string, from: string, to: string, at: string): ComplaintEvent =>
  ev('status_changed', { transition, from, to }, at);

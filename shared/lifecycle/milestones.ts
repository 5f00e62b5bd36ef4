/**
 * Replays a complaint's status events into the timestamps the deadline engine needs (shared/deadlines
 * `ComplaintTimeline`) and the state the next transition needs (`LifecycleSubject`).
 */
import { STATUSES, type Complaint, type ComplaintEvent, type Milestones } from '../complaints/model';
import type { ComplaintTimeline } from '../deadlines/due';
import { handlingReplay } from '../handling/replay';
import { INITIAL_STATUS, type StatusChangeData } from './machine';
import type { OwnerChangeData } from './ownership';

export type { Milestones } from '../complaints/model';

type EventLike = Pick<ComplaintEvent, 'type' | 'at' | 'data'>;

/** Events in the order they happened (append order; HQ's order once synced). Other event types are skipped. */
export function milestonesFromEvents(events: readonly EventLike[]): Milestones {
  const m: Milestones = { status: INITIAL_STATUS, reopenCount: 0 };
  const handling = handlingReplay();
  for (const event of events) {
    handling.apply(m, event);
    if (event.type === 'preliminary_answer_sent') m.preliminaryAnswerAt ??= event.at;
    if (event.type === 'term_extended') m.termExtended = true;
    if (event.type === 'owner_changed') applyOwnerChange(m, event);
    if (event.type !== 'status_changed') continue;
    const data = event.data as Partial<StatusChangeData>;
    // A value outside the lifecycle is no status (HQ refuses such events; older rows may hold one).
    if (!data.to || !STATUSES.includes(data.to)) continue;
    m.status = data.to;
    switch (data.transition) {
      case 'register':
        m.acknowledgedAt ??= event.at;
        break;
      case 'decide':
        m.decidedAt = event.at;
        m.decision = data.decision;
        break;
      case 'inform_customer':
        m.customerInformedAt = event.at;
        break;
      case 'record_follow_up':
        m.followUpDoneAt = event.at;
        m.followUpOutcome = data.followUp?.outcome;
        break;
      case 'close':
        m.closedAt = event.at;
        break;
      case 'reopen':
        m.reopenedAt = event.at;
        m.reopenCount++;
        delete m.decidedAt;
        delete m.decision;
        delete m.customerInformedAt;
        delete m.followUpDoneAt;
        delete m.followUpOutcome;
        delete m.closedAt;
        handling.reopen(m);
        break;
      default:
        break;
    }
  }
  handling.finish(m);
  return m;
}

/** R14: the latest owner change names the owner (null: back to the branch); the first escalation is kept. */
function applyOwnerChange(m: Milestones, event: EventLike): void {
  const data = event.data as Partial<OwnerChangeData>;
  const owner = data.owner;
  if (owner && typeof owner.id === 'string' && typeof owner.name === 'string')
    m.owner = { id: owner.id, name: owner.name };
  else if (owner === null) delete m.owner;
  if (data.escalated === true) m.escalatedAt ??= event.at;
}

/** What the deadline engine needs of a stored complaint: its own times plus its replayed milestones. */
export function timelineOf(
  c: Pick<Complaint, 'channel' | 'status' | 'receivedAt' | 'registeredAt' | 'progress'>,
): ComplaintTimeline {
  const p = c.progress;
  return {
    channel: c.channel,
    status: c.status,
    receivedAt: c.receivedAt,
    registeredAt: c.registeredAt,
    acknowledgedAt: p.acknowledgedAt,
    preliminaryAnswerAt: p.preliminaryAnswerAt,
    decidedAt: p.decidedAt,
    customerInformedAt: p.customerInformedAt,
    followUpDoneAt: p.followUpDoneAt,
    reopenedAt: p.reopenedAt,
    termExtended: p.termExtended,
    ...(p.callback ? { pendingCallback: { id: p.callback.id, dueAt: p.callback.dueAt } } : {}),
    ...(p.mergedInto ? { merged: true } : {}),
  };
}

import { complaintDueMoments, mostUrgentState, type DueMoment, type DueState } from '../../shared/deadlines';
import type { Complaint } from '../../shared/complaints/model';
import { timelineOf } from '../../shared/lifecycle';
import { branchCalendarOf, policyOf, type WorkstationSettings } from '../../shared/settings/workstation';

/** R9–R11: a complaint's due moments under the branch's calendar and policy, as of `now`. */
export function dueMomentsOf(c: Complaint, settings: WorkstationSettings, now: Date): DueMoment[] {
  return complaintDueMoments(timelineOf(c), branchCalendarOf(settings), policyOf(settings), now);
}

export type Urgency = Extract<DueState, 'overdue' | 'due_soon'>;

export function urgencyOf(c: Complaint, settings: WorkstationSettings, now: Date): DueState {
  return mostUrgentState(dueMomentsOf(c, settings, now).filter((m) => m.state !== 'pending'));
}

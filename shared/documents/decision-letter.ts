import type { ComplaintEvent } from '../complaints/model';
import type { StatusChangeData } from '../lifecycle/machine';
import type { DecisionLetterDocument } from './model';
import { DEFAULT_RECOURSE, recourseRoutesFor } from './recourse';
import { compensationOf, documentBase, type DocumentSource } from './source';

/** The latest decide event still in force (a reopening after it voids it), or undefined. */
function decideEvent(events: readonly ComplaintEvent[]): ComplaintEvent | undefined {
  let found: ComplaintEvent | undefined;
  for (const e of events) {
    if (e.type !== 'status_changed') continue;
    const t = (e.data as Partial<StatusChangeData>).transition;
    if (t === 'decide') found = e;
    else if (t === 'reopen') found = undefined;
  }
  return found;
}

/**
 * R15, R17: the decision as the customer receives it — the outcome, its justification, the alternative
 * offered, the compensation if any, and where to turn when the answer is negative. Null when the complaint
 * has no decision in force (never decided, or reopened since).
 */
export function decisionLetterOf(source: DocumentSource): DecisionLetterDocument | null {
  const { complaint } = source;
  const decision = complaint.progress.decision;
  if (!decision || !complaint.progress.decidedAt) return null;
  const c = complaint.customer;
  const doc: DecisionLetterDocument = {
    ...documentBase(source, 'decision_letter'),
    decidedAt: complaint.progress.decidedAt,
    signedBy: decideEvent(source.events)?.actor.trim() ?? '',
    customer: { name: c.name.trim(), address: c.address.trim(), email: c.email.trim() },
    receivedAt: complaint.receivedAt,
    description: complaint.description.trim(),
    demand: complaint.remedy.trim(),
    outcome: decision.outcome,
    recourse: recourseRoutesFor(
      source.branch.country,
      decision.outcome,
      source.recourseTable ?? DEFAULT_RECOURSE,
    ),
  };
  if (decision.justification) doc.justification = decision.justification;
  if (decision.alternativeOffered) doc.alternativeOffered = decision.alternativeOffered;
  if (decision.unfoundedCriterion) doc.unfoundedCriterion = decision.unfoundedCriterion;
  const compensation = compensationOf(source);
  if (compensation) doc.compensation = compensation;
  return doc;
}

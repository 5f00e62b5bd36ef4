import type { Complaint } from '../../shared/complaints/model';
import { CHANNEL_FORM } from '../../shared/deadlines';
import { policyOf, type WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { StepsPanel, type StepEvent, type StepOutcome } from '../ui/lifecycle/StepsPanel';
import { useSignedInEmployee } from '../people';
import { saveFailureText } from '../ui/saveFailure';
import { TransitionRefused, changeStatus, recordEvent } from './actions';

/** A refusal by shared/lifecycle is shown in words under the form; anything else as an error. */
async function refusals(action: () => Promise<unknown>): Promise<StepOutcome> {
  try {
    await action();
    return undefined;
  } catch (err) {
    if (err instanceof TransitionRefused) return err.reasons;
    throw err;
  }
}

/** R12: the next steps of a complaint, each validated by shared/lifecycle before anything is saved. */
export function LifecyclePanel({
  complaint,
  settings,
}: {
  complaint: Complaint;
  settings: WorkstationSettings;
}) {
  const db = useDb();
  const me = useSignedInEmployee();
  const terms = policyOf(settings)[CHANNEL_FORM[complaint.channel]];
  const p = complaint.progress;
  const beforeDecision = ['received', 'registered', 'in_review'].includes(complaint.status);
  const events: StepEvent[] = [];
  if (terms.preliminaryAnswer && !p.preliminaryAnswerAt && beforeDecision)
    events.push('preliminary_answer_sent');
  if (terms.finalAnswerExtended && !p.termExtended && beforeDecision) events.push('term_extended');

  return (
    <StepsPanel
      status={complaint.status}
      events={events}
      onMove={(to, extra) =>
        refusals(() => changeStatus(db, complaint.id, { to, expectedFrom: complaint.status, ...extra }, me))
      }
      onEvent={(type, text) => refusals(() => recordEvent(db, complaint.id, type, text, me))}
      // Issue 13: a full disk is said as such; what was entered stays in the form.
      describeError={(err) => saveFailureText(err, (message) => message)}
    />
  );
}

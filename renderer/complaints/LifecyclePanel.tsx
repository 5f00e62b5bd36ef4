import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Complaint, ComplaintStatus } from '../../shared/complaints/model';
import {
  findTransition,
  nextStatuses,
  type DecisionInput,
  type FollowUpInput,
  type RefusalReason,
  type TransitionName,
} from '../../shared/lifecycle';
import { CHANNEL_FORM } from '../../shared/deadlines';
import { policyOf, type WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { TransitionRefused, changeStatus, recordEvent, type TimelineEventType } from './actions';
import { DecisionForm } from './DecisionForm';
import { FollowUpForm } from './FollowUpForm';
import { TextStepForm } from './StepForm';
import { saveFailureText } from '../ui/saveFailure';

/** Timeline steps offered as buttons (notes have their own form under the history). */
type StepEvent = Exclude<TimelineEventType, 'note_added'>;
type Open =
  | { kind: 'transition'; to: ComplaintStatus; name: TransitionName }
  | { kind: 'event'; type: StepEvent }
  | null;

/** Steps that need more than a click get a form; the rest happen at once. */
const NEEDS_FORM: ReadonlySet<TransitionName> = new Set(['decide', 'record_follow_up', 'reopen']);

/** R12: the next steps of a complaint, each validated by shared/lifecycle before anything is saved. */
export function LifecyclePanel({
  complaint,
  settings,
}: {
  complaint: Complaint;
  settings: WorkstationSettings;
}) {
  const { t } = useTranslation('lifecycle');
  const db = useDb();
  const [open, setOpen] = useState<Open>(null);
  const [refused, setRefused] = useState<RefusalReason[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const steps = nextStatuses(complaint.status).map((to) => ({
    to,
    name: findTransition(complaint.status, to)!.name,
  }));
  const policy = policyOf(settings);
  const terms = policy[CHANNEL_FORM[complaint.channel]];
  const p = complaint.progress;
  const beforeDecision = ['received', 'registered', 'in_review'].includes(complaint.status);
  const events: StepEvent[] = [];
  if (terms.preliminaryAnswer && !p.preliminaryAnswerAt && beforeDecision)
    events.push('preliminary_answer_sent');
  if (terms.finalAnswerExtended && !p.termExtended && beforeDecision) events.push('term_extended');

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setRefused([]);
    setError(null);
    try {
      await action();
      setOpen(null);
    } catch (err) {
      if (err instanceof TransitionRefused) setRefused(err.reasons);
      else setError(saveFailureText(err, (message) => t('panel.failed', { message })));
    } finally {
      setBusy(false);
    }
  }

  const move = (
    to: ComplaintStatus,
    extra: { decision?: DecisionInput; followUp?: FollowUpInput; reason?: string; note?: string } = {},
  ) =>
    run(() =>
      changeStatus(db, complaint.id, { to, expectedFrom: complaint.status, ...extra }, settings.employeeName),
    );

  const refusal = refused.length > 0 && (
    <div className="banner banner-error" role="alert" data-testid="refusal">
      <ul>
        {refused.map((r) => (
          <li key={r}>{t(`refusal.${r}`)}</li>
        ))}
      </ul>
    </div>
  );

  return (
    <section className="lifecycle-panel" aria-labelledby="next-step">
      <h2 id="next-step">{t('panel.title')}</h2>
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {open === null && (
        <>
          {refusal}
          <div className="step-buttons">
            {steps.map(({ to, name }) => (
              <button
                key={name}
                type="button"
                className={name === 'reopen' ? '' : 'primary'}
                disabled={busy}
                data-testid={`step-${name}`}
                onClick={() =>
                  NEEDS_FORM.has(name) ? setOpen({ kind: 'transition', to, name }) : void move(to)
                }
              >
                {t(`transition.${name}`)}
              </button>
            ))}
            {events.map((type) => (
              <button
                key={type}
                type="button"
                disabled={busy}
                data-testid={`step-${type}`}
                onClick={() => setOpen({ kind: 'event', type })}
              >
                {t(`timeline.${type}`)}
              </button>
            ))}
          </div>
        </>
      )}
      {open?.kind === 'transition' && open.name === 'decide' && (
        <DecisionForm
          busy={busy}
          refused={refused}
          onCancel={() => setOpen(null)}
          onSubmit={(decision, note) => move(open.to, { decision, note })}
        />
      )}
      {open?.kind === 'transition' && open.name === 'record_follow_up' && (
        <FollowUpForm
          busy={busy}
          refused={refused}
          onCancel={() => setOpen(null)}
          onSubmit={(followUp) => move(open.to, { followUp })}
        />
      )}
      {open?.kind === 'transition' && open.name === 'reopen' && (
        <TextStepForm
          label={t('reopen.reason')}
          submit={t('transition.reopen')}
          required
          busy={busy}
          refusal={refusal}
          onCancel={() => setOpen(null)}
          onSubmit={(reason) => move(open.to, { reason })}
        />
      )}
      {open?.kind === 'event' && (
        <TextStepForm
          label={t(`timeline.${open.type}Text`)}
          submit={t(`timeline.${open.type}`)}
          required={open.type === 'term_extended'}
          busy={busy}
          refusal={refusal}
          onCancel={() => setOpen(null)}
          onSubmit={(text) =>
            run(() => recordEvent(db, complaint.id, open.type, text, settings.employeeName))
          }
        />
      )}
    </section>
  );
}

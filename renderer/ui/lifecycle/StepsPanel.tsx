import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintStatus } from '../../../shared/complaints/model';
import {
  findTransition,
  nextStatuses,
  type DecisionInput,
  type FollowUpInput,
  type RefusalReason,
  type TransitionName,
} from '../../../shared/lifecycle';
import { DecisionForm } from './DecisionForm';
import { FollowUpForm } from './FollowUpForm';
import { TextStepForm } from './StepForm';

/** History steps that are not status changes, offered beside the transitions (R10). */
export type StepEvent = 'preliminary_answer_sent' | 'term_extended';

/** What a step carries besides its target status. */
export interface StepExtra {
  decision?: DecisionInput;
  followUp?: FollowUpInput;
  reason?: string;
  note?: string;
}

/**
 * The result of a step: nothing when it was saved, or the shared/lifecycle reasons it was refused for (shown
 * in words under the form). Anything else that goes wrong is thrown and shown with `describeError`.
 */
export type StepOutcome = RefusalReason[] | undefined;

type Open =
  | { kind: 'transition'; to: ComplaintStatus; name: TransitionName }
  | { kind: 'event'; type: StepEvent }
  | null;

/** Steps that need more than a click get a form; the rest happen at once. */
const NEEDS_FORM: ReadonlySet<TransitionName> = new Set(['decide', 'record_follow_up', 'reopen']);

/**
 * R12: the next steps of a complaint as buttons and forms. Where they are saved is the caller's business —
 * the branch's database (renderer/complaints) or HQ (renderer/console) — through `onMove` and `onEvent`.
 */
export function StepsPanel(props: {
  status: ComplaintStatus;
  /** History steps offered beside the transitions (the branch's policy decides which apply). */
  events?: readonly StepEvent[];
  onMove: (to: ComplaintStatus, extra: StepExtra) => Promise<StepOutcome>;
  onEvent?: (type: StepEvent, text: string) => Promise<StepOutcome>;
  describeError?: (error: unknown) => string;
}) {
  const { t } = useTranslation('lifecycle');
  const [open, setOpen] = useState<Open>(null);
  const [refused, setRefused] = useState<RefusalReason[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const steps = nextStatuses(props.status).map((to) => ({
    to,
    name: findTransition(props.status, to)!.name,
  }));
  const describe = props.describeError ?? ((e: unknown) => (e instanceof Error ? e.message : String(e)));

  async function run(action: () => Promise<StepOutcome>) {
    setBusy(true);
    setRefused([]);
    setError(null);
    try {
      const reasons = await action();
      if (reasons && reasons.length > 0) setRefused(reasons);
      else setOpen(null);
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  }
  const move = (to: ComplaintStatus, extra: StepExtra = {}) => run(() => props.onMove(to, extra));

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
        <div className="banner banner-error" role="alert" data-testid="step-failed">
          {t('panel.failed', { message: error })}
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
            {props.onEvent &&
              (props.events ?? []).map((type) => (
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
      {open?.kind === 'event' && props.onEvent && (
        <TextStepForm
          label={t(`timeline.${open.type}Text`)}
          submit={t(`timeline.${open.type}`)}
          required={open.type === 'term_extended'}
          busy={busy}
          refusal={refusal}
          onCancel={() => setOpen(null)}
          onSubmit={(text) => run(() => props.onEvent!(open.type, text))}
        />
      )}
    </section>
  );
}

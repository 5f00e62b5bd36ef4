import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Complaint, ComplaintStatus } from '../../shared/complaints/model';
import {
  DECISION_OUTCOMES,
  FINDINGS,
  FOLLOW_UP_OUTCOMES,
  UNFOUNDED_CRITERIA,
  findTransition,
  nextStatuses,
  type DecisionInput,
  type DecisionOutcome,
  type Finding,
  type FollowUpInput,
  type FollowUpOutcome,
  type RefusalReason,
  type TransitionName,
  type UnfoundedCriterion,
} from '../../shared/lifecycle';
import { LIMITS } from '../../shared/complaints/validation';
import { CHANNEL_FORM } from '../../shared/deadlines';
import { policyOf, type WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { TransitionRefused, changeStatus, recordEvent, type TimelineEventType } from './actions';

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
      else setError(err instanceof Error ? err.message : String(err));
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

function FormButtons({ busy, submit, onCancel }: { busy: boolean; submit: string; onCancel: () => void }) {
  const { t } = useTranslation('lifecycle');
  return (
    <div className="form-actions inline">
      <button type="submit" className="primary" disabled={busy}>
        {submit}
      </button>
      <button type="button" onClick={onCancel} disabled={busy}>
        {t('panel.cancel')}
      </button>
    </div>
  );
}

function TextStepForm(props: {
  label: string;
  submit: string;
  required: boolean;
  busy: boolean;
  refusal: ReactNode;
  onCancel: () => void;
  onSubmit: (text: string) => void;
}) {
  const { t } = useTranslation(['lifecycle', 'validation']);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (props.required && !text.trim()) return setMissing(true);
    props.onSubmit(text);
  };
  return (
    <form className="step-form" onSubmit={submit} noValidate>
      {props.refusal}
      <label htmlFor="step-text">{props.label}</label>
      <textarea
        maxLength={LIMITS.note}
        id="step-text"
        rows={3}
        value={text}
        autoFocus
        aria-invalid={missing || undefined}
        onChange={(e) => setText(e.target.value)}
      />
      {missing && (
        <p className="error" role="alert">
          {t('validation:required')}
        </p>
      )}
      <FormButtons busy={props.busy} submit={props.submit} onCancel={props.onCancel} />
    </form>
  );
}

/** Which refusal belongs under which field of the decision form. */
const DECISION_FIELD: Partial<Record<RefusalReason, string>> = {
  justification_required: 'justification',
  alternative_required: 'alternative',
  unfounded_criterion_required: 'criterion',
  unfounded_criterion_unknown: 'criterion',
  finding_override_reason_required: 'override',
  finding_contradicts_outcome: 'finding',
};

/** R15: a negative answer cannot be saved without its justification and an alternative. */
function DecisionForm(props: {
  busy: boolean;
  refused: RefusalReason[];
  onCancel: () => void;
  onSubmit: (decision: DecisionInput, note: string) => void;
}) {
  const { t } = useTranslation('lifecycle');
  const [outcome, setOutcome] = useState<DecisionOutcome>('upheld');
  const [justification, setJustification] = useState('');
  const [alternative, setAlternative] = useState('');
  const [criterion, setCriterion] = useState<UnfoundedCriterion | ''>('');
  const [factsMissing, setFactsMissing] = useState(false);
  const [finding, setFinding] = useState<Finding | ''>('');
  const [override, setOverride] = useState('');
  const [note, setNote] = useState('');

  const errorFor = (field: string) => {
    const reason = props.refused.find((r) => DECISION_FIELD[r] === field);
    return reason ? (
      <p className="error" role="alert" data-testid={`decision-error-${field}`}>
        {t(`refusal.${reason}`)}
      </p>
    ) : null;
  };
  const other = props.refused.filter((r) => !DECISION_FIELD[r]);
  const negative = outcome !== 'upheld';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const decision: DecisionInput = { outcome, factsMissing, justification, alternativeOffered: alternative };
    if (outcome === 'unfounded' && criterion) decision.unfoundedCriterion = criterion;
    if (finding) decision.finding = finding;
    if (override) decision.findingOverrideReason = override;
    props.onSubmit(decision, note);
  };

  return (
    <form className="step-form" onSubmit={submit} noValidate data-testid="decision-form">
      {other.length > 0 && (
        <div className="banner banner-error" role="alert">
          {other.map((r) => t(`refusal.${r}`)).join(' ')}
        </div>
      )}
      <fieldset>
        <legend>{t('decision.outcome')}</legend>
        <div className="radio-row">
          {DECISION_OUTCOMES.map((o) => (
            <label key={o}>
              <input
                type="radio"
                name="outcome"
                value={o}
                checked={outcome === o}
                onChange={() => setOutcome(o)}
              />
              {t(`outcome.${o}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {outcome === 'unfounded' && (
        <div className="field">
          <label htmlFor="decision-criterion">{t('decision.criterion')}</label>
          <select
            id="decision-criterion"
            value={criterion}
            onChange={(e) => setCriterion(e.target.value as UnfoundedCriterion | '')}
          >
            <option value="">{t('decision.choose')}</option>
            {UNFOUNDED_CRITERIA.map((c) => (
              <option key={c.id} value={c.id}>
                {t(`criterion.${c.id}`)}
              </option>
            ))}
          </select>
          {errorFor('criterion')}
        </div>
      )}
      <div className="field">
        <label htmlFor="decision-justification">
          {t('decision.justification')}
          {negative && <span className="required">{' *'}</span>}
        </label>
        <textarea
          maxLength={LIMITS.note}
          id="decision-justification"
          rows={3}
          value={justification}
          onChange={(e) => setJustification(e.target.value)}
        />
        {errorFor('justification')}
      </div>
      <div className="field">
        <label htmlFor="decision-alternative">{t('decision.alternative')}</label>
        <textarea
          maxLength={LIMITS.note}
          id="decision-alternative"
          rows={2}
          value={alternative}
          onChange={(e) => setAlternative(e.target.value)}
        />
        {errorFor('alternative')}
      </div>
      <div className="field checkbox-field">
        <label>
          <input type="checkbox" checked={factsMissing} onChange={(e) => setFactsMissing(e.target.checked)} />
          {t('decision.factsMissing')}
        </label>
      </div>
      <div className="field">
        <label htmlFor="decision-finding">{t('decision.finding')}</label>
        <select
          id="decision-finding"
          value={finding}
          onChange={(e) => setFinding(e.target.value as Finding | '')}
        >
          <option value="">{factsMissing ? t('decision.findingDefault') : t('decision.findingNone')}</option>
          {FINDINGS.map((f) => (
            <option key={f} value={f}>
              {t(`finding.${f}`)}
            </option>
          ))}
        </select>
        {errorFor('finding')}
      </div>
      {factsMissing && finding !== '' && finding !== 'employee_at_fault' && (
        <div className="field">
          <label htmlFor="decision-override">{t('decision.overrideReason')}</label>
          <textarea
            maxLength={LIMITS.note}
            id="decision-override"
            rows={2}
            value={override}
            onChange={(e) => setOverride(e.target.value)}
          />
          {errorFor('override')}
        </div>
      )}
      <div className="field">
        <label htmlFor="decision-note">{t('decision.note')}</label>
        <input
          id="decision-note"
          maxLength={LIMITS.note}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <FormButtons busy={props.busy} submit={t('decision.save')} onCancel={props.onCancel} />
    </form>
  );
}

/** R17: the customer's answer to the follow-up; a rejection keeps the complaint open and needs the recourse notice. */
function FollowUpForm(props: {
  busy: boolean;
  refused: RefusalReason[];
  onCancel: () => void;
  onSubmit: (f: FollowUpInput) => void;
}) {
  const { t } = useTranslation('lifecycle');
  const [outcome, setOutcome] = useState<FollowUpOutcome>('accepted');
  const [satisfaction, setSatisfaction] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [recourse, setRecourse] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input: FollowUpInput = { outcome, comment, recourseInformed: recourse };
    if (satisfaction !== null) input.satisfaction = satisfaction;
    props.onSubmit(input);
  };
  return (
    <form className="step-form" onSubmit={submit} noValidate data-testid="follow-up-form">
      {props.refused.length > 0 && (
        <div className="banner banner-error" role="alert" data-testid="refusal">
          {props.refused.map((r) => t(`refusal.${r}`)).join(' ')}
        </div>
      )}
      <fieldset>
        <legend>{t('followUp.outcome')}</legend>
        <div className="radio-row">
          {FOLLOW_UP_OUTCOMES.map((o) => (
            <label key={o}>
              <input
                type="radio"
                name="follow-up"
                value={o}
                checked={outcome === o}
                onChange={() => setOutcome(o)}
              />
              {t(`followUpOutcome.${o}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {outcome !== 'unreachable' && (
        <fieldset>
          <legend>{t('followUp.satisfaction')}</legend>
          <div className="radio-row">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n}>
                <input
                  type="radio"
                  name="satisfaction"
                  value={n}
                  checked={satisfaction === n}
                  onChange={() => setSatisfaction(n)}
                />
                {n}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className="field">
        <label htmlFor="follow-up-comment">{t('followUp.comment')}</label>
        <textarea
          maxLength={LIMITS.note}
          id="follow-up-comment"
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      {outcome === 'rejected' && (
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={recourse} onChange={(e) => setRecourse(e.target.checked)} />
            {t('followUp.recourseInformed')}
          </label>
        </div>
      )}
      <FormButtons busy={props.busy} submit={t('followUp.save')} onCancel={props.onCancel} />
    </form>
  );
}

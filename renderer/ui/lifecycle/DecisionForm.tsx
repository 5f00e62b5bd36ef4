import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/complaints/validation';
import { useTranslation } from 'react-i18next';
import {
  DECISION_OUTCOMES,
  FINDINGS,
  UNFOUNDED_CRITERIA,
  type DecisionInput,
  type DecisionOutcome,
  type Finding,
  type RefusalReason,
  type UnfoundedCriterion,
} from '../../../shared/lifecycle';
import { FormButtons } from './StepForm';

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
export function DecisionForm(props: {
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
          maxLength={LIMITS.note}
          id="decision-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <FormButtons busy={props.busy} submit={t('decision.save')} onCancel={props.onCancel} />
    </form>
  );
}

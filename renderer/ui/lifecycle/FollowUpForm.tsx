import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/complaints/validation';
import { useTranslation } from 'react-i18next';
import {
  FOLLOW_UP_OUTCOMES,
  type FollowUpInput,
  type FollowUpOutcome,
  type RefusalReason,
} from '../../../shared/lifecycle';
import { FormButtons } from './StepForm';

/** R17: the customer's answer to the follow-up; a rejection keeps the complaint open and needs the recourse notice. */
export function FollowUpForm(props: {
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

import { useState, type FormEvent, type ReactNode } from 'react';
import { LIMITS } from '../../../shared/complaints/validation';
import { useTranslation } from 'react-i18next';

/** Save and Cancel under a step's form. */
export function FormButtons({
  busy,
  submit,
  onCancel,
}: {
  busy: boolean;
  submit: string;
  onCancel: () => void;
}) {
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

/** A step that needs one text: the reason to reopen, the preliminary answer, the term extension. */
export function TextStepForm(props: {
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

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A labelled form control with its hint and error, wired for screen readers. */
export function Field(props: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className={`field ${props.error ? 'field-invalid' : ''} ${props.className ?? ''}`}>
      <label htmlFor={props.id}>
        {props.label}
        {props.required && (
          <span className="required" title={t('form.required')}>
            {' *'}
          </span>
        )}
      </label>
      {props.children}
      {props.hint && !props.error && (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="error" id={`${props.id}-error`} data-testid={`error-${props.id}`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** aria attributes for the control inside a Field. */
export function describedBy(id: string, error: string | undefined, hint: string | undefined) {
  return {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  };
}

/** A one-line text input in its Field. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  type?: string;
  maxLength?: number;
}) {
  return (
    <Field id={props.id} label={props.label} error={props.error} hint={props.hint} required={props.required}>
      <input
        {...describedBy(props.id, props.error, props.hint)}
        type={props.type ?? 'text'}
        value={props.value}
        maxLength={props.maxLength}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Field>
  );
}

/** A choice among codes in its Field, each option worded by `label`; `none` adds an empty first option. */
export function SelectField<T extends string>(props: {
  id: string;
  label: string;
  value: T | '';
  options: readonly T[];
  optionLabel: (option: T) => string;
  /** The chosen option's code ('' for `none`). */
  onChange: (value: string) => void;
  none?: string;
  error?: string | undefined;
}) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      <select
        {...describedBy(props.id, props.error, undefined)}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.none !== undefined && <option value="">{props.none}</option>}
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.optionLabel(o)}
          </option>
        ))}
      </select>
    </Field>
  );
}

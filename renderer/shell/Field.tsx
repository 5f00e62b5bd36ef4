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

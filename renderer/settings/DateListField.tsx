import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../i18n/format';

/** A list of calendar dates (extra days off / working days), edited with the keyboard or the date picker. */
export function DateListField(props: {
  id: string;
  label: string;
  hint: string;
  error: string | undefined;
  dates: string[];
  onChange: (dates: string[]) => void;
  /** Set by headquarters (issue 14): the dates are shown, not edited. */
  readOnly?: boolean;
}) {
  const { t, i18n } = useTranslation('settings');
  const [draft, setDraft] = useState('');
  const add = () => {
    if (!draft) return;
    props.onChange([...new Set([...props.dates, draft])].sort());
    setDraft('');
  };
  return (
    <div className={`field ${props.error ? 'field-invalid' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <div className="date-list-input" hidden={props.readOnly}>
        <input
          id={props.id}
          type="date"
          value={draft}
          aria-describedby={props.error ? `${props.id}-error` : `${props.id}-hint`}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add} disabled={!draft}>
          {t('calendar.add')}
        </button>
      </div>
      <ul className="date-chips" data-testid={`${props.id}-list`}>
        {props.dates.length === 0 && <li className="muted">{t('calendar.none')}</li>}
        {props.dates.map((d) => (
          <li key={d} className="chip">
            {/* Noon UTC keeps the date the same in every zone it is formatted in. */}
            <time dateTime={d}>{formatDate(`${d}T12:00:00Z`, i18n.language, 'UTC')}</time>
            <button
              type="button"
              className="link-button"
              hidden={props.readOnly}
              aria-label={t('calendar.remove', { date: d })}
              onClick={() => props.onChange(props.dates.filter((x) => x !== d))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {props.error ? (
        <p className="error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      ) : (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

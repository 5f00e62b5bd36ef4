import { useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyComplaintInput, type ComplaintInput } from '../../shared/complaints/model';
import { validateComplaintInput, type FieldError } from '../../shared/complaints/validation';
import { canSeeInternalRegister } from '../../shared/people/model';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { ComplaintFields, ValidationFailed } from '../complaints';
import { useDb } from '../db/context';
import { useSignedInEmployee } from '../people';
import { TextField } from '../ui/Field';
import { submitEntry } from './actions';
import { useFocusSaveRequest } from './focusSave';
import { saveFailureText } from '../ui/saveFailure';

/**
 * R6/R7: links the entry to a complaint — a new one (channel "feedback book", the complaint form's own
 * fields and rules) or an existing one by its number — and submits it.
 */
export function SubmitForm({
  entryId,
  settings,
  saveButton,
}: {
  entryId: string;
  settings: WorkstationSettings;
  saveButton: RefObject<HTMLButtonElement | null>;
}) {
  const { t } = useTranslation('book');
  const db = useDb();
  const me = useSignedInEmployee();
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [input, setInput] = useState<ComplaintInput>(() => emptyComplaintInput('feedback_book', new Date()));
  const [number, setNumber] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [numberError, setNumberError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useFocusSaveRequest(saveButton);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    setNumberError(null);
    try {
      setSaving(true);
      if (mode === 'existing') {
        const complaint = await db.complaints.where('number').equals(number.trim().toUpperCase()).first();
        // R24: an internal complaint is not found by a counter employee, here either.
        if (!complaint || (complaint.confidential && !canSeeInternalRegister(me.role))) {
          setNumberError(t('numberNotFound'));
          return;
        }
        await submitEntry(db, entryId, { kind: 'existing', complaintId: complaint.id }, settings, me);
      } else {
        const raw = { ...input, receivedAt: new Date().toISOString() };
        const found = validateComplaintInput(raw, new Date());
        setErrors(found);
        if (found.length > 0) return;
        await submitEntry(db, entryId, { kind: 'new', input: raw }, settings, me);
      }
    } catch (error) {
      if (error instanceof ValidationFailed) setErrors(error.errors);
      else setFailure(saveFailureText(error, (message) => t('rejected.failed', { message })));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="submit-entry" onSubmit={submit} noValidate data-testid="submit-entry">
      <h2>{t('linkTitle')}</h2>
      <div className="segmented" role="radiogroup">
        <label>
          <input type="radio" checked={mode === 'new'} onChange={() => setMode('new')} />
          {t('linkNew')}
        </label>
        <label>
          <input type="radio" checked={mode === 'existing'} onChange={() => setMode('existing')} />
          {t('linkExisting')}
        </label>
      </div>
      {mode === 'existing' ? (
        <TextField
          id="b-number"
          label={t('complaintNumber')}
          value={number}
          onChange={setNumber}
          error={numberError ?? undefined}
        />
      ) : (
        <ComplaintFields
          input={input}
          errors={errors}
          update={setInput}
          timeZone={settings.timeZone}
          compact
          descriptionLabel={t('summary')}
        />
      )}
      {failure && (
        <p className="banner banner-error" role="alert">
          {failure}
        </p>
      )}
      <button
        type="submit"
        className="primary"
        disabled={saving}
        ref={saveButton}
        data-testid="submit-entry-button"
      >
        {t('submit')}
      </button>
    </form>
  );
}

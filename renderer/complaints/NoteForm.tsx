import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDb } from '../db/context';
import { useSignedInEmployee } from '../people';
import { NOTE_MAX_LENGTH, addNote } from './actions';
import { saveFailureText } from '../ui/saveFailure';

/**
 * R5: later information from the customer, added to the complaint's history (Ctrl+Enter saves) in the
 * name of the signed-in employee.
 */
export function NoteForm({ complaintId }: { complaintId: string }) {
  const { t } = useTranslation(['complaints', 'validation']);
  const db = useDb();
  const me = useSignedInEmployee();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!text.trim()) {
      setError(t('validation:required'));
      return;
    }
    setSaving(true);
    try {
      await addNote(db, complaintId, text, me);
      setText('');
      setError(null);
    } catch (err) {
      setError(saveFailureText(err, (message) => t('form.saveFailed', { message })));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="note-form" onSubmit={submit} noValidate>
      <label htmlFor="note-text">{t('detail.addNote')}</label>
      <textarea
        id="note-text"
        rows={3}
        value={text}
        maxLength={NOTE_MAX_LENGTH}
        placeholder={t('detail.notePlaceholder')}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
        }}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={saving}>
        {t('detail.saveNote')}
      </button>
    </form>
  );
}

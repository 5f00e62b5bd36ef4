import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/complaints/validation';
import { ErrorBanner } from '../ErrorBanner';

/** A comment from HQ, added to the complaint's history (Ctrl+Enter saves); the branch sees it after its pull. */
export function NoteForm({ onSave }: { onSave: (text: string) => Promise<void> }) {
  const { t } = useTranslation(['console', 'validation']);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!text.trim()) return setMissing(true);
    setMissing(false);
    setSaving(true);
    setError(null);
    try {
      await onSave(text.trim());
      setText('');
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="note-form" onSubmit={submit} noValidate>
      {error !== null && <ErrorBanner error={error} />}
      <label htmlFor="console-note">{t('console:actions.comment')}</label>
      <textarea
        id="console-note"
        rows={3}
        value={text}
        maxLength={LIMITS.note}
        placeholder={t('console:actions.commentPlaceholder')}
        aria-invalid={missing || undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
        }}
      />
      {missing && (
        <p className="error" role="alert">
          {t('validation:required')}
        </p>
      )}
      <button type="submit" disabled={saving}>
        {t('console:actions.saveComment')}
      </button>
    </form>
  );
}

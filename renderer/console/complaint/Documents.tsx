import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '../../../shared/console/protocol';
// Not the shared/documents index: what the templates need loads with the first print (./printDocument).
import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/documents/model';
import { LANGUAGES } from '../../../shared/settings/workstation';
import { ErrorBanner } from '../ErrorBanner';
import { useSession } from '../session';

/**
 * Issue 16 item 1 (R9, R15, R17, R25): the complaint's documents, as the branch prints them, in the
 * customer's language — the acknowledgement, the decision letter while a decision is in force, the record.
 * Every user who may read the complaint may print it; each print is recorded in its history at HQ. The
 * templates, fonts and QR encoder load with the first print (./printDocument), not with the console.
 */
export function Documents({ detail, onPrinted }: { detail: ComplaintDetail; onPrinted: () => void }) {
  const { t, i18n } = useTranslation('documents');
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const c = detail.complaint;
  const kinds = DOCUMENT_KINDS.filter((k) => k !== 'decision_letter' || c.progress.decision);

  async function print(kind: DocumentKind) {
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      const { printConsoleDocument, CONSOLE_PAPER } = await import('./printDocument');
      const { result, language, message } = await printConsoleDocument(
        kind,
        detail,
        new Date(),
        i18n.language,
      );
      if (!result.ok) {
        setMessage(message);
        return;
      }
      const lng = LANGUAGES.find((l) => l === language);
      if (!lng) return;
      try {
        await api.printed(c.id, { document: kind, paper: CONSOLE_PAPER, language: lng });
        onPrinted();
      } catch (err) {
        setMessage(t('print.notRecordedHq'));
        setError(err);
      }
    } catch (err) {
      // The templates could not be loaded (the console was updated meanwhile, the network dropped).
      setMessage(t('print.problem.load_failed'));
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="console-documents" aria-labelledby="documents-title" data-testid="console-documents">
      <h2 id="documents-title">{t('print.title')}</h2>
      {message && (
        <div className="banner banner-error" role="alert" data-testid="print-error">
          {message}
        </div>
      )}
      {error !== null && <ErrorBanner error={error} />}
      <div className="form-actions">
        {kinds.map((kind) => (
          <button
            key={kind}
            type="button"
            disabled={busy}
            onClick={() => void print(kind)}
            data-testid={`print-${kind}`}
          >
            {t(`print.button.${kind}`)}
          </button>
        ))}
      </div>
    </section>
  );
}

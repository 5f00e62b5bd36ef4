import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { Complaint } from '../../shared/complaints/model';
import {
  DOCUMENT_KINDS,
  PAPER_FORMATS,
  printChoice,
  type DocumentKind,
  type PaperFormat,
} from '../../shared/documents';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { printOutcomeMessage } from '../documents';
import { useSignedInEmployee } from '../people';
import { platform } from '../platform';
import { saveFailureText } from '../ui/saveFailure';
import { loadPrintPreferences, rememberPrint } from './printPreferences';
import { PrinterField } from './PrinterField';
import { printForComplaint } from './printing';

/** The one-keystroke print of the acknowledgement: the P key where it is on the keyboard, whatever the layout. */
export const PRINT_KEY_CODE = 'KeyP';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Issue 16: the complaint's documents, printed on this PC's remembered paper in the customer's language,
 * each print recorded in the history. P prints the acknowledgement (right after registration, the next
 * keystroke after Ctrl+Enter).
 */
export function PrintPanel({ complaint, settings }: { complaint: Complaint; settings: WorkstationSettings }) {
  const { t, i18n } = useTranslation(['documents', 'common']);
  const db = useDb();
  const me = useSignedInEmployee();
  const prefs = useLiveQuery(() => loadPrintPreferences(db), [db]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const busyRef = useRef(false);

  const kinds = DOCUMENT_KINDS.filter((k) => k !== 'decision_letter' || complaint.progress.decision);
  const paper: PaperFormat = prefs?.formats.acknowledgement ?? 'a4';

  async function print(kind: DocumentKind, action: 'print' | 'pdf' = 'print') {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setMessage(null);
    try {
      const result = await printForComplaint(db, complaint, kind, settings, me, new Date(), action);
      setMessage(printOutcomeMessage(result, i18n.language));
    } catch (err) {
      // The print went out but its history line could not be saved (issue 13: a full disk is said so).
      setMessage(saveFailureText(err, (m) => t('print.notRecorded', { message: m })));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }

  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.code !== PRINT_KEY_CODE || e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
    if (isTyping(e.target)) return;
    e.preventDefault();
    void print('acknowledgement');
  });
  useEffect(() => {
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  async function choosePaper(format: PaperFormat) {
    if (!prefs) return;
    // One paper for this PC's documents; each paper keeps its own printer.
    for (const kind of DOCUMENT_KINDS)
      await rememberPrint(db, kind, { format, printer: printChoice(prefs, kind).printer });
  }

  async function choosePrinter(printer: string) {
    // The printer belongs to the paper it is loaded with: every document on this paper goes to it.
    for (const kind of DOCUMENT_KINDS) await rememberPrint(db, kind, { format: paper, printer });
  }

  return (
    <section className="print-panel" aria-labelledby="print-title" data-testid="print-panel">
      <h2 id="print-title">{t('print.title')}</h2>
      {message && (
        <div className="banner banner-error" role="alert" data-testid="print-error">
          {message}
        </div>
      )}
      <div className="field">
        <label htmlFor="print-paper">{t('print.paper')}</label>
        <select
          id="print-paper"
          value={paper}
          disabled={!prefs}
          onChange={(e) => void choosePaper(e.target.value as PaperFormat)}
          data-testid="print-paper"
        >
          {PAPER_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`print.format.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <PrinterField
        printer={prefs ? printChoice(prefs, 'acknowledgement').printer : ''}
        disabled={!prefs}
        onChange={(p) => void choosePrinter(p)}
      />
      <div className="form-actions">
        {kinds.map((kind) => (
          <button
            key={kind}
            type="button"
            className={kind === 'acknowledgement' ? 'primary' : undefined}
            disabled={busy}
            onClick={() => void print(kind)}
            aria-keyshortcuts={kind === 'acknowledgement' ? 'P' : undefined}
            data-testid={`print-${kind}`}
          >
            {t(`print.button.${kind}`)}
            {kind === 'acknowledgement' && <kbd aria-hidden="true">{t('print.key')}</kbd>}
          </button>
        ))}
        {/* Issue 16 item 5: each document can be saved as a PDF file in the desktop app (a browser's print
            dialog saves PDFs itself). */}
        {platform.kind === 'electron' &&
          kinds.map((kind) => (
            <button
              key={`pdf-${kind}`}
              type="button"
              disabled={busy}
              onClick={() => void print(kind, 'pdf')}
              data-testid={`print-pdf-${kind}`}
            >
              {t(`print.savePdfOf.${kind}`)}
            </button>
          ))}
      </div>
    </section>
  );
}

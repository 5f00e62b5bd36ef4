import type { ComplaintDocument, PrintChoice } from '../../shared/documents';
import type { PrintResult } from '../../shared/ipc/contract';
import { loadLanguage } from '../i18n';
import { platform } from '../platform';
import { DOCUMENT_NAMESPACES, documentT, renderDocumentHtml } from './render';

export type PrintAction = 'print' | 'pdf';

/**
 * Issue 16: print a document (or save it as a PDF) on the chosen paper and printer. Never throws: whatever
 * goes wrong comes back as a result the screen can word with `printOutcomeMessage`.
 */
export async function printComplaintDocument(
  doc: ComplaintDocument,
  choice: PrintChoice,
  action: PrintAction = 'print',
): Promise<PrintResult> {
  try {
    // The customer's language may not be the screen's: its catalogue loads with the first document in it. A
    // document is not worded in the fallback language instead.
    if (!(await loadLanguage(doc.language, DOCUMENT_NAMESPACES)))
      return { ok: false, problem: 'texts_unavailable' };
    const { html, title } = renderDocumentHtml(doc, choice.format);
    return await platform.print({ html, title, format: choice.format, printer: choice.printer, action });
  } catch (error) {
    return { ok: false, problem: 'failed', detail: String(error).slice(0, 500) };
  }
}

/** What to tell the employee, in the screen's language (not the document's); null when nothing is worth saying. */
export function printOutcomeMessage(result: PrintResult, lng: string): string | null {
  const t = documentT({ language: lng as ComplaintDocument['language'] });
  if (result.ok) return result.savedTo ? t('print.saved', { path: result.savedTo }) : null;
  return t(`print.problem.${result.problem}`);
}

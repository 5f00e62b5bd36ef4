import { consoleDocument } from '../../../shared/console/documents';
import type { ComplaintDetail } from '../../../shared/console/protocol';
import type { DocumentKind, PaperFormat } from '../../../shared/documents';
import type { PrintResult } from '../../../shared/ipc/contract';
import { printComplaintDocument, printOutcomeMessage } from '../../documents';

/** What the console prints on: the office's sheet printer (the receipt roll is the counter's). */
export const CONSOLE_PAPER: PaperFormat = 'a4';

/**
 * Issue 16 item 1: one of the complaint's documents, made from its page as HQ sent it with the models the
 * branch prints (shared/console/documents), through the browser's print dialog (`window.print()` of the same
 * document view). Loaded when the user first prints, so the console's first screen does not carry the
 * document templates and fonts. Never throws: a problem comes back as a result.
 */
export async function printConsoleDocument(
  kind: DocumentKind,
  detail: ComplaintDetail,
  now = new Date(),
  /** The screen's language, for what to tell the user. */
  screenLanguage = 'ru',
): Promise<{ result: PrintResult; language?: string; message: string | null }> {
  const doc = consoleDocument(kind, detail, now);
  if (!doc) {
    const result: PrintResult = { ok: false, problem: 'unavailable' };
    return { result, message: printOutcomeMessage(result, screenLanguage) };
  }
  const result = await printComplaintDocument(doc, { format: CONSOLE_PAPER, printer: '' });
  return { result, language: doc.language, message: printOutcomeMessage(result, screenLanguage) };
}

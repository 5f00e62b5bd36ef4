/**
 * Issue 16: this PC remembers which paper each document goes on and which printer serves each paper, so the
 * next print is one keystroke. Kept per workstation (a counter may have a receipt printer, the office an A4
 * one); '' means the system's default printer.
 */
import { DOCUMENT_KINDS, type DocumentKind } from './model';
import { isPaperFormat, PAPER_FORMATS, type PaperFormat } from './paper';

export const PRINTER_NAME_MAX = 256;

export interface PrintPreferences {
  formats: Record<DocumentKind, PaperFormat>;
  printers: Record<PaperFormat, string>;
}

export interface PrintChoice {
  format: PaperFormat;
  /** '' = the system's default printer. */
  printer: string;
}

/** A4 everywhere until someone picks the receipt printer: every office has an A4 printer. */
export function defaultPrintPreferences(): PrintPreferences {
  return {
    formats: { acknowledgement: 'a4', decision_letter: 'a4', record: 'a4' },
    printers: { a4: '', receipt80: '' },
  };
}

const isPrinterName = (v: unknown): v is string => typeof v === 'string' && v.length <= PRINTER_NAME_MAX;

/** What was stored, checked value by value: anything unreadable falls back to its default. */
export function readPrintPreferences(stored: unknown): PrintPreferences {
  const prefs = defaultPrintPreferences();
  if (!stored || typeof stored !== 'object') return prefs;
  const s = stored as { formats?: Record<string, unknown>; printers?: Record<string, unknown> };
  for (const kind of DOCUMENT_KINDS) {
    const f = s.formats?.[kind];
    if (isPaperFormat(f)) prefs.formats[kind] = f;
  }
  for (const format of PAPER_FORMATS) {
    const p = s.printers?.[format];
    if (isPrinterName(p)) prefs.printers[format] = p;
  }
  return prefs;
}

export function printChoice(prefs: PrintPreferences, kind: DocumentKind): PrintChoice {
  const format = prefs.formats[kind];
  return { format, printer: prefs.printers[format] };
}

/** After a print: this document goes on this paper, and this paper is in this printer. */
export function rememberPrintChoice(
  prefs: PrintPreferences,
  kind: DocumentKind,
  choice: PrintChoice,
): PrintPreferences {
  if (!isPaperFormat(choice.format) || !isPrinterName(choice.printer)) return prefs;
  return {
    formats: { ...prefs.formats, [kind]: choice.format },
    printers: { ...prefs.printers, [choice.format]: choice.printer },
  };
}

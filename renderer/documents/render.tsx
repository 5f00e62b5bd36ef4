import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { ComplaintDocument, PaperFormat } from '../../shared/documents';
import { i18next } from '../i18n';
import { DocumentView } from './DocumentView';
import type { DocT } from './parts';
// Its own file, emitted beside the app's assets (fonts included) and linked only by documents.
import stylesheetUrl from './documents.css?url';

/** The document stylesheet's absolute address (app://otklik/assets/… in Electron, http://… in a browser). */
export function documentStylesheetHref(): string {
  return new URL(stylesheetUrl, document.baseURI).href;
}

/** The catalogues a document is worded from. */
export const DOCUMENT_NAMESPACES = ['documents', 'complaints', 'lifecycle'] as const;

/**
 * A translator fixed to the document's language, whatever language the screen is in (R25). That language's
 * catalogues must be loaded (printComplaintDocument loads them).
 */
export function documentT(doc: Pick<ComplaintDocument, 'language'>): DocT {
  return i18next.getFixedT(doc.language, [...DOCUMENT_NAMESPACES]) as DocT;
}

export function documentTitle(doc: ComplaintDocument): string {
  return `${documentT(doc)(`title.${doc.kind}`)} ${doc.number}`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The document as one static HTML page: what Electron's hidden print window loads and a browser prints.
 * React escapes every value from the complaint; the page has no scripts and no inline styles.
 */
export function renderDocumentHtml(
  doc: ComplaintDocument,
  format: PaperFormat,
): { html: string; title: string } {
  const host = document.createElement('div');
  const root = createRoot(host);
  flushSync(() => root.render(<DocumentView doc={doc} format={format} t={documentT(doc)} />));
  const body = host.innerHTML;
  root.unmount();
  const title = documentTitle(doc);
  const html =
    `<!doctype html>\n<html lang="${doc.language}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(title)}</title>` +
    `<link rel="stylesheet" href="${escapeHtml(documentStylesheetHref())}">` +
    `</head><body class="otklik-document-page">${body}</body></html>`;
  return { html, title };
}

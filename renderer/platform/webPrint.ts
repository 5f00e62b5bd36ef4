import { pxToMm } from '../../shared/documents/paper';
import type { PrintJob, PrintResult } from '../../shared/ipc/contract';

/**
 * Issue 16, browser fallback: `window.print()` of the very document Electron would print. Its markup is put
 * into a print-only container of this page (the document stylesheet hides everything else from the printer),
 * fonts are awaited, and a receipt's page is sized to its measured length. A browser cannot choose the
 * printer or save a PDF by itself: its print dialog does both.
 */
export const PRINT_ROOT_CLASS = 'otklik-print-root';
const PRINTING_CLASS = 'otklik-printing';

async function ensureStylesheet(href: string): Promise<void> {
  const present = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].find(
    (l) => l.href === href,
  );
  if (present?.sheet) return;
  const link = present ?? Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
  const loaded = new Promise<void>((resolve, reject) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => reject(new Error(`stylesheet ${href} did not load`)), {
      once: true,
    });
  });
  if (!present) document.head.append(link);
  await loaded;
}

/** Puts the document on this page, ready to print; the returned function takes it away again. */
export async function mountPrintDocument(job: Pick<PrintJob, 'html' | 'format'>): Promise<() => void> {
  const parsed = new DOMParser().parseFromString(job.html, 'text/html');
  for (const link of parsed.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]'))
    await ensureStylesheet(link.href);
  const root = document.createElement('div');
  root.className = PRINT_ROOT_CLASS;
  root.append(...[...parsed.body.childNodes].map((n) => document.importNode(n, true)));
  document.body.append(root);
  document.documentElement.classList.add(PRINTING_CLASS);
  const sheets = [...document.adoptedStyleSheets];
  // Every face the text needs, before printing (see electron/document-ready.ts).
  const text = root.innerText;
  await Promise.all(['400', '700'].map((w) => document.fonts.load(`${w} 16px "Otklik Document"`, text)));
  await document.fonts.ready;
  if (job.format === 'receipt80') {
    // A roll has no page length: the page is as long as the receipt (CSSOM, which the CSP allows).
    const height = Math.ceil(pxToMm(root.querySelector('.doc')?.getBoundingClientRect().height ?? 0)) + 1;
    const page = new CSSStyleSheet();
    page.replaceSync(`@page otklik-receipt { size: 80mm ${Math.max(50, height)}mm; margin: 0; }`);
    document.adoptedStyleSheets = [...sheets, page];
  }
  return () => {
    root.remove();
    document.documentElement.classList.remove(PRINTING_CLASS);
    document.adoptedStyleSheets = sheets;
  };
}

export async function webPrint(job: PrintJob): Promise<PrintResult> {
  let unmount: (() => void) | undefined;
  const title = document.title;
  try {
    try {
      unmount = await mountPrintDocument(job);
    } catch (error) {
      return { ok: false, problem: 'load_failed', detail: String(error).slice(0, 500) };
    }
    // The browser names a saved PDF after the page title.
    document.title = job.title;
    try {
      window.print();
    } catch (error) {
      // The browser refused to print (a policy, a sandbox): the document itself was ready.
      return { ok: false, problem: 'failed', detail: String(error).slice(0, 500) };
    }
    return { ok: true };
  } finally {
    document.title = title;
    unmount?.();
  }
}

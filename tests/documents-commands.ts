import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { BrowserCommand } from 'vitest/node';
import type * as ZXingReader from 'zxing-wasm/reader';
import '@vitest/browser-playwright';
import { WAIT_FOR_DOCUMENT } from '../electron/document-ready.ts';

/**
 * Browser commands for tests/unit/renderer/documents (issue 16): they run in Node beside the test's Chromium.
 * Each document is put on a page of its own origin (so its stylesheet and bundled fonts load as in the app),
 * measured, its QR code decoded from a screenshot (zxing-wasm, wasm read from node_modules — never a CDN),
 * and printed to PDF by Chromium the way Electron's printToPDF does (explicit page size, no margins); the
 * PDF's text is extracted with pdfjs-dist. One page serves every document of a call.
 */
export interface DocumentToPrint {
  /** Also the file name under OTKLIK_DOCUMENTS_OUT. */
  id: string;
  html: string;
  format: 'a4' | 'receipt80';
}

export interface PrintedDocument {
  id: string;
  /** The PDF's text, whitespace removed (line breaks fall anywhere). */
  text: string;
  pages: number;
  /** Of the first PDF page, in millimetres. */
  pageWidthMm: number;
  /** The document's width on the page and how far anything inside sticks out of it, in millimetres. */
  widthMm: number;
  overflowMm: number;
  /** Decoded from a screenshot of the printed QR code, with its printed size. */
  qr: { text: string | null; sizeMm: number } | null;
  /** Unicode ranges of the font faces that loaded, and how many failed. */
  fontRanges: string[];
  fontsFailed: number;
}

const require = createRequire(import.meta.url);
let zxingReady: Promise<typeof ZXingReader> | undefined;

function zxing() {
  zxingReady ??= (async () => {
    const reader = await import('zxing-wasm/reader');
    const wasm = await readFile(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    await reader.prepareZXingModule({
      overrides: {
        wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer,
      },
      fireImmediately: true,
    });
    return reader;
  })();
  return zxingReady;
}

async function pdfText(pdf: Uint8Array): Promise<{ text: string; pages: number; widthMm: number }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: pdf, isEvalSupported: false, useSystemFonts: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    for (const item of content.items) if ('str' in item) text += item.str;
  }
  const first = await doc.getPage(1);
  const [x0, , x1] = first.view as [number, number, number, number];
  const result = { text: text.replace(/\s+/g, ''), pages: doc.numPages, widthMm: ((x1 - x0) * 25.4) / 72 };
  await doc.destroy();
  return result;
}

export const printDocumentsToPdf: BrowserCommand<[DocumentToPrint[]]> = async (ctx, docs) => {
  const origin = new URL(ctx.page.url()).origin;
  const page = await ctx.context.newPage();
  // Like Electron's app://otklik/print/<id>.html: each document is a page of its own at the app's origin.
  const pages = new Map(docs.map((d, i) => [`${origin}/__otklik_print__/${i}.html`, d.html]));
  await page.route(`${origin}/__otklik_print__/*`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: pages.get(route.request().url()) ?? '' }),
  );
  const printed: PrintedDocument[] = [];
  try {
    for (const [i, d] of docs.entries()) {
      await page.goto(`${origin}/__otklik_print__/${i}.html`, { waitUntil: 'load' });
      // Exactly what Electron's print window waits for before it prints.
      const waited = (await page.evaluate(WAIT_FOR_DOCUMENT)) as { heightPx: number; fontsFailed: number };
      const m = await page.evaluate(async () => {
        const mm = (px: number) => (px * 25.4) / 96;
        const doc = document.querySelector('.doc')!.getBoundingClientRect();
        let right = doc.right;
        for (const el of document.querySelectorAll('.doc *'))
          right = Math.max(right, el.getBoundingClientRect().right);
        const qr = document.querySelector('[data-testid="doc-qr"]')?.getBoundingClientRect();
        const faces = [...document.fonts];
        return {
          widthMm: mm(doc.width),
          overflowMm: mm(right - doc.right),
          qrMm: qr ? mm(qr.width) : null,
          fontRanges: faces.filter((f) => f.status === 'loaded').map((f) => f.unicodeRange),
        };
      });
      let qr: PrintedDocument['qr'] = null;
      if (m.qrMm !== null) {
        const png = await page.locator('[data-testid="doc-qr"]').screenshot();
        const [found] = await (await zxing()).readBarcodes(new Uint8Array(png), { formats: ['QRCode'] });
        qr = { text: found?.text ?? null, sizeMm: m.qrMm };
      }
      const pdf = await page.pdf(
        d.format === 'a4'
          ? { format: 'A4', margin: { top: 0, right: 0, bottom: 0, left: 0 }, printBackground: true }
          : {
              width: '80mm',
              height: `${Math.ceil((waited.heightPx * 25.4) / 96) + 1}mm`,
              margin: { top: 0, right: 0, bottom: 0, left: 0 },
              printBackground: true,
            },
      );
      // To look at them: OTKLIK_DOCUMENTS_OUT=<dir> keeps every PDF the test prints.
      const out = process.env.OTKLIK_DOCUMENTS_OUT;
      if (out) await mkdir(out, { recursive: true }).then(() => writeFile(join(out, `${d.id}.pdf`), pdf));
      const text = await pdfText(new Uint8Array(pdf));
      printed.push({
        id: d.id,
        text: text.text,
        pages: text.pages,
        pageWidthMm: text.widthMm,
        widthMm: m.widthMm,
        overflowMm: m.overflowMm,
        qr,
        fontRanges: m.fontRanges,
        fontsFailed: waited.fontsFailed,
      });
    }
  } finally {
    await page.close();
  }
  return printed;
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    printDocumentsToPdf: (docs: DocumentToPrint[]) => Promise<PrintedDocument[]>;
  }
}

import type PdfKit from 'pdfkit';
import type * as QrLibraryModule from 'qrcode';
import type { DocumentBlock } from '../../shared/documents/blocks';
import { PAPER, QR_MIN_MM } from '../../shared/documents/paper';
import { FONT_FILES, fontBytes, type Script } from './documents-fonts';

/**
 * Issue 16 item 5: a customer document as an A4 PDF, made in Node (no browser at HQ) with pdfkit from the
 * text blocks of shared/documents/blocks.ts. The fonts are the same bundled Noto Sans / Noto Sans KR the
 * printed documents use (documents-fonts.ts), so Cyrillic, Czech diacritics and Hangul are embedded whatever
 * the server has installed.
 */

/** Which bundled subset draws a code point (the unicode ranges of the @fontsource subsets). */
function scriptOf(cp: number): Script {
  if (
    (cp >= 0x1100 && cp <= 0x11ff) ||
    (cp >= 0x3000 && cp <= 0x303f) ||
    (cp >= 0x3130 && cp <= 0x318f) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7ff) ||
    (cp >= 0xff00 && cp <= 0xffef)
  )
    return 'kr';
  if ((cp >= 0x0400 && cp <= 0x052f) || cp === 0x2116 || (cp >= 0x2de0 && cp <= 0x2dff) || cp === 0x0301)
    return 'cyr';
  if (cp <= 0xff || (cp >= 0x2000 && cp <= 0x206f) || cp === 0x20ac || cp === 0x2122 || cp === 0x2212)
    return 'lat';
  return 'latx';
}

/** The text cut into runs each drawn with the subset that has its letters. */
function scriptRuns(text: string): Array<{ script: Script; text: string }> {
  const runs: Array<{ script: Script; text: string }> = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const last = runs[runs.length - 1];
    // Fewer runs, less layout work: every subset has the spaces; the Korean one has ASCII too.
    const keep = last && (cp === 0x20 || cp === 0xa0 || (last.script === 'kr' && cp > 0x20 && cp < 0x7f));
    const script = keep ? last.script : scriptOf(cp);
    if (last && last.script === script) last.text += ch;
    else runs.push({ script, text: ch });
  }
  return runs;
}

const MM = 72 / 25.4;
const MARGIN = 18 * MM;
const SIZES = { title: 16, heading: 11.5, text: 10.5, strong: 10.5, muted: 8.5, item: 10.5, field: 10.5 };

/**
 * pdfkit and qrcode load with the first document, not with HQ: imported at the top they cost about 0.4 s
 * of CPU at every start of HQ and every command of its CLI (issue 17: measured with `node -e`).
 */
type QrLibrary = typeof QrLibraryModule;
let libraries: Promise<{ PDFDocument: typeof PdfKit; QRCode: QrLibrary }> | undefined;
const loadLibraries = () =>
  (libraries ??= Promise.all([import('pdfkit'), import('qrcode')]).then(
    ([pdfkit, qrcode]) => ({ PDFDocument: pdfkit.default, QRCode: qrcode.default }),
    (error: unknown) => {
      // Tried again with the next document (a mail retried later), not refused until HQ restarts.
      libraries = undefined;
      throw error;
    },
  ));

export async function documentPdf(
  blocks: readonly DocumentBlock[],
  meta: { title: string },
): Promise<Buffer> {
  const { PDFDocument, QRCode } = await loadLibraries();
  const doc = new PDFDocument({
    size: [PAPER.a4.widthMm * MM, (PAPER.a4.heightMm ?? 297) * MM],
    margin: MARGIN,
    info: { Title: meta.title, Producer: 'Otklik', Creator: 'Otklik' },
    compress: true,
  });
  for (const script of Object.keys(FONT_FILES) as Script[]) {
    doc.registerFont(`${script}-400`, fontBytes(script, 400));
    doc.registerFont(`${script}-700`, fontBytes(script, 700));
  }
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const write = (text: string, size: number, bold: boolean, options: PDFKit.Mixins.TextOptions = {}) => {
    const runs = scriptRuns(text.replace(/\r\n?/g, '\n'));
    if (runs.length === 0) return;
    runs.forEach((run, i) => {
      doc.font(`${run.script}-${bold ? 700 : 400}`).fontSize(size);
      doc.text(run.text, { width, ...options, continued: i < runs.length - 1 });
    });
  };

  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
        doc.moveDown(0.6);
        write(b.text, SIZES.title, true);
        doc.moveDown(0.3);
        break;
      case 'heading':
        doc.moveDown(0.5);
        write(b.text, SIZES.heading, true);
        break;
      case 'field':
        write(`${b.label}: ${b.text}`, SIZES.field, false);
        break;
      case 'item':
        write(`•  ${b.text}`, SIZES.item, false, { indent: 8 });
        break;
      case 'qr':
        doc.moveDown(0.8);
        drawQr(QRCode, doc, b.payload, Math.max(QR_MIN_MM, 30) * MM);
        write(b.caption, SIZES.muted, false);
        break;
      default:
        write(b.text, SIZES[b.kind], b.kind === 'strong');
    }
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The QR code as filled squares (no image), at least QR_MIN_MM wide, with its quiet zone. */
function drawQr(QRCode: QrLibrary, doc: PDFKit.PDFDocument, payload: string, side: number): void {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = side / (n + 8);
  if (doc.y + side > doc.page.height - MARGIN) doc.addPage();
  const x0 = doc.page.margins.left + 4 * cell;
  const y0 = doc.y + 4 * cell;
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(x0 + c * cell, y0 + r * cell, cell, cell);
  doc.fill('#000');
  doc.x = doc.page.margins.left;
  doc.y = y0 + (n + 4) * cell;
}

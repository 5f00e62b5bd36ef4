import { describe, expect, it } from 'vitest';
import { documentPdf } from '../../../../hq/mail/documents-pdf';
import type { DocumentBlock } from '../../../../shared/documents/blocks';

/**
 * Issue 16 item 5: HQ's PDF of a customer document, made in Node from text blocks with the bundled fonts,
 * read back with pdfjs-dist: every script the five languages need comes back as text (Cyrillic with ґ/є/ї,
 * Czech diacritics, Hangul, the № sign, currency signs), and the page is A4.
 */
async function readPdf(pdf: Buffer) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false })
    .promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++)
    for (const item of (await (await doc.getPage(i)).getTextContent()).items)
      if ('str' in item) text += item.str;
  const [x0, y0, x1, y1] = (await doc.getPage(1)).view as [number, number, number, number];
  const result = {
    text: text.replace(/\s+/g, ''),
    pages: doc.numPages,
    mm: [x1 - x0, y1 - y0].map((p) => Math.round((p * 25.4) / 72)),
  };
  await doc.destroy();
  return result;
}
const squash = (s: string) => s.replace(/\s+/g, '');

describe('documentPdf', () => {
  const samples: Array<[string, DocumentBlock]> = [
    ['ru title', { kind: 'title', text: 'Подтверждение получения жалобы № MSK-01-2026-100123' }],
    ['uk field', { kind: 'field', label: 'Контакти', text: 'Ґанна Їжакевич, є телефон +380 44 123 45 67' }],
    ['cs text', { kind: 'text', text: 'Příliš žluťoučký kůň úpěl ďábelské ódy — Česká obchodní inspekce' }],
    ['ko heading', { kind: 'heading', text: '불만 접수 확인서: 2026년 9월 28일까지 답변을 드리겠습니다' }],
    ['money', { kind: 'item', text: '1 500,00 ₽ · 250,00 ₴ · ₩15,000 · 120,00 Kč · €5' }],
    ['muted', { kind: 'muted', text: 'Документ сформирован 28 сентября 2026 г.' }],
  ];

  // The first PDF of the process unpacks the bundled fonts (hq/mail/documents-fonts.ts): about half a
  // second alone, far longer on a two-core machine running the other suites beside it.
  it(
    'every script of the five languages comes back as text, on an A4 page',
    { timeout: 60_000 },
    async () => {
      const pdf = await documentPdf(
        [
          ...samples.map(([, b]) => b),
          { kind: 'qr', payload: 'OTKLIK:MSK-01-2026-100123:7K3MQ9XA', caption: 'QR' },
        ],
        { title: 'Test' },
      );
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const read = await readPdf(pdf);
      expect(read.mm).toEqual([210, 297]);
      expect(read.pages).toBe(1);
      for (const [, b] of samples) {
        if (b.kind === 'qr') continue;
        if (b.kind === 'field') expect(read.text).toContain(squash(`${b.label}: ${b.text}`));
        else expect(read.text).toContain(squash(b.text));
      }
    },
  );

  it('a long letter flows onto further pages without losing a line', { timeout: 60_000 }, async () => {
    const lines = Array.from({ length: 120 }, (_, i) => `Строка ${i + 1}: 줄 ${i + 1} — řádek ${i + 1}.`);
    const read = await readPdf(
      await documentPdf(
        lines.map((text) => ({ kind: 'text', text })),
        { title: 'T' },
      ),
    );
    expect(read.pages).toBeGreaterThan(1);
    for (const line of [lines[0]!, lines[59]!, lines[119]!]) expect(read.text).toContain(squash(line));
  });
});

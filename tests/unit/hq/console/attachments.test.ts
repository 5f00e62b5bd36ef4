import { describe, expect, it } from 'vitest';
import { attachmentDisposition, safeContentType } from '../../../../hq/console/attachments';

// Issue 15 item 2 (R3, R24): what a console download of an attached file is served as — never inline,
// never a type a browser would run, the name exact in UTF-8 and safe in its ASCII fallback.

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p)] : p)));

describe('safeContentType', () => {
  it.each<[string, string, Uint8Array, string]>([
    ['a PDF that is one', 'application/pdf', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['a JPEG that is one', 'image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['an e-mail that is one', 'message/rfc822', bytes('From: a@example.com\n\nhi'), 'message/rfc822'],
    ['an HTML page recorded as PNG', 'image/png', bytes('<html><script>'), 'application/octet-stream'],
    ['a JPEG recorded as PDF', 'application/pdf', bytes([0xff, 0xd8, 0xff]), 'application/octet-stream'],
    ['a type not accepted at all', 'text/html', bytes('<html>'), 'application/octet-stream'],
    ['an SVG recorded as its own type', 'image/svg+xml', bytes('<svg/>'), 'application/octet-stream'],
  ])('%s → %s', (_what, recorded, content, served) => {
    expect(safeContentType(recorded, content)).toBe(served);
  });
});

describe('attachmentDisposition', () => {
  it.each([
    ['scan.pdf', `attachment; filename="scan.pdf"; filename*=UTF-8''scan.pdf`],
    [
      'Чек № 5.pdf',
      `attachment; filename="___ _ 5.pdf"; filename*=UTF-8''%D0%A7%D0%B5%D0%BA%20%E2%84%96%205.pdf`,
    ],
    ['a"b;c%d\\e.pdf', `attachment; filename="a_b_c_d_e.pdf"; filename*=UTF-8''a%22b%3Bc%25d%5Ce.pdf`],
    ["it's (1)*.jpg", `attachment; filename="it's (1)*.jpg"; filename*=UTF-8''it%27s%20%281%29%2A.jpg`],
    ['영수증.png', `attachment; filename="___.png"; filename*=UTF-8''%EC%98%81%EC%88%98%EC%A6%9D.png`],
  ])('%j', (name, header) => {
    expect(attachmentDisposition(name)).toBe(header);
    // One header line: nothing that would end it or start another.
    expect(header).not.toMatch(/[\r\n]/);
  });
});

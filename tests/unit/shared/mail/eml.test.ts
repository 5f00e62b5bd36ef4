import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import {
  bookEntryMessageId,
  bookMailAttachments,
  bookMailContent,
  type Translate,
} from '../../../../shared/mail/content';
import { base64, buildEml, encodeHeaderText, formatAddress } from '../../../../shared/mail/eml';
import { LANGUAGES } from '../../../../shared/settings/workstation';

// R7 fallback: the .eml file the branch hands to a mail client must be a valid MIME message. Parsed here
// with mailparser (a real MIME parser), not compared with a string.

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255);
const sha = (b: Uint8Array | Buffer) => createHash('sha256').update(b).digest('hex');

describe('base64', () => {
  it.each([0, 1, 2, 3, 4, 5, 57, 1000, 65537])('matches Node for %i bytes', (n) => {
    const b = bytes(n, n);
    expect(base64(b)).toBe(Buffer.from(b).toString('base64'));
  });
});

describe('headers', () => {
  it('leaves ASCII alone and encodes the rest in words of at most 75 characters', () => {
    expect(encodeHeaderText('Plain subject')).toBe('Plain subject');
    const long = 'Книга отзывов и предложений — Москва, Тверская (MSK-01): жалоба MSK-01-2026-100123';
    const encoded = encodeHeaderText(long);
    for (const word of encoded.split('\r\n ')) expect(word.length).toBeLessThanOrEqual(75);
  });

  it('refuses an address that is not one', () => {
    expect(() => formatAddress({ address: 'not an address' })).toThrow();
    expect(formatAddress({ name: 'A "B"', address: 'a@b.ru' })).toBe('"A \\"B\\"" <a@b.ru>');
  });
});

describe('buildEml', () => {
  const pages = [
    { pageNo: 2, mime: 'image/jpeg', content: bytes(300_001, 2) },
    { pageNo: 1, mime: 'image/jpeg', content: bytes(123_456, 1) },
    { pageNo: 3, mime: 'image/png', content: bytes(5, 3) },
  ];

  it('parses with To, Cc, UTF-8 subject and body, and the photos byte-identical in page order', async () => {
    const subject = 'Книга отзывов — Москва (MSK-01): жалоба MSK-01-2026-100123 😀';
    const text = 'Здравствуйте, Ирина Петровна!\nСтрока два.\n\nПодпись';
    const eml = buildEml({
      to: [{ name: 'Ирина Петровна Смирнова', address: 'manager@example.ru' }],
      cc: [{ name: 'Head of Sales', address: 'sales@example.ru' }],
      subject,
      text,
      date: new Date('2026-11-23T08:05:00Z'),
      messageId: bookEntryMessageId('0192f1a0-0000-7000-8000-000000000001'),
      attachments: bookMailAttachments(pages),
      draft: true,
    });
    expect(eml.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    const mail = await simpleParser(eml);
    expect(mail.subject).toBe(subject);
    expect(mail.text?.trim()).toBe(text.replace(/\n/g, '\n').trim());
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([
      { name: 'Ирина Петровна Смирнова', address: 'manager@example.ru' },
    ]);
    expect(mail.cc && !Array.isArray(mail.cc) ? mail.cc.value : []).toEqual([
      { name: 'Head of Sales', address: 'sales@example.ru' },
    ]);
    expect(mail.messageId).toBe('<book-entry.0192f1a0-0000-7000-8000-000000000001@otklik>');
    expect(mail.date?.toISOString()).toBe('2026-11-23T08:05:00.000Z');
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(mail.attachments.map((a) => [a.filename, a.contentType, sha(a.content)])).toEqual([
      ['page-01.jpg', 'image/jpeg', sha(pages[1]!.content)],
      ['page-02.jpg', 'image/jpeg', sha(pages[0]!.content)],
      ['page-03.png', 'image/png', sha(pages[2]!.content)],
    ]);
  });

  it('needs a recipient', () => {
    expect(() =>
      buildEml({
        to: [],
        cc: [],
        subject: 's',
        text: 't',
        date: new Date(),
        messageId: '<x@y>',
        attachments: [],
      }),
    ).toThrow();
  });
});

describe('bookMailContent in every language', () => {
  const root = join(import.meta.dirname, '../../../../locales');
  it.each(LANGUAGES)('%s: subject and body carry the facts, no raw keys', async (lng) => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng,
      resources: { [lng]: { mail: JSON.parse(readFileSync(join(root, lng, 'mail.json'), 'utf8')) } },
      defaultNS: 'mail',
      interpolation: { escapeValue: false },
    });
    const { subject, text } = bookMailContent(i18n.t.bind(i18n) as unknown as Translate, {
      complaintNumber: 'MSK-01-2026-100123',
      branchCode: 'MSK-01',
      branchName: 'Тверская',
      employee: 'Анна Иванова',
      capturedAt: new Date('2026-11-23T12:00:00Z'),
      deadline: new Date('2026-11-24T08:00:00Z'),
      summary: 'Долго ждал кассира',
      pageCount: 3,
      managerName: 'Ирина',
      language: lng,
      timeZone: 'Europe/Moscow',
      fallback: true,
    });
    expect(subject).toContain('MSK-01-2026-100123');
    expect(subject).toContain('Тверская (MSK-01)');
    for (const fact of ['Анна Иванова', 'Долго ждал кассира', '3']) expect(text).toContain(fact);
    // The manager is greeted by name where the nominative is the form of address; Czech and Ukrainian need
    // the vocative, which a name field cannot give, so they greet without the name (GLOSSARY).
    if (lng === 'cs' || lng === 'uk') {
      expect(text.split('\n')[0]).toBe(lng === 'cs' ? 'Dobrý den,' : 'Добрий день!');
      expect(text).not.toContain('Ирина');
    } else expect(text.split('\n')[0]).toContain('Ирина');
    // The deadline in the branch's zone: 11:00 Moscow, whatever zone the test runs in.
    expect(text).toMatch(/11[:.]00/);
    expect(`${subject}\n${text}`).not.toMatch(/fields\.|intro|greeting|fallbackNote|signature/);
  });
});

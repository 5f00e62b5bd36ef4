import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  bookMailContent,
  escalationMailContent,
  type EntryMailFacts,
  type Translate,
} from '../../../../shared/mail/content';
import { LANGUAGES } from '../../../../shared/settings/workstation';

// R7, R11, R25: the entry's e-mail and its escalation state the entry's facts with the same lines, in the
// branch's language; the escalation adds what HQ knows about the e-mail.

const root = join(import.meta.dirname, '../../../../locales');

async function translatorFor(lng: string): Promise<Translate> {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    resources: { [lng]: { mail: JSON.parse(readFileSync(join(root, lng, 'mail.json'), 'utf8')) } },
    defaultNS: 'mail',
    interpolation: { escapeValue: false },
  });
  return i18n.t.bind(i18n) as unknown as Translate;
}

const facts = (language: string): EntryMailFacts => ({
  complaintNumber: 'MSK-01-2026-100123',
  branchCode: 'MSK-01',
  branchName: 'Тверская',
  employee: 'Анна Иванова',
  capturedAt: new Date('2026-11-23T12:00:00Z'),
  deadline: new Date('2026-11-24T08:00:00Z'),
  summary: 'Долго ждал кассира',
  language,
  timeZone: 'Europe/Moscow',
});

const escalation = (language: string) => ({
  ...facts(language),
  headOfSalesName: 'Пётр Соколов',
  managerName: 'Ирина Смирнова',
  managerEmail: 'manager@example.ru',
  photos: { arrived: 1, total: 3 },
  status: 'retrying' as const,
  lastError: '421 Service not available, try later',
});

describe.each(LANGUAGES)('%s', (lng) => {
  it('the escalation carries the facts, the manager, the photos and the mail state; no raw keys', async () => {
    const t = await translatorFor(lng);
    const { subject, text } = escalationMailContent(t, escalation(lng));
    expect(subject).toContain('MSK-01-2026-100123');
    expect(subject).toContain('Тверская (MSK-01)');
    // Czech and Ukrainian greet without the name: it would need the vocative (GLOSSARY.md, issue 19).
    if (lng !== 'cs' && lng !== 'uk') expect(text).toContain('Пётр Соколов');
    else expect(text).not.toContain('Пётр Соколов');
    for (const fact of [
      'Анна Иванова',
      'Долго ждал кассира',
      'Ирина Смирнова <manager@example.ru>',
      '421 Service not available, try later',
      t('escalation.statusValue.retrying'),
    ])
      expect(text).toContain(fact);
    // The deadline in the branch's zone: 11:00 Moscow, whatever zone the test runs in.
    expect(subject).toMatch(/11[:.]00/);
    expect(`${subject}\n${text}`).not.toMatch(/escalation\.|fields\.|greeting|signature|noSummary/);
  });

  it('both messages state the entry with the same lines', async () => {
    const t = await translatorFor(lng);
    const book = bookMailContent(t, { ...facts(lng), pageCount: 3, managerName: 'Ирина', fallback: false });
    const esc = escalationMailContent(t, escalation(lng));
    const factLines = (text: string) => text.split('\n').slice(4, 10);
    expect(factLines(book.text)).toEqual(factLines(esc.text));
    expect(factLines(book.text).join('\n')).toContain('Анна Иванова');
  });
});

describe('escalation wording (en)', () => {
  it('names the head of sales, counts the photos, says the state; no error line without an error', async () => {
    const t = await translatorFor('en');
    const { lastError: _none, ...withoutError } = escalation('en');
    const { text } = escalationMailContent(t, { ...withoutError, headOfSalesName: '', status: 'waiting' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Hello,');
    expect(lines).toContain('Branch manager: Ирина Смирнова <manager@example.ru>');
    expect(lines).toContain('Photos received at headquarters: 1 of 3');
    expect(lines).toContain('Mail status: waiting for photos from the branch');
    expect(text).not.toContain('Last error');
    expect(lines.at(-1)).toBe(t('signature'));
  });

  it('an entry without a complaint number and summary says so', async () => {
    const t = await translatorFor('en');
    const { subject, text } = escalationMailContent(t, {
      ...escalation('en'),
      complaintNumber: undefined,
      summary: '  ',
    });
    expect(subject).toContain('complaint not assigned yet');
    expect(text).toContain('Complaint number: not assigned yet');
    expect(text).toContain('Summary: see the photos');
  });
});

import { describe, expect, it } from 'vitest';
import {
  documentFilename,
  documentMailContent,
  documentMailJobId,
  documentMessageId,
  documentsToEmail,
  isEmailedDocument,
} from '../../../../shared/documents/email-copy';
import { complaintOf, decided } from './fixtures';

// Issue 16 item 5: which copies a customer is e-mailed, under which Message-ID, and what the e-mail says.
describe('documentsToEmail', () => {
  const decidedComplaint = decided('RU', { outcome: 'upheld' }).complaint;
  it.each<[string, Parameters<typeof documentsToEmail>[0], string[]]>([
    ['address and consent: the acknowledgement', complaintOf('RU'), ['acknowledgement']],
    ['decided: both', decidedComplaint, ['acknowledgement', 'decision_letter']],
    ['no consent', complaintOf('RU', { consent: false }), []],
    ['no address', complaintOf('RU', { customer: { ...complaintOf('RU').customer, email: '  ' } }), []],
    [
      'an address that is not one',
      complaintOf('RU', { customer: { ...complaintOf('RU').customer, email: 'anna at example' } }),
      [],
    ],
    ['the internal register (R2, R24)', { ...decidedComplaint, confidential: true }, []],
    [
      'reopened since the decision: no decision in force',
      { ...decidedComplaint, progress: { ...decidedComplaint.progress, decision: undefined } },
      ['acknowledgement'],
    ],
  ])('%s', (_name, complaint, expected) => expect(documentsToEmail(complaint)).toEqual(expected));
});

describe('identities and names', () => {
  it('one Message-ID and one job per document per complaint', () => {
    const id = '019a1f52-7c3e-7d10-9b7e-5f2c8a4d1e33';
    expect(documentMessageId('acknowledgement', id)).toMatch(
      /^<document\.acknowledgement\.[0-9a-f]{32}@otklik>$/,
    );
    expect(documentMessageId('acknowledgement', id)).toBe(documentMessageId('acknowledgement', id));
    expect(documentMessageId('acknowledgement', '019a1f52-7c3e-7d10-9b7e-5f2c8a4d1e34')).not.toBe(
      documentMessageId('acknowledgement', id),
    );
    // The customer receives this header: never the complaint's id, from which the check code follows.
    expect(documentMessageId('acknowledgement', id)).not.toContain(id);
    expect(documentMessageId('decision_letter', id, '2026-09-18T12:30:00.000Z')).not.toContain(id);
    expect(documentMessageId('decision_letter', id)).not.toBe(documentMessageId('acknowledgement', id));
    expect(documentMailJobId('decision_letter', id)).toBe(`decision_letter:${id}`);
  });

  // Issue 16 item 5: a complaint reopened and decided again gets a second letter, under its own Message-ID.
  it('one Message-ID and one job per decision letter per decision, stable for the same decision', () => {
    const id = '019a1f52-7c3e-7d10-9b7e-5f2c8a4d1e33';
    const first = '2026-09-18T12:30:00.000Z';
    const second = '2026-09-21T08:05:00.000Z';
    const ms = Date.parse(first);
    expect(documentMessageId('decision_letter', id, first)).toMatch(
      new RegExp(`^<document\\.decision_letter\\.[0-9a-f]{32}\\.${ms}@otklik>$`),
    );
    expect(documentMessageId('decision_letter', id, first)).toBe(
      documentMessageId('decision_letter', id, first),
    );
    expect(documentMessageId('decision_letter', id, second)).not.toBe(
      documentMessageId('decision_letter', id, first),
    );
    expect(documentMailJobId('decision_letter', id, second)).toBe(
      `decision_letter:${id}:${Date.parse(second)}`,
    );
    // The acknowledgement is one per complaint whatever is passed.
    expect(documentMessageId('acknowledgement', id, first)).toBe(documentMessageId('acknowledgement', id));
    expect(() => documentMessageId('decision_letter', id, 'not a time')).toThrow();
  });
  it.each([
    ['acknowledgement', 'MSK-01-2026-100042', 'acknowledgement-MSK-01-2026-100042.pdf'],
    ['decision_letter', 'PRG-01-2026-100001', 'decision-letter-PRG-01-2026-100001.pdf'],
    ['acknowledgement', '~../x y', 'acknowledgement-____x_y.pdf'],
  ] as const)('%s of %s → %s', (kind, number, name) => expect(documentFilename(kind, number)).toBe(name));
  it('only the customer documents are e-mailed, never the record', () => {
    expect(['acknowledgement', 'decision_letter', 'record'].map(isEmailedDocument)).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe('documentMailContent', () => {
  const t = (key: string, params?: Record<string, unknown>) =>
    `${key}${params ? JSON.stringify(params) : ''}`;
  it('the acknowledgement names the number, the branch and the answer date', () => {
    const c = documentMailContent(t, {
      kind: 'acknowledgement',
      number: 'MSK-01-2026-100042',
      branchName: 'Москва',
      answerBy: '28 сентября 2026 г.',
    });
    expect(c.subject).toBe(
      'document.subject.acknowledgement{"number":"MSK-01-2026-100042","branch":"Москва"}',
    );
    expect(c.text).toContain('document.answerBy{"date":"28 сентября 2026 г."}');
    expect(c.text.split('\n')[0]).toBe('document.greeting');
  });
  it('the decision letter has no answer date line', () => {
    const c = documentMailContent(t, {
      kind: 'decision_letter',
      number: 'N',
      branchName: 'B',
      answerBy: 'x',
    });
    expect(c.text).not.toContain('document.answerBy');
    expect(c.text).toContain('document.intro.decision_letter');
  });
});

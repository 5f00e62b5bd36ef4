import { describe, expect, it } from 'vitest';
import { complaintDueMoments, type ConsiderationPolicy } from '../../../../shared/deadlines';
import { acknowledgementOf, complaintCheckCode, parseQrPayload } from '../../../../shared/documents';
import { timelineOf } from '../../../../shared/lifecycle';
import { BRANCHES, complaintOf, sourceOf } from './fixtures';

describe('acknowledgement (R9)', () => {
  it('says everything R9 asks for', () => {
    const complaint = complaintOf('RU');
    const doc = acknowledgementOf(sourceOf('RU', complaint));
    expect(doc).toMatchObject({
      kind: 'acknowledgement',
      language: 'ru',
      number: 'MSK-01-2026-100042',
      checkCode: complaintCheckCode(complaint),
      receivedAt: '2026-09-14T07:00:00Z',
      registeredAt: '2026-09-14T07:00:00Z',
      employee: 'Ольга Иванова',
      demand: 'Заменить кофемашину на новую',
      description: 'Кофемашина протекает после двух недель работы.',
      branch: BRANCHES.RU,
      customer: {
        name: 'Анна Смирнова',
        contacts: [
          { kind: 'phone', value: '+7 916 555-12-34' },
          { kind: 'email', value: 'anna@example.ru' },
        ],
        preferredContact: 'phone',
        noContactReason: '',
      },
    });
    expect(parseQrPayload(doc.qrPayload)).toEqual({ number: doc.number, checkCode: doc.checkCode });
  });

  // Dates worked out by hand from each country's calendar.
  it.each([
    // Monday 14 Sep, Moscow: 10 working days → Monday 28 Sep.
    ['RU oral, 10 working days', 'RU', { channel: 'in_person' }, 'working_days_10', '2026-09-28', undefined],
    // Seoul, the same policy from Monday 14 Sep: Chuseok (Thu 24 – Sat 26 Sep) moves it to Wednesday 30 Sep.
    ['KR oral, 10 working days', 'KR', { channel: 'phone' }, 'working_days_10', '2026-09-30', undefined],
    // Prague, a letter received Tuesday 1 Sep: 30 calendar days → Thursday 1 Oct.
    [
      'CZ letter, 30 days',
      'CZ',
      { channel: 'post', receivedAt: '2026-09-01T08:00:00Z' },
      'cz_consumer_claim_30d',
      '2026-10-01',
      undefined,
    ],
    // Kyiv, an e-mail received Wednesday 2 Sep: 1 month → Friday 2 Oct; answer without study in 15 days → 17 Sep.
    [
      'UA e-mail, citizens appeals',
      'UA',
      { channel: 'email', receivedAt: '2026-09-02T08:00:00Z' },
      'ua_citizens_appeals',
      '2026-10-02',
      '2026-09-17',
    ],
    // Written, company policy: preliminary in 2 working days (Wed 16 Sep), decision in 2 weeks (Mon 28 Sep).
    ['RU letter, 2 days / 2 weeks', 'RU', { channel: 'post' }, 'written_2d_2w', '2026-09-28', '2026-09-16'],
  ] as const)('%s: answer by %s', (_name, country, patch, policy, answerDate, preliminaryDate) => {
    const source = sourceOf(country, complaintOf(country, patch), [], { policy });
    const doc = acknowledgementOf(source);
    expect(doc.answerBy.date).toBe(answerDate);
    expect(doc.answerBy.withTime).toBe(false);
    expect(doc.preliminaryAnswerBy?.date).toBe(preliminaryDate);
    // The very result the complaint screens show (renderer/complaints/deadlines dueMomentsOf).
    const shown = complaintDueMoments(
      timelineOf(source.complaint),
      source.calendar,
      source.policy,
      source.now,
    );
    expect(doc.answerBy.at).toBe(shown.find((m) => m.kind === 'final_answer')!.dueAt.toISOString());
  });

  it('prints the time of an hour-based term', () => {
    const hours: ConsiderationPolicy = {
      id: 'answer_48h',
      written: {
        finalAnswer: {
          id: 'h48',
          amount: 48,
          unit: 'hours',
          counting: 'calendar',
          from: 'received',
          basis: '',
        },
      },
      oral: {
        finalAnswer: {
          id: 'h48',
          amount: 48,
          unit: 'hours',
          counting: 'calendar',
          from: 'received',
          basis: '',
        },
      },
    };
    const source = { ...sourceOf('RU', complaintOf('RU')), policy: hours };
    // Monday 10:00 Moscow + 48 h → Wednesday 10:00 Moscow.
    expect(acknowledgementOf(source).answerBy).toEqual({
      date: '2026-09-16',
      at: '2026-09-16T07:00:00.000Z',
      withTime: true,
    });
  });

  it.each([
    [
      'contacts in a fixed order, blanks dropped',
      { phone: ' ', email: 'a@example.com', address: 'Tverskaya 1' },
      '',
      [
        { kind: 'email', value: 'a@example.com' },
        { kind: 'address', value: 'Tverskaya 1' },
      ],
      '',
    ],
    [
      'no contact: the reason recorded instead',
      { phone: '', email: '', address: '' },
      'Anonymous entry',
      [],
      'Anonymous entry',
    ],
  ])('%s', (_name, contacts, reason, expected, expectedReason) => {
    const base = complaintOf('RU');
    const complaint = { ...base, noContactReason: reason, customer: { ...base.customer, ...contacts } };
    const doc = acknowledgementOf(sourceOf('RU', complaint));
    expect(doc.customer.contacts).toEqual(expected);
    expect(doc.customer.noContactReason).toBe(expectedReason);
  });

  it('is in the language it is asked for, whatever the branch speaks', () => {
    expect(acknowledgementOf(sourceOf('RU', complaintOf('RU'), [], { language: 'ko' })).language).toBe('ko');
  });

  it('opens the status page from the QR code when the company runs one', () => {
    const source = { ...sourceOf('CZ', complaintOf('CZ')), statusPageUrl: 'https://stav.example.cz' };
    const doc = acknowledgementOf(source);
    expect(doc.qrPayload).toBe(`https://stav.example.cz/c/PRG-01-2026-100042?k=${doc.checkCode}`);
  });
});

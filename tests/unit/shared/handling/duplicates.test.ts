import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../../shared/complaints/model';
import { searchWordsOf } from '../../../../shared/complaints/search';
import {
  duplicateLikelihood,
  duplicateSearchWords,
  findDuplicates,
  nameKey,
  phoneKey,
  textSimilarity,
  type DuplicateDraft,
  type DuplicateReason,
} from '../../../../shared/handling/duplicates';
import { complaintOf, uuid } from './fixtures';

// R5: likely duplicates offered before saving: same phone / e-mail / name within N days, similar text.

const existing = complaintOf('RU', {
  id: uuid(1),
  number: 'MSK-01-2026-100001',
  receivedAt: '2026-09-10T07:00:00Z',
  customer: {
    name: 'Анна Смирнова',
    phone: '+7 (916) 555-12-34',
    email: 'Anna@Example.ru',
    address: '',
    preferredContact: 'phone',
  },
  description: 'Кофемашина протекает после двух недель работы, вода течёт под корпус.',
});
const draft = (
  patch: Partial<DuplicateDraft['customer']> & {
    description?: string;
    receivedAt?: string;
    channel?: Complaint['channel'];
  } = {},
): DuplicateDraft => {
  const { description, receivedAt, channel, ...customer } = patch;
  return {
    channel: channel ?? 'phone',
    receivedAt: receivedAt ?? '2026-09-14T07:00:00Z',
    customer: { name: '', phone: '', email: '', address: '', preferredContact: '', ...customer },
    description: description ?? 'Хочу узнать, когда привезут мебель.',
  };
};

describe('keys', () => {
  it.each([
    ['+7 (916) 555-12-34', '9165551234'],
    ['8 916 555 12 34', '9165551234'],
    ['555-12-34', '5551234'],
    ['12-34', ''],
    ['', ''],
  ])('phoneKey(%j) = %j', (phone, key) => expect(phoneKey(phone)).toBe(key));

  it.each([
    ['Анна Смирнова', 'Смирнова  анна', true],
    ['Ivánov Iván', 'ivan IVANOV', true],
    ['Анна Смирнова', 'Анна Смирнов', false],
    ['А. Смирнова', 'Смирнова', true], // one-letter initials are not words of a name
  ])('nameKey(%j) = nameKey(%j): %s', (a, b, same) => expect(nameKey(a) === nameKey(b)).toBe(same));

  it.each([
    ['the same text', 'кофемашина протекает снова', 'кофемашина протекает снова', 1],
    ['nothing in common', 'кофемашина протекает', 'мебель привезли поздно', 0],
    ['only short words', 'да не то', 'да не то', 0],
    ['half the words', 'кофемашина протекает', 'кофемашина сломалась', 1 / 3],
  ])('textSimilarity: %s', (_what, a, b, expected) => expect(textSimilarity(a, b)).toBeCloseTo(expected, 5));
});

describe('duplicateLikelihood', () => {
  it.each<[string, DuplicateDraft, Partial<Complaint> | undefined, number, DuplicateReason[]]>([
    ['nothing shared', draft({ name: 'Пётр Иванов', phone: '+7 903 111-22-33' }), undefined, 0, []],
    [
      'the same phone, written differently',
      draft({ phone: '8 916 555 12 34' }),
      undefined,
      0.5,
      ['same_phone'],
    ],
    ['the same e-mail in other case', draft({ email: ' anna@example.RU ' }), undefined, 0.5, ['same_email']],
    ['the same name alone', draft({ name: 'смирнова анна' }), undefined, 0.3, ['same_name']],
    [
      'phone, e-mail and name: capped at 1',
      draft({ phone: '9165551234', email: 'anna@example.ru', name: 'Анна Смирнова' }),
      undefined,
      1,
      ['same_phone', 'same_email', 'same_name'],
    ],
    [
      'the same name and the same text',
      draft({
        name: 'Анна Смирнова',
        description: 'Кофемашина протекает после двух недель работы, вода течёт под корпус.',
      }),
      undefined,
      0.7,
      ['same_name', 'similar_text'],
    ],
    [
      'outside the window (30 days)',
      draft({ phone: '9165551234', receivedAt: '2026-10-11T07:00:00Z' }),
      undefined,
      0,
      [],
    ],
    [
      'just inside the window',
      draft({ phone: '9165551234', receivedAt: '2026-10-10T07:00:00Z' }),
      undefined,
      0.5,
      ['same_phone'],
    ],
    [
      'a merged complaint is never offered',
      draft({ phone: '9165551234' }),
      {
        progress: {
          status: 'registered',
          reopenCount: 0,
          mergedInto: { id: uuid(2), number: 'MSK-01-2026-100002' },
        },
      },
      0,
      [],
    ],
    [
      'not across the internal register',
      draft({ phone: '9165551234', channel: 'internal' }),
      undefined,
      0,
      [],
    ],
    [
      'an unreadable date never matches',
      draft({ phone: '9165551234', receivedAt: 'вчера' }),
      undefined,
      0,
      [],
    ],
  ])('%s', (_what, d, patch, score, reasons) => {
    expect(duplicateLikelihood(d, { ...existing, ...patch })).toEqual({ score, reasons });
  });

  it('the window is a setting', () => {
    const far = draft({ phone: '9165551234', receivedAt: '2026-12-01T07:00:00Z' });
    expect(duplicateLikelihood(far, existing).score).toBe(0);
    expect(duplicateLikelihood(far, existing, { windowDays: 90, minScore: 0.5 }).score).toBe(0.5);
  });
});

describe('findDuplicates', () => {
  const other = (n: number, patch: Partial<Complaint>) =>
    complaintOf('RU', { id: uuid(n), number: `MSK-01-2026-10000${n}`, ...patch });
  const candidates = [
    other(2, { receivedAt: '2026-09-12T07:00:00Z', customer: { ...existing.customer, email: '' } }), // phone + name
    existing, // phone + e-mail + name
    other(3, {
      receivedAt: '2026-09-13T07:00:00Z',
      customer: { ...existing.customer, phone: '', email: '', name: 'Анна Смирнова' },
      description: 'Другое',
    }), // name only
    other(4, { receivedAt: '2026-09-13T07:00:00Z', customer: { ...existing.customer, email: '' } }), // phone + name, later
  ];

  it('offers from the minimum score, most likely first, then the most recent', () => {
    const d = draft({ phone: '+7 916 555-12-34', email: 'anna@example.ru', name: 'Анна Смирнова' });
    expect(findDuplicates(d, candidates).map((m) => [m.number, m.score])).toEqual([
      ['MSK-01-2026-100001', 1],
      ['MSK-01-2026-100004', 0.8],
      ['MSK-01-2026-100002', 0.8],
    ]);
    expect(findDuplicates(d, candidates, undefined, 1)).toHaveLength(1);
  });

  it('finds nothing for an unrelated customer', () => {
    expect(findDuplicates(draft({ name: 'Пётр Иванов', phone: '+7 903 111-22-33' }), candidates)).toEqual([]);
  });
});

describe('duplicateSearchWords', () => {
  it('are words of the search index that find the candidate', () => {
    const d = draft({ phone: '8 (916) 555-12-34', email: 'anna@example.ru', name: 'Анна Смирнова' });
    const words = duplicateSearchWords(d);
    expect(words).toEqual(['5551234', 'anna', 'смирнова']);
    const index = searchWordsOf(existing);
    for (const w of words) expect(index).toContain(w);
  });

  it('a short phone and no name or e-mail give nothing to search', () => {
    expect(duplicateSearchWords(draft({ phone: '12-34' }))).toEqual([]);
  });
});

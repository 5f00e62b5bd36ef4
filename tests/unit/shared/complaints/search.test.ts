import { describe, expect, it } from 'vitest';
import { emptyComplaintInput } from '../../../../shared/complaints/model';
import { matchesQuery, parseSearchQuery, searchWordsOf } from '../../../../shared/complaints/search';

const complaint = {
  ...emptyComplaintInput('phone', new Date('2026-11-23T10:00:00Z')),
  number: 'MSK-01-2026-100123',
  customer: {
    name: 'Анна Сергеевна Петрова',
    phone: '+7 (916) 123-45-67',
    email: 'anna.petrova@example.ru',
    address: 'ул. Ленина, 5',
    preferredContact: 'phone' as const,
  },
  description: 'Продавец нагрубил, чек не выдали.',
  remedy: 'Извинения',
  concerns: { product: 'Чайник Vitek', service: '', employee: 'Иванов' },
};
const words = searchWordsOf(complaint);

describe('complaint search words', () => {
  it.each([
    ['MSK-01-2026-100123', true],
    ['msk-01-2026-100123', true],
    ['2026-100123', true],
    ['100123', true],
    ['100124', false],
    ['петрова', true],
    ['Петр', true],
    ['анна петрова', true],
    ['анна иванова', false],
    ['+7 916 123-45-67', true],
    ['89161234567', false], // a different trunk prefix is a different string of digits…
    ['9161234567', true], // …but the ten-digit national number is indexed
    ['4567', true],
    ['916 123-45-67', true], // spaced and dashed: found by its digits
    ['(916) 1234567', true],
    ['anna.petrova@example.ru', true],
    ['нагрубил', true],
    ['чайник', true],
    ['извин', true],
    ['ленина', true],
    ['иванов', true],
    ['кофеварка', false],
    ['', true],
  ])('query %j matches: %s', (query, expected) => {
    expect(matchesQuery(words, parseSearchQuery(query))).toBe(expected);
  });

  it('puts the most selective (longest) query word first', () => {
    expect(parseSearchQuery('ан петрова')).toEqual([['петрова', 'ан']]);
    expect(parseSearchQuery('+7 916 123-45-67')).toEqual([['916', '123', '45', '67', '7'], ['79161234567']]);
    expect(parseSearchQuery('  ')).toEqual([]);
    expect(parseSearchQuery('100123')).toEqual([['100123']]);
  });

  it('keeps the index bounded for very long texts', () => {
    const long = { ...complaint, description: Array.from({ length: 5000 }, (_, i) => `слово${i}`).join(' ') };
    expect(searchWordsOf(long).length).toBeLessThanOrEqual(400);
  });
});

import { describe, expect, it } from 'vitest';
import {
  MAX_INDEXED_WORD,
  consoleSearchQuery,
  consoleSearchWords,
  foldWord,
} from '../../../../shared/console/search';

// Issue 14: the console's search folds case, accents and ё in all five languages, keeps Hangul intact, and
// turns what was typed into a prefix tsquery HQ can run on PostgreSQL 15 and PGlite.

describe('foldWord', () => {
  it.each([
    ['Пётр', 'петр'],
    ['ЁЛКА', 'елка'],
    ['Ґудзик', 'ґудзик'], // its own letter, not г with a mark
    ['їжак', 'іжак'],
    ['Žluťoučký', 'zlutoucky'],
    ['ŘEKA', 'reka'],
    ['úpěl', 'upel'],
    ['고객이', '고객이'],
    ['불만을', '불만을'],
    ['Crème', 'creme'],
    ['100123', '100123'],
  ])('%s → %s', (word, folded) => {
    expect(foldWord(word)).toBe(folded);
  });
});

describe('consoleSearchQuery', () => {
  it.each<[string, string | undefined]>([
    ['', undefined],
    ['   ', undefined],
    ["'&|!", undefined],
    ['Пётр', "('петр':*)"],
    ['zlutoucky kůň', "('zlutoucky':* & 'kun':*)"],
    ['고객', "('고객':*)"],
    ['MSK-01-2026-100123', "('100123':* & '2026':* & 'msk':* & '01':*)"],
    ['+7 916 555-12-34', "('916':* & '555':* & '12':* & '34':* & '7':*) | ('79165551234':*)"],
  ])('%s → %s', (typed, query) => {
    expect(consoleSearchQuery(typed)).toBe(query);
  });
});

describe('consoleSearchWords', () => {
  it('the branch’s words, folded and without repeats', () => {
    const words = consoleSearchWords({
      number: 'PRG-01-2026-100001',
      customer: {
        name: 'Jiří Dvořák',
        phone: '+420 601 123 456',
        email: '',
        address: '',
        preferredContact: '',
      },
      description: 'Příliš žluťoučký kůň, příliš!',
      remedy: '',
      concerns: { product: '', service: '', employee: '' },
    });
    expect(words).toEqual(
      expect.arrayContaining([
        'prg-01-2026-100001',
        '100001',
        '420601123456',
        '1123456',
        'jiri',
        'dvorak',
        'prilis',
        'kun',
      ]),
    );
    expect(words.filter((w) => w === 'prilis')).toHaveLength(1);
  });

  // A tsvector lexeme may not exceed 2 046 bytes: a description of one 10 000-letter "word" was refused.
  it.each<[string, string, number]>([
    ['Cyrillic, 2 bytes a letter', 'д'.repeat(10_000), MAX_INDEXED_WORD],
    ['Hangul, 3 bytes a syllable', '고'.repeat(5_000), MAX_INDEXED_WORD],
    ['a letter outside the BMP is never split', '𐌰'.repeat(300), MAX_INDEXED_WORD],
    ['a word at the limit is kept whole', 'a'.repeat(MAX_INDEXED_WORD), MAX_INDEXED_WORD],
    ['a short word is kept whole', 'кассир', 6],
  ])('a long word is indexed as its first letters: %s', (_name, word, letters) => {
    const words = consoleSearchWords({
      number: 'MSK-01-2026-100001',
      customer: { name: '', phone: '', email: '', address: '', preferredContact: '' },
      description: word,
      remedy: '',
      concerns: { product: '', service: '', employee: '' },
    });
    const indexed = words.find((w) => word.startsWith(w) && w.length > 0 && !/\d/.test(w))!;
    expect(Array.from(indexed)).toHaveLength(letters);
    expect(new TextEncoder().encode(indexed).length).toBeLessThanOrEqual(2046);
  });
});

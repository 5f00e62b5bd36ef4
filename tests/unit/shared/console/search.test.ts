import { describe, expect, it } from 'vitest';
import { consoleSearchQuery, consoleSearchWords, foldWord } from '../../../../shared/console/search';

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
});

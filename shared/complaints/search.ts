import type { Complaint, Milestones } from './model';

/**
 * Search without a full scan: every complaint stores the lower-case words of its number, customer and
 * text (a Dexie multi-entry index), and a query matches when each of its words is a prefix of one of them.
 */

/** A complaint's search words are capped (its number and phone first, then the words of its text). */
export const MAX_WORDS = 400;
const PHONE_LIKE = /^[\d\s()+-]+$/;

export function tokenize(text: string): string[] {
  return text
    .normalize('NFC')
    .toLocaleLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

type Searchable = Pick<Complaint, 'number' | 'customer' | 'description' | 'remedy' | 'concerns'> & {
  progress?: Pick<Milestones, 'mergedFrom'>;
};

export function searchWordsOf(c: Searchable): string[] {
  const words = new Set<string>();
  // "MSK-01-2026-100123", "2026-100123" and "100123" are all ways people read a number out.
  const addNumber = (number: string) => {
    const parts = number.toLocaleLowerCase().split('-');
    for (let i = 0; i < parts.length && words.size < MAX_WORDS; i++) words.add(parts.slice(i).join('-'));
  };
  addNumber(c.number);
  // A phone is found by its digits whatever the formatting, also without country or area code.
  const digits = c.customer.phone.replace(/\D/g, '');
  for (const n of [digits.length, 10, 7, 4]) if (digits.length >= n && n > 0) words.add(digits.slice(-n));
  // Issue 15 (R5): the numbers of complaints merged into this one find it too (within the cap).
  for (const m of c.progress?.mergedFrom ?? []) addNumber(m.number);
  const text = [
    c.customer.name,
    c.customer.email,
    c.customer.address,
    c.description,
    c.remedy,
    c.concerns.product,
    c.concerns.service,
    c.concerns.employee,
  ];
  for (const w of tokenize(text.join(' '))) {
    if (words.size >= MAX_WORDS) break;
    if (w.length > 1) words.add(w);
  }
  return [...words];
}

/**
 * A query is a list of alternatives; an alternative matches when each of its words is a prefix of an indexed
 * word. "2026-100123" is both a number's tail and a string of digits that could be a phone: try both.
 * Words within an alternative come longest first, the most selective one to look up in the index.
 */
export type SearchQuery = string[][];

export function parseSearchQuery(query: string): SearchQuery {
  const trimmed = query.trim();
  if (!trimmed) return [];
  const byLength = (words: Iterable<string>) => [...new Set(words)].sort((a, b) => b.length - a.length);
  const alternatives = [byLength(tokenize(trimmed))];
  const digits = trimmed.replace(/\D/g, '');
  const [words] = alternatives;
  if (PHONE_LIKE.test(trimmed) && digits.length >= 5 && !(words!.length === 1 && words![0] === digits)) {
    alternatives.push([digits]);
  }
  return alternatives;
}

export function matchesQuery(words: readonly string[], query: SearchQuery): boolean {
  return query.length === 0 || query.some((alt) => alt.every((q) => words.some((w) => w.startsWith(q))));
}

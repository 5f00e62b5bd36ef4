import { parseSearchQuery, searchWordsOf } from '../complaints/search';
import type { Complaint } from '../complaints/model';

/**
 * The console's full-text search (issue 14) over the central register, in all five languages. The words
 * are the branch app's own (shared/complaints/search: number and its tails, phone digits, every word of the
 * texts, lower-case), folded once more so that accents and ё do not matter — «ё» finds «е», «řeka» is found
 * by «reka» and the other way round. PostgreSQL has no Ukrainian, Czech or Korean stemmer, so there is no
 * stemming: a query word matches every stored word it begins (Korean particles stay attached to their word:
 * «고객» finds «고객이»). HQ stores the folded words as a `tsvector` (array_to_tsvector, no parser) and asks
 * with a prefix `tsquery`; both work on PostgreSQL 15 and on PGlite without an extension.
 */

/** Lower-case word without accents: decomposed, combining marks removed, recomposed (Hangul survives). */
export function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLocaleLowerCase();
}

type Searchable = Pick<Complaint, 'number' | 'customer' | 'description' | 'remedy' | 'concerns'>;

/** What HQ indexes for a complaint: the branch's search words, folded, without repeats. */
export function consoleSearchWords(c: Searchable): string[] {
  return [...new Set(searchWordsOf(c).map(foldWord))];
}

/** A tsquery lexeme is quoted; a quote or backslash inside it is escaped (the words hold neither, but still). */
const lexeme = (word: string) => `'${word.replace(/['\\]/g, (ch) => `\\${ch}`)}':*`;

/**
 * The `tsquery` text for what the user typed: each alternative of the branch's parser (words, or a phone's
 * digits) is an AND of prefixes, alternatives are ORed. Undefined when nothing searchable was typed.
 */
export function consoleSearchQuery(query: string): string | undefined {
  const alternatives = parseSearchQuery(query)
    .map((words) => [...new Set(words.map(foldWord).filter((w) => w.length > 0))])
    .filter((words) => words.length > 0);
  if (alternatives.length === 0) return undefined;
  return alternatives.map((words) => `(${words.map(lexeme).join(' & ')})`).join(' | ');
}

/**
 * R5: likely duplicates, offered before a new complaint is saved (never blocking it: R1). A candidate
 * received within `windowDays` of the draft scores by what it shares with it:
 *
 *   same phone (the last 10 digits, or all when shorter; at least 7)   0.5
 *   same e-mail (case-insensitive)                                      0.5
 *   same name (letters only, case and accents ignored, word order too)  0.3
 *   similar text (Jaccard of the words of 3+ letters ≥ TEXT_SIMILAR)    0.4 × similarity
 *
 * capped at 1. A candidate is offered from `minScore` (default 0.5: one shared contact, or the same name
 * with similar text). The reasons say why, for the screen. Merged complaints are never offered (their
 * survivor is), nor is a complaint of the other register (internal vs customers).
 *
 * How the branch finds candidates without a scan: `duplicateSearchWords` are words of the search index
 * (shared/complaints/search) to look up; each hit is then scored here.
 */
import type { Complaint, ComplaintInput } from '../complaints/model';
import { tokenize } from '../complaints/search';

export const DUPLICATE_REASONS = ['same_phone', 'same_email', 'same_name', 'similar_text'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export interface DuplicateSettings {
  /** How far apart (received) two complaints may be to count as one matter. */
  windowDays: number;
  /** From which score a candidate is offered. */
  minScore: number;
}

export const DEFAULT_DUPLICATE_SETTINGS: DuplicateSettings = { windowDays: 30, minScore: 0.5 };
/** The configurable window's bounds (a setting HQ may send: shared/handling/policy). */
export const DUPLICATE_WINDOW_RANGE = { min: 1, max: 365 } as const;

const WEIGHT: Record<DuplicateReason, number> = {
  same_phone: 0.5,
  same_email: 0.5,
  same_name: 0.3,
  similar_text: 0.4,
};
/** Jaccard similarity from which two texts count as similar. */
export const TEXT_SIMILAR = 0.3;

export type DuplicateDraft = Pick<ComplaintInput, 'channel' | 'receivedAt' | 'customer' | 'description'>;
export type DuplicateCandidate = Pick<
  Complaint,
  'id' | 'number' | 'channel' | 'receivedAt' | 'customer' | 'description' | 'progress'
>;

export interface DuplicateMatch {
  id: string;
  number: string;
  score: number;
  reasons: DuplicateReason[];
}

/** The digits that identify a phone whatever its formatting and country prefix; '' when too few. */
export function phoneKey(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? digits.slice(-10) : '';
}

export const emailKey = (email: string): string => email.trim().toLowerCase();

/** «Иванов  Иван», «иван иванов» and «Ivánov Iván» → the same key (letters only, sorted words). */
export function nameKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 1)
    .sort();
  return words.join(' ');
}

function textWords(text: string): Set<string> {
  return new Set(tokenize(text).filter((w) => w.length >= 3));
}

/** Jaccard similarity of the two texts' words of 3 letters or more (0 when either has none). */
export function textSimilarity(a: string, b: string): number {
  const wa = textWords(a);
  const wb = textWords(b);
  if (wa.size === 0 || wb.size === 0) return 0;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return common / (wa.size + wb.size - common);
}

const DAY_MS = 86_400_000;

/** How likely `candidate` is the same matter as `draft`: 0 … 1 with the reasons. */
export function duplicateLikelihood(
  draft: DuplicateDraft,
  candidate: DuplicateCandidate,
  settings: DuplicateSettings = DEFAULT_DUPLICATE_SETTINGS,
): { score: number; reasons: DuplicateReason[] } {
  const none = { score: 0, reasons: [] };
  if (candidate.progress?.mergedInto) return none;
  if ((draft.channel === 'internal') !== (candidate.channel === 'internal')) return none;
  const apart = Math.abs(Date.parse(draft.receivedAt) - Date.parse(candidate.receivedAt));
  if (!(apart <= settings.windowDays * DAY_MS)) return none;

  const reasons: DuplicateReason[] = [];
  const phone = phoneKey(draft.customer.phone);
  if (phone && phone === phoneKey(candidate.customer.phone)) reasons.push('same_phone');
  const email = emailKey(draft.customer.email);
  if (email && email === emailKey(candidate.customer.email)) reasons.push('same_email');
  const name = nameKey(draft.customer.name);
  if (name && name === nameKey(candidate.customer.name)) reasons.push('same_name');
  let score = reasons.reduce((sum, r) => sum + WEIGHT[r], 0);
  const similarity = textSimilarity(draft.description, candidate.description);
  if (similarity >= TEXT_SIMILAR) {
    reasons.push('similar_text');
    score += WEIGHT.similar_text * similarity;
  }
  return { score: Math.min(1, Math.round(score * 1000) / 1000), reasons };
}

/** The likely duplicates among `candidates`, most likely first (then the most recently received). */
export function findDuplicates(
  draft: DuplicateDraft,
  candidates: readonly DuplicateCandidate[],
  settings: DuplicateSettings = DEFAULT_DUPLICATE_SETTINGS,
  limit = 5,
): DuplicateMatch[] {
  const matches: (DuplicateMatch & { receivedAt: string })[] = [];
  for (const c of candidates) {
    const { score, reasons } = duplicateLikelihood(draft, c, settings);
    if (score >= settings.minScore)
      matches.push({ id: c.id, number: c.number, score, reasons, receivedAt: c.receivedAt });
  }
  matches.sort((a, b) => b.score - a.score || Date.parse(b.receivedAt) - Date.parse(a.receivedAt));
  return matches.slice(0, limit).map(({ receivedAt: _, ...m }) => m);
}

/**
 * Words of the search index that find every candidate with the same phone, e-mail or name: the phone's
 * last 7 digits, the e-mail's words and the name's longest word (shared/complaints/search indexes all of
 * them). Text similarity alone is not searched for: on its own it is too weak to offer a duplicate.
 */
export function duplicateSearchWords(draft: DuplicateDraft): string[] {
  const words = new Set<string>();
  const digits = draft.customer.phone.replace(/\D/g, '');
  if (digits.length >= 7) words.add(digits.slice(-7));
  const emailWords = tokenize(draft.customer.email);
  if (emailWords[0]) words.add(emailWords[0]);
  const name = tokenize(draft.customer.name).sort((a, b) => b.length - a.length)[0];
  if (name && name.length > 1) words.add(name);
  return [...words];
}

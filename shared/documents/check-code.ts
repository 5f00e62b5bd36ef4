/**
 * The check code printed beside a complaint number and carried in the receipt's QR code (R9, issue 16).
 *
 * Design: the first 40 bits of SHA-256 over a domain tag, the complaint's id and its number, written as 8
 * Crockford base-32 characters (shown `7K3M-Q9XA`). The complaint id is a UUIDv7 generated on the PC that
 * registered the complaint; it carries more than 60 random bits and is never printed or shown to the
 * customer, so it acts as a per-complaint key that every workstation and HQ already hold — no key has to be
 * handed out, and a PC that has never reached HQ prints a code HQ can check later (HQ recomputes it from the
 * id and number it stores; nothing new is stored or synced).
 *
 * What it is for: a customer (or the public status page, when a company enables it) proves they hold the
 * receipt, not merely a number — numbers are sequential and easy to guess, codes are not.
 *
 * Limits:
 * - 40 bits: a guesser needs about 2^39 tries per complaint on average, so whatever checks codes must be
 *   rate-limited (the planned status page is); it is not meant to protect anything more than status and the
 *   answer date, which is all that page may show (no personal data).
 * - It is bound to the id for good: it cannot be rotated, and anyone who learns the id can compute it. The
 *   id must therefore never appear on anything a customer receives (documents, e-mail headers, links).
 * - Anyone holding the paper (or a photo of it) has the code; it authenticates the receipt, not the person.
 * - It is a fingerprint, not a signature: it shows that the document came from a real record, not who
 *   printed it.
 * Alternative considered: an HMAC under an HQ key. It would need the key on every PC before the first print
 * (a PC installed offline could not print a valid code), and a key kept on every counter PC is no better
 * hidden than the ids stored next to it.
 */
import { sha256 } from '@noble/hashes/sha2.js';

/** Crockford base 32: no I, L, O or U, so a code read aloud or typed by hand is hard to get wrong. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CHECK_CODE_LENGTH = 8;
const DOMAIN = 'otklik/complaint-check/v1';

/** The code as stored and compared: 8 characters of the alphabet above. */
export function complaintCheckCode(complaint: { id: string; number: string }): string {
  const bytes = sha256(new TextEncoder().encode(`${DOMAIN}\u0000${complaint.id}\u0000${complaint.number}`));
  // 40 bits = the first 5 bytes, 5 bits per character.
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(bytes[i]!);
  let code = '';
  for (let i = CHECK_CODE_LENGTH - 1; i >= 0; i--) code += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return code;
}

/** For people: two groups of four, `7K3M-Q9XA`. */
export function formatCheckCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * What someone typed or scanned, as a code to compare, or null when it cannot be one. Case, spaces and
 * hyphens do not matter; the letters Crockford reads as digits (O → 0, I and L → 1) are accepted.
 */
export function normalizeCheckCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== CHECK_CODE_LENGTH) return null;
  for (const char of code) if (!ALPHABET.includes(char)) return null;
  return code;
}

/** HQ's check: does this code belong to this complaint? Compares every character (no early exit). */
export function isCheckCodeOf(complaint: { id: string; number: string }, input: string): boolean {
  const given = normalizeCheckCode(input);
  if (given === null) return false;
  const expected = complaintCheckCode(complaint);
  let diff = 0;
  for (let i = 0; i < CHECK_CODE_LENGTH; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}

import type { PinHash } from './model';

/**
 * A branch employee's PIN (issue 14, R24): what a PIN may be, and how it is kept — only as a salted
 * PBKDF2-SHA256 hash, made with WebCrypto (the page has it; Node 20 has the same `crypto.subtle`), so the
 * same code hashes at the counter and checks in tests. The hash is synced to every PC of the branch, where
 * the PIN is checked offline.
 */

export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 8;

/**
 * PBKDF2-HMAC-SHA256 at OWASP's 2023 figure. A PIN has few possible values, so the count cannot make a
 * stolen hash safe by itself; it makes each guess cost a third of a second or so on a counter PC and keeps the
 * hash no weaker than a password's. Stored with the hash, so it can be raised later without a migration.
 */
export const PIN_ITERATIONS = 600_000;
export const PIN_SALT_BYTES = 16;
const KEY_BITS = 256;

export type PinProblem = 'required' | 'not_digits' | 'too_short' | 'too_long' | 'too_simple';

/** Why a new PIN cannot be used, or undefined: 4–8 digits, not one digit repeated, not a run like 1234. */
export function pinProblem(pin: string): PinProblem | undefined {
  if (pin === '') return 'required';
  if (!/^[0-9]+$/.test(pin)) return 'not_digits';
  if (pin.length < PIN_MIN_LENGTH) return 'too_short';
  if (pin.length > PIN_MAX_LENGTH) return 'too_long';
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => d - digits[i]!));
  // One digit repeated (step 0) or a straight run up or down (step ±1): the first PINs anyone tries.
  if (steps.size === 1 && [0, 1, -1].includes([...steps][0]!)) return 'too_simple';
  return undefined;
}

/** base64 of bytes, without Node's Buffer (the page has none). */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Bytes of a base64 string; throws on anything that is not base64. */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Compares every byte whatever the first difference, so the time taken tells nothing about the hash. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** The part of WebCrypto a PIN needs: the page's `crypto` and Node 20's global one both have it. */
export interface PinCrypto {
  getRandomValues(array: Uint8Array): Uint8Array;
  subtle: {
    importKey(
      format: 'raw',
      keyData: Uint8Array,
      algorithm: 'PBKDF2',
      extractable: false,
      keyUsages: ['deriveBits'],
    ): Promise<unknown>;
    deriveBits(
      algorithm: { name: 'PBKDF2'; hash: 'SHA-256'; salt: Uint8Array; iterations: number },
      baseKey: unknown,
      length: number,
    ): Promise<ArrayBuffer>;
  };
}

/** shared/ is typed without DOM or Node: the global WebCrypto is reached as the part it uses. */
const globalCrypto = (): PinCrypto => (globalThis as unknown as { crypto: PinCrypto }).crypto;

async function derive(
  pin: string,
  salt: Uint8Array,
  iterations: number,
  crypto: PinCrypto,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    KEY_BITS,
  );
  return new Uint8Array(bits);
}

export interface PinHashOptions {
  /** WebCrypto; the global one unless a test passes another. */
  crypto?: PinCrypto;
  /** Random 16 bytes unless given (tests: a fixed salt gives a fixed hash). */
  salt?: Uint8Array;
  iterations?: number;
}

/** The stored form of a new PIN: a fresh random salt per PIN, never the PIN itself. */
export async function hashPin(pin: string, options: PinHashOptions = {}): Promise<PinHash> {
  const crypto = options.crypto ?? globalCrypto();
  const salt = options.salt ?? crypto.getRandomValues(new Uint8Array(PIN_SALT_BYTES));
  const iterations = options.iterations ?? PIN_ITERATIONS;
  const hash = await derive(pin, salt, iterations, crypto);
  return { alg: 'PBKDF2-SHA256', iterations, salt: encodeBase64(salt), hash: encodeBase64(hash) };
}

/** Whether `pin` is the PIN `stored` was made from (with the stored salt and count). */
export async function verifyPin(
  pin: string,
  stored: PinHash,
  crypto: PinCrypto = globalCrypto(),
): Promise<boolean> {
  if (stored.alg !== 'PBKDF2-SHA256') return false;
  let salt: Uint8Array;
  let expected: Uint8Array;
  try {
    salt = decodeBase64(stored.salt);
    expected = decodeBase64(stored.hash);
  } catch {
    return false; // a damaged record matches no PIN
  }
  return sameBytes(await derive(pin, salt, stored.iterations, crypto), expected);
}

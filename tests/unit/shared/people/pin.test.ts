import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pinHashSchema } from '../../../../shared/people/model';
import {
  PIN_ITERATIONS,
  PIN_SALT_BYTES,
  decodeBase64,
  encodeBase64,
  hashPin,
  pinProblem,
  sameBytes,
  verifyPin,
} from '../../../../shared/people/pin';

// Issue 14, R24: what a PIN may be, and that only a salted PBKDF2-SHA256 hash of it is kept.
describe('pinProblem', () => {
  it.each([
    ['', 'required'],
    ['12a4', 'not_digits'],
    ['12 45', 'not_digits'],
    ['١٢٣٤٥', 'not_digits'], // Arabic-Indic digits: not what the keypad types
    ['483', 'too_short'],
    ['482915370', 'too_long'],
    ['0000', 'too_simple'],
    ['777777', 'too_simple'],
    ['1234', 'too_simple'],
    ['3456789', 'too_simple'],
    ['9876', 'too_simple'],
    ['4321', 'too_simple'],
    ['4829', undefined],
    ['1212', undefined],
    ['12345679', undefined],
    ['0918', undefined],
  ])('%j → %s', (pin, problem) => {
    expect(pinProblem(pin)).toBe(problem);
  });
});

describe('base64', () => {
  it.each([
    [[], ''],
    [[0], 'AA=='],
    [[255, 254, 253], '//79'],
    [[104, 105, 33, 0, 200], 'aGkhAMg='],
  ])('%j ⇄ %s', (bytes, text) => {
    expect(encodeBase64(new Uint8Array(bytes))).toBe(text);
    expect([...decodeBase64(text)]).toEqual(bytes);
  });

  it('refuses what is not base64', () => {
    expect(() => decodeBase64('not base64!')).toThrow();
  });
});

describe('sameBytes', () => {
  it.each([
    [[1, 2, 3], [1, 2, 3], true],
    [[1, 2, 3], [1, 2, 4], false],
    [[1, 2, 3], [1, 2], false],
    [[], [], true],
    [[0], [], false],
  ])('%j vs %j → %s', (a, b, same) => {
    expect(sameBytes(new Uint8Array(a), new Uint8Array(b))).toBe(same);
  });
});

describe('hashPin / verifyPin', () => {
  // RFC 7914 §11 gives PBKDF2-HMAC-SHA256 vectors: P="passwd", S="salt", c=1, dkLen=64 starts 55ac046e….
  // A PIN's hash is the first 32 bytes of the same function, so that vector pins the algorithm down.
  it('is PBKDF2-HMAC-SHA256 (RFC 7914 test vector, 1 iteration)', async () => {
    const h = await hashPin('passwd', { salt: new TextEncoder().encode('salt'), iterations: 1 });
    const hex = [...decodeBase64(h.hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
    expect(hex).toBe('55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc');
  });

  it('stores the algorithm, the count, a fresh 16-byte salt and a 32-byte key — never the PIN', async () => {
    // Eight digits, so that no random salt or hash holds them by chance (as four may: signIn.test.ts).
    const pin = '48290517';
    const a = await hashPin(pin);
    const b = await hashPin(pin);
    expect(pinHashSchema.parse(a)).toEqual(a);
    expect(a).toMatchObject({ alg: 'PBKDF2-SHA256', iterations: PIN_ITERATIONS });
    expect(PIN_ITERATIONS).toBeGreaterThanOrEqual(200_000);
    expect(decodeBase64(a.salt)).toHaveLength(PIN_SALT_BYTES);
    expect(decodeBase64(a.hash)).toHaveLength(32);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(JSON.stringify(a)).not.toContain(pin);
  });

  it('recognises the PIN it was made from and nothing else, with the stored count', async () => {
    const stored = await hashPin('4829', { iterations: 100_000 });
    expect(await verifyPin('4829', stored)).toBe(true);
    for (const wrong of ['4828', '48290', '', ' 4829']) expect(await verifyPin(wrong, stored)).toBe(false);
    // The stored count is the one used: the same PIN under another count is another hash.
    expect(await verifyPin('4829', { ...stored, iterations: 100_001 })).toBe(false);
  });

  it('a damaged record matches no PIN', async () => {
    const stored = await hashPin('4829', { iterations: 100_000 });
    expect(await verifyPin('4829', { ...stored, salt: '%%%%not-base64%%%%' })).toBe(false);
    expect(await verifyPin('4829', { ...stored, hash: stored.hash.slice(4) })).toBe(false);
  });

  it('works with Node’s WebCrypto passed in (HQ and tests)', async () => {
    const stored = await hashPin('5031', { crypto: webcrypto as never, iterations: 100_000 });
    expect(await verifyPin('5031', stored, webcrypto as never)).toBe(true);
  });
});

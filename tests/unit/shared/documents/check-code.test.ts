import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CHECK_CODE_LENGTH,
  complaintCheckCode,
  formatCheckCode,
  isCheckCodeOf,
  normalizeCheckCode,
} from '../../../../shared/documents';

const complaint = { id: '019a1f52-7c3e-7d10-9b7e-5f2c8a4d1e33', number: 'MSK-01-2026-100042' };
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The same derivation written independently (Node's crypto, string arithmetic): HQ must get the same code. */
function reference(id: string, number: string): string {
  const digest = createHash('sha256').update(`otklik/complaint-check/v1\0${id}\0${number}`, 'utf8').digest();
  const bits = [...digest.subarray(0, 5)].map((b) => b.toString(2).padStart(8, '0')).join('');
  return bits
    .match(/.{5}/g)!
    .map((chunk) => CROCKFORD[parseInt(chunk, 2)])
    .join('');
}

describe('complaint check code (issue 16)', () => {
  it('is the first 40 bits of SHA-256 over the id and number, in Crockford base 32', () => {
    const code = complaintCheckCode(complaint);
    expect(code).toHaveLength(CHECK_CODE_LENGTH);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(code).toBe(reference(complaint.id, complaint.number));
  });

  it.each([
    ['another id, same number', { ...complaint, id: '019a1f52-7c3e-7d10-9b7e-5f2c8a4d1e34' }],
    ['same id, another number', { ...complaint, number: 'MSK-01-2026-100043' }],
  ])('changes with %s', (_name, other) => {
    expect(complaintCheckCode(other)).not.toBe(complaintCheckCode(complaint));
    expect(complaintCheckCode(other)).toBe(reference(other.id, other.number));
  });

  it('spreads over the alphabet (no character stuck across many complaints)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++)
      for (const c of complaintCheckCode({
        id: `id-${i}`,
        number: `MSK-01-2026-1${String(i).padStart(5, '0')}`,
      }))
        seen.add(c);
    expect(seen.size).toBe(32);
  });

  it('prints as two groups of four', () => {
    expect(formatCheckCode('7K3MQ9XA')).toBe('7K3M-Q9XA');
  });

  it.each([
    ['7K3MQ9XA', '7K3MQ9XA'],
    ['7k3m-q9xa', '7K3MQ9XA'],
    [' 7K3M Q9XA ', '7K3MQ9XA'],
    ['OIL00000', '01100000'],
    ['7K3MQ9X', null],
    ['7K3MQ9XAB', null],
    ['7K3MQ9XU', null],
    ['7K3MQ9X!', null],
    ['', null],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeCheckCode(input)).toBe(expected);
  });

  it('HQ accepts the printed code however it is typed, and refuses any other', () => {
    const code = complaintCheckCode(complaint);
    expect(isCheckCodeOf(complaint, code)).toBe(true);
    expect(isCheckCodeOf(complaint, formatCheckCode(code).toLowerCase())).toBe(true);
    const wrong = (code[0] === 'A' ? 'B' : 'A') + code.slice(1);
    expect(isCheckCodeOf(complaint, wrong)).toBe(false);
    expect(isCheckCodeOf({ ...complaint, number: 'MSK-01-2026-100043' }, code)).toBe(false);
    expect(isCheckCodeOf(complaint, 'garbage')).toBe(false);
  });
});

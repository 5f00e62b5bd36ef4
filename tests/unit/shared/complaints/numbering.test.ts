import { describe, expect, it } from 'vitest';
import {
  branchOfNumber,
  formatComplaintNumber,
  isValidBranchCode,
  parseComplaintNumber,
} from '../../../../shared/complaints/numbering';

describe('R1 complaint numbers', () => {
  it.each([
    [{ branchCode: 'MSK-01', year: 2026, station: 1, sequence: 123 }, 'MSK-01-2026-100123'],
    [{ branchCode: 'MSK-01', year: 2026, station: 2, sequence: 123 }, 'MSK-01-2026-200123'],
    [{ branchCode: 'PRG1', year: 2027, station: 9, sequence: 1 }, 'PRG1-2027-900001'],
    [{ branchCode: 'SEL-02', year: 2026, station: 3, sequence: 123456 }, 'SEL-02-2026-3123456'],
  ])('%o → %s and back', (parts, expected) => {
    const formatted = formatComplaintNumber(parts);
    expect(formatted).toBe(expected);
    expect(parseComplaintNumber(formatted)).toEqual(parts);
  });

  it.each([
    [{ branchCode: 'msk-01', year: 2026, station: 1, sequence: 1 }],
    [{ branchCode: 'MSK-01', year: 2026, station: 0, sequence: 1 }],
    [{ branchCode: 'MSK-01', year: 2026, station: 10, sequence: 1 }],
    [{ branchCode: 'MSK-01', year: 2026, station: 1, sequence: 0 }],
    [{ branchCode: 'MSK-01', year: 2026, station: 1, sequence: 1.5 }],
    [{ branchCode: 'MSK-01', year: 99, station: 1, sequence: 1 }],
  ])('refuses to format %o', (parts) => {
    expect(() => formatComplaintNumber(parts)).toThrow(RangeError);
  });

  it('numbers of different workstations never collide, whatever their sequences', () => {
    const seen = new Set<string>();
    for (let station = 1; station <= 9; station++) {
      for (let sequence = 1; sequence <= 2000; sequence++) {
        seen.add(formatComplaintNumber({ branchCode: 'MSK-01', year: 2026, station, sequence }));
      }
    }
    expect(seen.size).toBe(9 * 2000);
  });

  it.each([
    ['MSK-01', true],
    ['PRG1', true],
    ['KYIV-3', true],
    ['SEL-0002', true],
    ['M', false],
    ['1MSK', false],
    ['MSK_01', false],
    ['MSK-01-02', false],
    ['МСК-01', false], // Cyrillic letters: numbers are read out over the phone, keep them Latin
  ])('branch code %j valid: %s', (code, valid) => {
    expect(isValidBranchCode(code)).toBe(valid);
  });

  it.each(['', 'MSK-01-2026', 'MSK-01-2026-000123', 'MSK-01-26-100123', 'hello'])(
    '%j is not a number',
    (v) => {
      expect(parseComplaintNumber(v)).toBeNull();
    },
  );
});

describe('issue 13: the branch a number belongs to', () => {
  it.each([
    ['MSK-01-2026-100123', 'MSK-01'],
    ['PRG1-2027-900001', 'PRG1'],
    ['SEL-02-2026-3123456', 'SEL-02'],
    ['MSK-2026-2026-100001', 'MSK-2026'],
    ['MSK-2026-100001', 'MSK'],
    // Not exactly a number this app issues: no branch's.
    ['msk-01-2026-100123', null],
    [' MSK-01-2026-100123', null],
    ['MSK-01-2026-100123 ', null],
    ['MSK-01-2026-000123', null],
    ['MSK-01/2026/100123', null],
    ['~0190c3a0-0000-7000-8000-000000000001', null],
    ['', null],
  ])('%j → %j', (number, branch) => {
    expect(branchOfNumber(number)).toBe(branch);
  });
});

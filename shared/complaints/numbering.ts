/**
 * R1: a human-readable complaint number that any workstation can issue offline without asking anyone,
 * and that never collides with one issued by another workstation of the same branch.
 *
 *   MSK-01-2026-100123
 *   └─┬──┘ └┬─┘ │└─┬─┘
 *  branch  year │  sequence of this workstation in this year (5 digits, widens past 99999)
 *               workstation number 1–9, unique within the branch
 *
 * The workstation digit makes numbers from two offline PCs disjoint by construction; the sequence is a
 * counter kept in the same local transaction that saves the complaint, so one PC never repeats itself.
 */

export const BRANCH_CODE_PATTERN = /^[A-Z][A-Z0-9]{1,5}(-[A-Z0-9]{1,4})?$/;
export const MIN_STATION = 1;
export const MAX_STATION = 9;

export interface ComplaintNumberParts {
  branchCode: string;
  year: number;
  station: number;
  sequence: number;
}

export function isValidBranchCode(code: string): boolean {
  return BRANCH_CODE_PATTERN.test(code);
}

export function isValidStation(station: number): boolean {
  return Number.isInteger(station) && station >= MIN_STATION && station <= MAX_STATION;
}

export function formatComplaintNumber({ branchCode, year, station, sequence }: ComplaintNumberParts): string {
  if (!isValidBranchCode(branchCode)) throw new RangeError(`Invalid branch code: ${branchCode}`);
  if (!isValidStation(station)) throw new RangeError(`Workstation number must be 1–9: ${station}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`Invalid sequence: ${sequence}`);
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`Invalid year: ${year}`);
  return `${branchCode}-${year}-${station}${String(sequence).padStart(5, '0')}`;
}

const NUMBER_PATTERN = /^([A-Z][A-Z0-9]{1,5}(?:-[A-Z0-9]{1,4})?)-(\d{4})-([1-9])(\d{5,})$/;

export function parseComplaintNumber(value: string): ComplaintNumberParts | null {
  const m = NUMBER_PATTERN.exec(value.trim().toUpperCase());
  if (!m) return null;
  return { branchCode: m[1]!, year: Number(m[2]), station: Number(m[3]), sequence: Number(m[4]) };
}

/**
 * The branch a complaint number belongs to, when it is exactly a number this app issues (no spaces, upper
 * case); null otherwise. HQ accepts a number only from a device of that branch (issue 13, R1).
 */
export function branchOfNumber(value: string): string | null {
  return NUMBER_PATTERN.exec(value)?.[1] ?? null;
}

/** The key of the counter a workstation keeps for one branch and year. */
export function sequenceCounterKey(branchCode: string, year: number, station: number): string {
  return `complaintSequence:${branchCode}:${year}:${station}`;
}

/**
 * A local calendar date as 'YYYY-MM-DD', with no time zone attached. Arithmetic runs on UTC midnights,
 * which have no DST, so adding days can never skip or repeat a date.
 */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseLocalDate(value: LocalDate): { year: number; month: number; day: number } {
  const m = LOCAL_DATE.exec(value);
  if (!m) throw new RangeError(`Not a local date (YYYY-MM-DD): ${value}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new RangeError(`No such date: ${value}`);
  }
  return { year, month, day };
}

export function isLocalDate(value: string): value is LocalDate {
  try {
    parseLocalDate(value);
    return true;
  } catch {
    return false;
  }
}

export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function toUtcMidnight(value: LocalDate): Date {
  const { year, month, day } = parseLocalDate(value);
  return new Date(Date.UTC(year, month - 1, day));
}

export function addDays(value: LocalDate, days: number): LocalDate {
  const d = toUtcMidnight(value);
  d.setUTCDate(d.getUTCDate() + days);
  return formatLocalDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(value: LocalDate): number {
  const day = toUtcMidnight(value).getUTCDay();
  return day === 0 ? 7 : day;
}

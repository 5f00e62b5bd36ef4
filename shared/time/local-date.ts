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

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 for a local date. Calendars that are asked about every row of a list work on these
 * integers instead of strings: no parsing or formatting in the inner loop.
 */
export function toEpochDay(value: LocalDate): number {
  // Fast path without regex or Date: 'YYYY-MM-DD' digit by digit; anything unusual goes the strict way.
  if (value.length === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45) {
    let year = 0;
    let month = 0;
    let day = 0;
    let ok = true;
    for (let i = 0; i < 10; i++) {
      if (i === 4 || i === 7) continue;
      const digit = value.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) ok = false;
      else if (i < 4) year = year * 10 + digit;
      else if (i < 7) month = month * 10 + digit;
      else day = day * 10 + digit;
    }
    if (ok && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return daysFromCivil(year, month, day);
    }
  }
  const { year, month, day } = parseLocalDate(value);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** H. Hinnant's days_from_civil: epoch day of a proleptic Gregorian date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function fromEpochDay(epochDay: number): LocalDate {
  const d = new Date(epochDay * MS_PER_DAY);
  return formatLocalDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOfEpochDay(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** Gregorian year of an epoch day, in integer arithmetic (H. Hinnant's civil_from_days): no Date allocated. */
export function yearOfEpochDay(epochDay: number): number {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}

/**
 * Calendar months later (or earlier). When the target month is shorter, the term ends on its last day
 * (31 January + 1 month = 28/29 February), as the civil codes of RU (art. 192), UA (art. 254) and CZ (§ 607) count.
 */
export function addMonths(value: LocalDate, months: number): LocalDate {
  const { year, month, day } = parseLocalDate(value);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return formatLocalDate(targetYear, targetMonth, Math.min(day, lastDay));
}

/**
 * Working days of a branch (R7, R9, R10): Saturday/Sunday off, the country's public holidays (corrected, see
 * CORRECTIONS.md), the country's day transfers, and the company's own extra days off / working days.
 * All dates are local dates in the branch's time zone, never the machine's.
 */
import { fromEpochDay, isLocalDate, toEpochDay, yearOfEpochDay } from '../time/local-date';
import { isValidTimeZone, localDateIn, zonedTimeToInstant } from '../time/zoned';
import { isSupportedCountry } from './library-holidays';
import {
  countryYears,
  isWeekendEpochDay,
  yearExceptions,
  type DayException,
  type DayReason,
  type YearExceptions,
} from './year-calendar';

/**
 * A branch's calendar settings. Treat them as immutable: the extra-day lists are cached by identity, so a
 * settings change replaces the array instead of pushing into it.
 */
export interface BranchCalendar {
  /** ISO 3166-1 alpha-2, e.g. 'RU' | 'UA' | 'CZ' | 'KR' (case-insensitive). */
  country: string;
  /** IANA zone, e.g. 'Europe/Moscow'. */
  timeZone: string;
  /** 'YYYY-MM-DD' local dates on which the company is closed. Wins over extraWorkingDays. */
  extraDaysOff?: string[];
  /** 'YYYY-MM-DD' local dates that are working days although weekend/holiday. */
  extraWorkingDays?: string[];
  /**
   * Ukraine only: whether martial law suspends public holidays (law 2136-IX art. 6 part 6: КЗпП art. 73 does
   * not apply, holidays are working days, nothing is transferred). Undefined means the current legal state,
   * UKRAINE_MARTIAL_LAW_DEFAULT. A company that closes on holidays anyway sets it to false.
   */
  ukraineMartialLaw?: boolean;
}

/** Martial law in force since 24 February 2022 (last extension verified: to May 2026). */
export const UKRAINE_MARTIAL_LAW_DEFAULT = true;

export type WorkingDayReason = DayReason | 'weekday' | 'weekend' | 'extra_day_off' | 'extra_working_day';

export interface DayExplanation {
  working: boolean;
  reason: WorkingDayReason;
  name?: string;
}

const extraSets = new WeakMap<readonly string[], Set<number>>();

function epochDaySet(dates: readonly string[] | undefined): Set<number> | undefined {
  if (!dates || dates.length === 0) return undefined;
  let set = extraSets.get(dates);
  if (!set) {
    // Invalid entries are ignored here (a list must still render); validateBranchCalendar reports them.
    set = new Set(dates.filter(isLocalDate).map(toEpochDay));
    extraSets.set(dates, set);
  }
  return set;
}

/** A calendar resolved once per public call, so the per-day loop is integer work and Map look-ups only. */
interface ResolvedCalendar {
  extraOff?: Set<number>;
  extraWork?: Set<number>;
  country: string;
  martialLaw: boolean;
  years: Map<number, YearExceptions>;
}

function resolve(cal: BranchCalendar): ResolvedCalendar {
  const country = cal.country.toUpperCase();
  const martialLaw = cal.ukraineMartialLaw ?? UKRAINE_MARTIAL_LAW_DEFAULT;
  return {
    extraOff: epochDaySet(cal.extraDaysOff),
    extraWork: epochDaySet(cal.extraWorkingDays),
    country,
    martialLaw,
    years: countryYears(country, martialLaw),
  };
}

function countryException(epochDay: number, r: ResolvedCalendar): DayException | undefined {
  const year = yearOfEpochDay(epochDay);
  const exceptions = r.years.get(year) ?? yearExceptions(r.country, year, r.martialLaw);
  return exceptions.get(epochDay);
}

function explainEpochDay(epochDay: number, r: ResolvedCalendar): DayExplanation {
  if (r.extraOff?.has(epochDay)) return { working: false, reason: 'extra_day_off' };
  if (r.extraWork?.has(epochDay)) return { working: true, reason: 'extra_working_day' };
  const exception = countryException(epochDay, r);
  if (exception) return { ...exception };
  return isWeekendEpochDay(epochDay)
    ? { working: false, reason: 'weekend' }
    : { working: true, reason: 'weekday' };
}

/** The hot path (every row of a list): no allocation. */
function isWorkingEpochDay(epochDay: number, r: ResolvedCalendar): boolean {
  if (r.extraOff?.has(epochDay)) return false;
  if (r.extraWork?.has(epochDay)) return true;
  const exception = countryException(epochDay, r);
  return exception ? exception.working : !isWeekendEpochDay(epochDay);
}

export function isWorkingDay(localDate: string, cal: BranchCalendar): boolean {
  return isWorkingEpochDay(toEpochDay(localDate), resolve(cal));
}

/** Why a date is (not) a working day, for settings screens and tooltips. */
export function explainDay(localDate: string, cal: BranchCalendar): DayExplanation {
  return explainEpochDay(toEpochDay(localDate), resolve(cal));
}

/**
 * The n-th working day after localDate (localDate itself not counted), as 'YYYY-MM-DD'. n = 0 returns
 * localDate unchanged; a negative n counts back (the n-th working day before localDate).
 */
export function addWorkingDays(localDate: string, n: number, cal: BranchCalendar): string {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of working days: ${n}`);
  const r = resolve(cal);
  let day = toEpochDay(localDate);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  // Ten years without a single working day means a broken calendar (e.g. every day listed as off).
  let guard = 3660 + left * 7;
  while (left > 0) {
    day += step;
    if (isWorkingEpochDay(day, r)) left--;
    if (--guard < 0) throw new RangeError('No working days found: check the calendar settings');
  }
  return fromEpochDay(day);
}

/** localDate itself when it is a working day, else the next working day (R10: a deadline on a day off moves). */
export function onOrNextWorkingDay(localDate: string, cal: BranchCalendar): string {
  return isWorkingDay(localDate, cal) ? localDate : addWorkingDays(localDate, 1, cal);
}

/** Hour and minute of the R7 deadline on the next working day. */
export const BOOK_PHOTO_DEADLINE_HOUR = 11;

/** R7: 11:00 local time of the first working day after the local date on which the photo was taken. */
export function bookPhotoDeadline(capturedAt: Date, cal: BranchCalendar): Date {
  if (Number.isNaN(capturedAt.getTime())) throw new RangeError('Invalid capture time');
  const takenOn = localDateIn(capturedAt, cal.timeZone);
  return zonedTimeToInstant(addWorkingDays(takenOn, 1, cal), BOOK_PHOTO_DEADLINE_HOUR, 0, cal.timeZone);
}

export type CalendarProblem = 'country_unsupported' | 'time_zone_invalid' | 'extra_date_invalid';

/** Settings check for a branch calendar: an empty list means it is usable. */
export function validateBranchCalendar(cal: BranchCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!/^[A-Za-z]{2}$/.test(cal.country) || !isSupportedCountry(cal.country.toUpperCase())) {
    problems.push('country_unsupported');
  }
  if (!isValidTimeZone(cal.timeZone)) problems.push('time_zone_invalid');
  const extras = [...(cal.extraDaysOff ?? []), ...(cal.extraWorkingDays ?? [])];
  if (extras.some((d) => !isLocalDate(d))) problems.push('extra_date_invalid');
  return problems;
}

/**
 * How far the built-in data for a country and year has been checked against the official calendar
 * (CORRECTIONS.md): 'verified' — against the published calendar / decree; 'rules_only' — computed from the
 * law's rules, no official calendar for that year was available (e.g. RU 2027: the transfer decree for
 * 1–8 January weekends is missing); 'library_only' — date-holidays data as is; 'unsupported' — no data
 * (weekends and the company's own days only).
 */
export type CalendarDataStatus = 'verified' | 'rules_only' | 'library_only' | 'unsupported';

const VERIFIED_YEARS: Record<string, readonly number[]> = {
  RU: [2024, 2025, 2026],
  UA: [2025, 2026, 2027],
  CZ: [2025, 2026, 2027],
  KR: [2025, 2026],
};

export function calendarDataStatus(country: string, year: number): CalendarDataStatus {
  const code = country.toUpperCase();
  if (!isSupportedCountry(code)) return 'unsupported';
  const verified = VERIFIED_YEARS[code];
  if (!verified) return 'library_only';
  return verified.includes(year) ? 'verified' : 'rules_only';
}

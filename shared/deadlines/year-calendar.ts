/**
 * Per country and year: the dates that differ from "Monday–Friday work, Saturday–Sunday off". Built once from
 * the library (corrected), the country's transfer rules and the designated days, then cached: a lookup is a
 * Map.get on an integer.
 */
import { isoWeekdayOfEpochDay, toEpochDay, yearOfEpochDay } from '../time/local-date';
import { DESIGNATED_DAYS, RU_TRANSFER_DECREES } from './corrections';
import { libraryHolidays, type HolidayDay } from './library-holidays';

export type DayReason =
  | 'public_holiday'
  | 'substitute_holiday'
  | 'transferred_day_off'
  | 'transferred_working_day'
  | 'designated_day_off'
  | 'designated_working_day';

export interface DayException {
  working: boolean;
  reason: DayReason;
  /** Holiday name in the country's language, or the decree / designation that made it so. */
  name?: string;
}

export type YearExceptions = Map<number, DayException>;

/** country key ('RU', 'UA:martial', …) → year → exceptions */
const cache = new Map<string, Map<number, YearExceptions>>();

export const isWeekendEpochDay = (epochDay: number): boolean => isoWeekdayOfEpochDay(epochDay) >= 6;

/** Library holidays that fall in `year`, including spans started in the previous year. */
function holidaysIn(country: string, year: number): HolidayDay[] {
  return [...libraryHolidays(country, year - 1), ...libraryHolidays(country, year)].filter(
    (h) => yearOfEpochDay(h.epochDay) === year,
  );
}

function isOff(exceptions: YearExceptions, epochDay: number): boolean {
  const e = exceptions.get(epochDay);
  return e ? !e.working : isWeekendEpochDay(epochDay);
}

function nextWorkingDayAfter(exceptions: YearExceptions, epochDay: number): number {
  let d = epochDay + 1;
  while (isOff(exceptions, d)) d++;
  return d;
}

function addHolidays(exceptions: YearExceptions, holidays: HolidayDay[]): number[] {
  const days: number[] = [];
  for (const h of holidays) {
    if (!exceptions.has(h.epochDay)) days.push(h.epochDay);
    exceptions.set(h.epochDay, {
      working: false,
      reason: h.substitute ? 'substitute_holiday' : 'public_holiday',
      name: h.name,
    });
  }
  return days.sort((a, b) => a - b);
}

/** 1–6 and 8 January: art. 112 part 2 leaves their weekend coincidences to the yearly decree. */
function isRussianNewYearHoliday(date: string): boolean {
  return /^\d{4}-01-0[1-68]$/.test(date);
}

function buildRussia(year: number): YearExceptions {
  const exceptions: YearExceptions = new Map();
  const holidays = holidaysIn('RU', year);
  const holidayDays = addHolidays(exceptions, holidays);
  const decree = RU_TRANSFER_DECREES[year];
  const movedByDecree = new Set<number>();
  for (const t of decree?.transfers ?? []) {
    const from = toEpochDay(t.from);
    movedByDecree.add(from);
    if (!holidayDays.includes(from)) {
      exceptions.set(from, { working: true, reason: 'transferred_working_day', name: decree!.decree });
    }
    exceptions.set(toEpochDay(t.to), { working: false, reason: 'transferred_day_off', name: decree!.decree });
  }
  // Art. 112 part 2: a weekend day that coincides with a holiday moves to the next working day after it.
  for (const day of holidayDays) {
    const h = holidays.find((x) => x.epochDay === day)!;
    if (!isWeekendEpochDay(day) || isRussianNewYearHoliday(h.date) || movedByDecree.has(day)) continue;
    exceptions.set(nextWorkingDayAfter(exceptions, day), {
      working: false,
      reason: 'transferred_day_off',
      name: `ТК РФ ст. 112: ${h.name}`,
    });
  }
  return exceptions;
}

function buildUkraine(year: number, martialLaw: boolean): YearExceptions {
  const exceptions: YearExceptions = new Map();
  // Martial law (law 2136-IX art. 6 part 6): art. 73 does not apply, every holiday is a working day, and
  // so there is nothing to transfer either.
  if (martialLaw) return exceptions;
  const holidays = holidaysIn('UA', year);
  for (const day of addHolidays(exceptions, holidays)) {
    if (!isWeekendEpochDay(day)) continue;
    // Art. 67 part 3: the weekend day moves to the day after the holiday (the next working day).
    exceptions.set(nextWorkingDayAfter(exceptions, day), {
      working: false,
      reason: 'transferred_day_off',
      name: `КЗпП ст. 67: ${holidays.find((h) => h.epochDay === day)!.name}`,
    });
  }
  return exceptions;
}

function buildFromLibrary(country: string, year: number): YearExceptions {
  const exceptions: YearExceptions = new Map();
  addHolidays(exceptions, holidaysIn(country, year));
  return exceptions;
}

function applyDesignatedDays(country: string, year: number, exceptions: YearExceptions): void {
  for (const d of DESIGNATED_DAYS[country] ?? []) {
    const day = toEpochDay(d.date);
    if (yearOfEpochDay(day) !== year) continue;
    const working = d.kind === 'working_day';
    exceptions.set(day, {
      working,
      reason: working ? 'designated_working_day' : 'designated_day_off',
      name: d.name,
    });
  }
}

/** The cached years of one country (and, for Ukraine, one martial-law setting). */
export function countryYears(country: string, ukraineMartialLaw: boolean): Map<number, YearExceptions> {
  const key = country === 'UA' ? `UA:${ukraineMartialLaw ? 'martial' : 'peace'}` : country;
  let years = cache.get(key);
  if (!years) {
    years = new Map();
    cache.set(key, years);
  }
  return years;
}

export function yearExceptions(country: string, year: number, ukraineMartialLaw: boolean): YearExceptions {
  const years = countryYears(country, ukraineMartialLaw);
  let exceptions = years.get(year);
  if (!exceptions) {
    if (country === 'RU') exceptions = buildRussia(year);
    else if (country === 'UA') exceptions = buildUkraine(year, ukraineMartialLaw);
    else exceptions = buildFromLibrary(country, year);
    applyDesignatedDays(country, year, exceptions);
    years.set(year, exceptions);
  }
  return exceptions;
}

/**
 * Public holidays as date-holidays knows them, with the rule-level corrections of corrections.ts applied,
 * expanded to one entry per local date (a multi-day holiday is one library entry with start/end).
 * Building a year costs ~20 ms in the library, so everything here is cached per country and year.
 */
import Holidays from 'date-holidays';
import { addDays, toEpochDay, type LocalDate } from '../time/local-date';
import { LIBRARY_CORRECTIONS } from './corrections';

export interface HolidayDay {
  epochDay: number;
  date: LocalDate;
  name: string;
  /** The library marked it as a substitute day (KR 대체공휴일). */
  substitute: boolean;
}

const instances = new Map<string, Holidays | null>();
let supportedCountries: Set<string> | undefined;
const yearCache = new Map<string, HolidayDay[]>();
const problems: string[] = [];

function instanceFor(country: string): Holidays | null {
  if (instances.has(country)) return instances.get(country)!;
  // init() accepts unknown codes silently, so the country list decides.
  supportedCountries ??= new Set(Object.keys(new Holidays().getCountries()));
  const hd = supportedCountries.has(country) ? new Holidays(country) : null;
  if (hd) {
    const corrections = LIBRARY_CORRECTIONS[country];
    for (const patch of corrections?.patches ?? []) {
      // A rule the library no longer spells this way means its data changed: recorded, and a test fails.
      if (!hd.unsetRule(patch.unset)) problems.push(`${country}: rule not found: ${patch.unset}`);
      if (patch.set && !hd.setHoliday(patch.set.rule, { name: patch.set.name, type: 'public' })) {
        problems.push(`${country}: rule not accepted: ${patch.set.rule}`);
      }
    }
    for (const add of corrections?.additions ?? []) {
      if (!hd.setHoliday(add.rule, { name: add.name, type: 'public' })) {
        problems.push(`${country}: rule not accepted: ${add.rule}`);
      }
    }
    for (const shift of corrections?.spanShifts ?? []) {
      if (!hd.getRule(shift.rule)) problems.push(`${country}: rule not found: ${shift.rule}`);
    }
  }
  instances.set(country, hd);
  return hd;
}

/** Whether date-holidays has data for the country (ISO 3166-1 alpha-2, upper case). */
export function isSupportedCountry(country: string): boolean {
  return instanceFor(country) !== null;
}

/** Corrections that no longer match the library's rules (empty unless date-holidays changed under us). */
export function libraryCorrectionProblems(): string[] {
  for (const country of Object.keys(LIBRARY_CORRECTIONS)) instanceFor(country);
  return [...problems];
}

const DATE_PART = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})/;

/** Public holidays whose library entry starts in `year` (a span may run into the next year). */
export function libraryHolidays(country: string, year: number): HolidayDay[] {
  const key = `${country}:${year}`;
  const cached = yearCache.get(key);
  if (cached) return cached;
  const hd = instanceFor(country);
  const days: HolidayDay[] = [];
  const shifts = LIBRARY_CORRECTIONS[country]?.spanShifts ?? [];
  for (const h of hd ? hd.getHolidays(year) : []) {
    if (h.type !== 'public') continue;
    const m = DATE_PART.exec(h.date);
    // A holiday that starts in the afternoon (some countries' Christmas Eve) does not close the day.
    if (!m || m[2] !== '00:00:00') continue;
    // DST makes a day 23 or 25 hours long; rounding gives the number of local dates either way.
    const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
    const shift = shifts.find((s) => s.rule === h.rule)?.shiftDays ?? 0;
    const first = addDays(m[1]!, shift);
    for (let i = 0; i < length; i++) {
      const date = addDays(first, i);
      days.push({ epochDay: toEpochDay(date), date, name: h.name, substitute: h.substitute === true });
    }
  }
  days.sort((a, b) => a.epochDay - b.epochDay);
  yearCache.set(key, days);
  return days;
}

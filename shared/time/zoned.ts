import { formatLocalDate, parseLocalDate, type LocalDate } from './local-date';

/**
 * Wall-clock time in an IANA zone, whatever zone the machine itself is in. A branch's dates and
 * deadlines are always the branch's, never the PC's (a PC clock left on UTC is common).
 */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local date of `instant` on a wall clock in `timeZone`. */
export function localDateIn(instant: Date, timeZone: string): LocalDate {
  const p = zonedParts(instant, timeZone);
  return formatLocalDate(p.year, p.month, p.day);
}

/** The wall clock Intl reads for `instant` (whole seconds): the reference every other answer here comes from. */
function intlParts(instant: Date, timeZone: string): ZonedParts {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

function intlOffsetMs(t: number, timeZone: string): number {
  const p = intlParts(new Date(t), timeZone);
  // Not Date.UTC, which reads the years 0–99 as 1900–1999.
  const wall = new Date(0);
  wall.setUTCFullYear(p.year, p.month - 1, p.day);
  wall.setUTCHours(p.hour, p.minute, p.second);
  return wall.getTime() - Math.floor(t / 1000) * 1000;
}

/**
 * Offsets by zone and quarter of an hour of UTC time. A zone's offset changes only at its transitions, a
 * few a year; every offset in use today is a whole number of quarters of an hour, so a transition at a
 * wall-clock hour falls on a quarter's boundary. A quarter is cached only when Intl gives the same offset
 * at its first and last second; one with a transition inside (a historical offset in odd seconds) is read
 * from Intl every time. Intl's formatToParts costs microseconds, and a complaint's deadlines ask for some
 * twenty offsets: a push of 200 registrations spent 16 ms on them (issue 17).
 */
const QUARTER_MS = 15 * 60_000;
/** By zone, then by quarter's number: no key to build per call. */
const offsets = new Map<string, Map<number, number>>();
let cachedCount = 0;
/**
 * The years 1000–9999 only: Intl's years are four digits there. Outside, every answer is Intl's own, as
 * before the cache (the years before Christ and the last instants a Date can hold included).
 */
const CACHED_FROM = Date.UTC(1000, 0, 1);
const CACHED_UNTIL = Date.UTC(9999, 0, 1);
const cached = (t: number) => t >= CACHED_FROM && t < CACHED_UNTIL;

/** Offset of the zone from UTC at `instant`, in milliseconds (Moscow: +3 h). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const t = instant.getTime();
  // An invalid date: Intl throws its RangeError, as before.
  if (!cached(t)) return intlOffsetMs(t, timeZone);
  const quarter = Math.floor(t / QUARTER_MS);
  let zone = offsets.get(timeZone);
  let offset = zone?.get(quarter);
  if (offset === undefined) {
    const first = quarter * QUARTER_MS;
    offset = intlOffsetMs(first, timeZone);
    if (intlOffsetMs(first + QUARTER_MS - 1000, timeZone) !== offset) return intlOffsetMs(t, timeZone);
    if (cachedCount >= 50_000) {
      offsets.clear();
      cachedCount = 0;
      zone = undefined;
    }
    if (!zone) offsets.set(timeZone, (zone = new Map()));
    zone.set(quarter, offset);
    cachedCount++;
  }
  return offset;
}

/** The wall clock in `timeZone` at `instant`, to the second. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const t = instant.getTime();
  if (!cached(t)) return intlParts(instant, timeZone);
  const wall = new Date(Math.floor(t / 1000) * 1000 + zoneOffsetMs(instant, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/**
 * The instant at which a wall clock in `timeZone` shows `localDate` at `hour:minute`.
 * In a DST gap (the wall time does not exist) it is moved forward by the length of the gap;
 * in a DST overlap (the wall time happens twice) it is the earlier of the two.
 */
export function zonedTimeToInstant(
  localDate: LocalDate,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const { year, month, day } = parseLocalDate(localDate);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Try the offsets in force a day either side; the right one maps back to the same wall time.
  const candidates = new Set([
    zoneOffsetMs(new Date(wallAsUtc - 86_400_000), timeZone),
    zoneOffsetMs(new Date(wallAsUtc), timeZone),
    zoneOffsetMs(new Date(wallAsUtc + 86_400_000), timeZone),
  ]);
  const matches = [...candidates]
    .map((offset) => wallAsUtc - offset)
    .filter((t) => zoneOffsetMs(new Date(t), timeZone) === wallAsUtc - t)
    .sort((a, b) => a - b);
  if (matches.length > 0) return new Date(matches[0]!);
  // In a gap: read the wall time with the offset in force before the jump, which moves it forward by the
  // length of the gap (02:30 on a spring-forward night becomes 03:30), as Temporal's 'compatible' does.
  return new Date(wallAsUtc - zoneOffsetMs(new Date(wallAsUtc - 86_400_000), timeZone));
}

const dayStarts = new Map<string, number>();

/**
 * The first instant of `localDate` on a wall clock in `timeZone` (later than 00:00 if midnight is in a DST gap).
 * Memoised: deadlines of a whole list fall on a few hundred dates, and each uncached answer costs several
 * Intl look-ups.
 */
export function startOfLocalDay(localDate: LocalDate, timeZone: string): Date {
  const key = `${timeZone} ${localDate}`;
  let t = dayStarts.get(key);
  if (t === undefined) {
    t = zonedTimeToInstant(localDate, 0, 0, timeZone).getTime();
    if (dayStarts.size >= 50_000) dayStarts.clear();
    dayStarts.set(key, t);
  }
  return new Date(t);
}

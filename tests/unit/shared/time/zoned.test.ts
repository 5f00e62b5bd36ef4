import { describe, expect, it } from 'vitest';
import {
  isValidTimeZone,
  localDateIn,
  startOfLocalDay,
  zonedParts,
  zonedTimeToInstant,
  zoneOffsetMs,
} from '../../../../shared/time/zoned';

describe('wall clocks in a branch zone', () => {
  it.each([
    // 00:30 in Moscow is still the previous day in UTC: the Moscow date wins.
    ['2026-11-22T21:30:00Z', 'Europe/Moscow', '2026-11-23'],
    ['2026-12-31T21:00:00Z', 'Europe/Moscow', '2027-01-01'],
    ['2026-12-31T20:59:59Z', 'Europe/Moscow', '2026-12-31'],
    ['2026-12-31T15:00:00Z', 'Asia/Seoul', '2027-01-01'],
    ['2026-03-28T23:30:00Z', 'Europe/Prague', '2026-03-29'],
    ['2026-11-23T05:00:00Z', 'America/Los_Angeles', '2026-11-22'],
  ])('%s is %s local date %s', (iso, zone, expected) => {
    expect(localDateIn(new Date(iso), zone)).toBe(expected);
  });

  it.each([
    ['2026-11-24', 11, 0, 'Europe/Moscow', '2026-11-24T08:00:00.000Z'],
    ['2026-11-24', 11, 0, 'Asia/Seoul', '2026-11-24T02:00:00.000Z'],
    ['2026-07-01', 11, 0, 'Europe/Prague', '2026-07-01T09:00:00.000Z'], // summer time, UTC+2
    ['2026-01-15', 11, 0, 'Europe/Prague', '2026-01-15T10:00:00.000Z'], // winter time, UTC+1
    ['2026-07-01', 11, 0, 'Europe/Kyiv', '2026-07-01T08:00:00.000Z'],
    ['2026-03-29', 2, 30, 'Europe/Prague', '2026-03-29T01:30:00.000Z'], // gap: 02:30 does not exist, read as 03:30
    ['2026-10-25', 2, 30, 'Europe/Prague', '2026-10-25T00:30:00.000Z'], // overlap: the earlier 02:30
  ])('%s %i:%i in %s is %s', (date, h, m, zone, expected) => {
    expect(zonedTimeToInstant(date, h, m, zone).toISOString()).toBe(expected);
  });

  it.each([
    ['Europe/Moscow', true],
    ['Europe/Kyiv', true],
    ['Mars/Olympus', false],
    ['', false],
  ])('time zone %j valid: %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});

describe('startOfLocalDay', () => {
  it.each([
    ['2026-11-24', 'Europe/Moscow', '2026-11-23T21:00:00.000Z'],
    ['2026-03-29', 'Europe/Prague', '2026-03-28T23:00:00.000Z'], // the DST jump is at 02:00, midnight exists
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'], // midnight skipped: the day starts at 01:00
  ])('%s in %s starts at %s', (date, zone, expected) => {
    expect(startOfLocalDay(date, zone).toISOString()).toBe(expected);
  });
});

/**
 * The wall clock as Intl writes it, no offset cached: what zonedParts must always agree with. Another
 * path through Intl than the one under test (a formatted Swedish date, "1972-01-06 23:59:59", read back).
 */
const referenceFormats = new Map<string, Intl.DateTimeFormat>();
const referenceFormat = (timeZone: string): Intl.DateTimeFormat =>
  referenceFormats.get(timeZone) ??
  referenceFormats
    .set(
      timeZone,
      new Intl.DateTimeFormat('sv-SE', {
        timeZone,
        dateStyle: 'short',
        timeStyle: 'medium',
        hourCycle: 'h23',
      }),
    )
    .get(timeZone)!;
function intlWallClock(instant: Date, timeZone: string) {
  const m = /^(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)$/.exec(referenceFormat(timeZone).format(instant))!;
  const n = (i: number) => Number(m[i]);
  return { year: n(1), month: n(2), day: n(3), hour: n(4), minute: n(5), second: n(6) };
}

describe('zonedParts and zoneOffsetMs (offsets cached by quarter of an hour, issue 17)', () => {
  /** zonedParts and zoneOffsetMs at `t` against Intl's own reading. */
  const agrees = (zone: string, t: number) => {
    const instant = new Date(t);
    const wall = intlWallClock(instant, zone);
    expect(zonedParts(instant, zone), `${zone} at ${instant.toISOString()}`).toEqual(wall);
    const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
    expect(zoneOffsetMs(instant, zone)).toBe(wallAsUtc - Math.floor(t / 1000) * 1000);
  };

  // Around a transition of each kind: a whole hour (Prague, Los Angeles, Dublin's winter "summer time", New
  // York before 1970), half an hour (Lord Howe), an offset in quarters (Chatham, Kathmandu's 1986 move from
  // +5:30), the zone changes without DST (Moscow 2011 and 2014, Kyiv, Volgograd 2020), a day skipped (Apia,
  // 2011), and the odd seconds of historical offsets (Monrovia's −0:43:08 to −0:44:30 in 1919, and to
  // GMT in 1972).
  it.each([
    ['Europe/Prague', '2026-03-29T01:00:00Z'],
    ['Europe/Prague', '2026-10-25T01:00:00Z'],
    ['America/Los_Angeles', '2026-03-08T10:00:00Z'],
    ['America/Los_Angeles', '2026-11-01T09:00:00Z'],
    ['America/New_York', '1969-10-26T06:00:00Z'],
    ['Europe/Dublin', '2026-10-25T01:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
    ['Pacific/Chatham', '2026-04-04T14:00:00Z'],
    ['Asia/Kathmandu', '1985-12-31T18:30:00Z'],
    ['Europe/Moscow', '2011-03-26T23:00:00Z'],
    ['Europe/Moscow', '2014-10-25T22:00:00Z'],
    ['Europe/Volgograd', '2020-12-26T22:00:00Z'],
    ['Europe/Kyiv', '2026-03-29T01:00:00Z'],
    ['Pacific/Apia', '2011-12-30T10:00:00Z'],
    ['Africa/Monrovia', '1919-03-01T00:43:08Z'],
    ['Africa/Monrovia', '1972-01-07T00:44:30Z'],
  ])(
    '%s agrees with Intl around %s: each second of the three minutes about it, every 23 s of four hours',
    (zone, iso) => {
      const at = new Date(iso).getTime();
      // 123 ms past each second: before 1970 a rounding towards zero instead of down shows.
      for (let t = at - 90_000 + 123; t <= at + 90_000; t += 1_000) agrees(zone, t);
      for (let t = at - 2 * 3_600_000; t <= at + 2 * 3_600_000; t += 23_017) agrees(zone, t);
    },
  );

  it.each([
    ['Europe/Moscow', '0050-06-01T12:00:00Z'],
    ['Europe/Moscow', '0999-12-31T23:00:00Z'],
    ['Europe/Moscow', '1000-01-01T00:00:00.500Z'],
    ['Asia/Seoul', '+275760-09-12T23:59:59Z'],
  ])('%s at %s, at the edges of the cached years, reads as Intl does', (zone, iso) => {
    const instant = new Date(iso);
    const wall = intlWallClock(instant, zone);
    expect(zonedParts(instant, zone)).toEqual(wall);
    // The offset too (Date.UTC would read the year 50 as 1950; past the last instant a Date holds, NaN).
    const wallAsUtc = new Date(0);
    wallAsUtc.setUTCFullYear(wall.year, wall.month - 1, wall.day);
    wallAsUtc.setUTCHours(wall.hour, wall.minute, wall.second);
    expect(zoneOffsetMs(instant, zone)).toBe(
      wallAsUtc.getTime() - Math.floor(instant.getTime() / 1000) * 1000,
    );
  });

  it.each(['Europe/Moscow', 'Europe/Kyiv', 'Europe/Prague', 'Asia/Seoul', 'America/St_Johns'])(
    '%s agrees with Intl on instants spread over 1990–2040, read twice',
    (zone) => {
      // A fixed sequence (no Math.random): a failure names the instant, and the next run sees it again.
      let x = 12_345;
      for (let i = 0; i < 1_000; i++) {
        x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
        const instant = new Date(Date.UTC(1990, 0, 1) + (x / 2_147_483_648) * 50 * 365.25 * 86_400_000);
        const wall = intlWallClock(instant, zone);
        expect(zonedParts(instant, zone), `${zone} at ${instant.toISOString()}`).toEqual(wall);
        expect(zonedParts(instant, zone)).toEqual(wall);
      }
    },
  );

  it('an invalid date is refused as Intl refuses it', () => {
    expect(() => zonedParts(new Date(Number.NaN), 'Europe/Moscow')).toThrow(RangeError);
    expect(() => zoneOffsetMs(new Date(Number.NaN), 'Europe/Moscow')).toThrow(RangeError);
  });
});

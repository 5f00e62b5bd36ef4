import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  fromEpochDay,
  isLocalDate,
  isoWeekday,
  isoWeekdayOfEpochDay,
  parseLocalDate,
  toEpochDay,
  yearOfEpochDay,
} from '../../../shared/time/local-date';
import {
  isValidTimeZone,
  localDateIn,
  startOfLocalDay,
  zonedTimeToInstant,
} from '../../../shared/time/zoned';

describe('local dates', () => {
  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-29', 1, '2026-03-30'], // EU spring-forward night: still one calendar day
    ['2026-10-25', 1, '2026-10-26'], // EU fall-back night
  ])('%s + %i day = %s', (from, n, expected) => {
    expect(addDays(from, n)).toBe(expected);
  });

  it.each([
    ['2026-11-23', 1],
    ['2026-11-28', 6],
    ['2026-11-29', 7],
  ])('%s is ISO weekday %i', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', ''])('rejects %j', (value) => {
    expect(isLocalDate(value)).toBe(false);
    expect(() => parseLocalDate(value)).toThrow(RangeError);
  });
});

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

describe('epoch days', () => {
  it.each([
    ['1970-01-01', 0, 4],
    ['1969-12-31', -1, 3],
    ['2026-11-23', 20780, 1],
    ['2026-11-29', 20786, 7],
    ['2028-02-29', 21243, 2],
  ])('%s is epoch day %i, ISO weekday %i', (date, epochDay, weekday) => {
    expect(toEpochDay(date)).toBe(epochDay);
    expect(fromEpochDay(epochDay)).toBe(date);
    expect(isoWeekdayOfEpochDay(epochDay)).toBe(weekday);
    expect(isoWeekdayOfEpochDay(epochDay)).toBe(isoWeekday(date));
    expect(yearOfEpochDay(epochDay)).toBe(Number(date.slice(0, 4)));
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-11-15', 2, '2027-01-15'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-12-31', 12, '2027-12-31'],
  ])('%s + %i months = %s', (from, n, expected) => {
    expect(addMonths(from, n)).toBe(expected);
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

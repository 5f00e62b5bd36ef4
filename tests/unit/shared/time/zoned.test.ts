import { describe, expect, it } from 'vitest';
import {
  isValidTimeZone,
  localDateIn,
  startOfLocalDay,
  zonedTimeToInstant,
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

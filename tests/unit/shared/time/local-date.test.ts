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
} from '../../../../shared/time/local-date';

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

import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  bookPhotoDeadline,
  calendarDataStatus,
  explainDay,
  isWorkingDay,
  onOrNextWorkingDay,
  validateBranchCalendar,
  type BranchCalendar,
} from '../../../../shared/deadlines';
import { addDays } from '../../../../shared/time/local-date';

const ZONES: Record<string, string> = {
  RU: 'Europe/Moscow',
  UA: 'Europe/Kyiv',
  CZ: 'Europe/Prague',
  KR: 'Asia/Seoul',
  XX: 'UTC',
};
const cal = (country: string, extra: Partial<BranchCalendar> = {}): BranchCalendar => ({
  country,
  timeZone: ZONES[country.toUpperCase()] ?? 'UTC',
  ...extra,
});
const UA_PEACE = { ukraineMartialLaw: false };

describe('isWorkingDay', () => {
  it.each<[string, string, Partial<BranchCalendar>, boolean, string]>([
    // Russia: decree No. 1335 (2025), No. 1466 (2026), art. 112 (2027, no decree yet)
    ['RU', '2025-01-08', {}, false, 'last New Year holiday'],
    ['RU', '2025-01-09', {}, true, 'first working day of 2025'],
    ['RU', '2025-02-24', {}, true, 'decree moved the 23 Feb Sunday to 8 May, not to the Monday'],
    ['RU', '2025-03-10', {}, true, 'decree moved the 8 Mar Saturday to 13 June'],
    ['RU', '2025-04-30', {}, true, 'shortened pre-holiday day is still a working day'],
    ['RU', '2025-05-02', {}, false, 'transfer from Saturday 4 January'],
    ['RU', '2025-05-08', {}, false, 'transfer from Sunday 23 February'],
    ['RU', '2025-06-13', {}, false, 'transfer from Saturday 8 March'],
    ['RU', '2025-11-01', {}, true, 'working Saturday (transfer to 3 November)'],
    ['RU', '2025-11-03', {}, false, 'transfer from Saturday 1 November'],
    ['RU', '2025-12-31', {}, false, 'transfer from Sunday 5 January'],
    ['RU', '2026-01-09', {}, false, 'transfer from Saturday 3 January'],
    ['RU', '2026-01-12', {}, true, 'first working day of 2026'],
    ['RU', '2026-03-09', {}, false, 'art. 112: 8 March on a Sunday'],
    ['RU', '2026-05-11', {}, false, 'art. 112: 9 May on a Saturday'],
    ['RU', '2026-12-30', {}, true, 'shortened pre-holiday day'],
    ['RU', '2026-12-31', {}, false, 'transfer from Sunday 4 January'],
    ['RU', '2027-05-03', {}, false, 'art. 112: 1 May 2027 on a Saturday'],
    ['RU', '2027-06-14', {}, false, 'art. 112: 12 June 2027 on a Saturday'],
    ['ru', '2026-02-23', {}, false, 'country code is case-insensitive'],
    // Ukraine: martial law (default) vs. art. 73 + art. 67
    ['UA', '2026-01-01', {}, true, 'martial law: holidays are working days'],
    ['UA', '2026-01-01', UA_PEACE, false, 'New Year without martial law'],
    ['UA', '2026-03-09', {}, true, 'martial law: no transfers either'],
    ['UA', '2026-03-09', UA_PEACE, false, 'art. 67: 8 March on a Sunday'],
    ['UA', '2026-04-13', UA_PEACE, false, 'Orthodox Easter Sunday moves to Monday'],
    ['UA', '2027-05-04', UA_PEACE, false, '1 May (Sat) and Easter (Sun) 2027: Monday and Tuesday off'],
    ['UA', '2025-01-02', UA_PEACE, true, '2 January is not a holiday (library says it is)'],
    ['UA', '2026-01-07', UA_PEACE, true, '7 January no longer a holiday since 2024'],
    ['UA', '2025-05-09', UA_PEACE, true, '9 May replaced by 8 May since 2024'],
    ['UA', '2025-05-08', UA_PEACE, false, "День пам'яті та перемоги"],
    ['UA', '2025-05-10', {}, false, 'a Saturday is a weekend under martial law too'],
    // Czech Republic: zákon 245/2000 Sb., no substitute days
    ['CZ', '2025-04-18', {}, false, 'Good Friday 2025'],
    ['CZ', '2025-04-21', {}, false, 'Easter Monday 2025'],
    ['CZ', '2026-04-03', {}, false, 'Good Friday 2026'],
    ['CZ', '2026-04-06', {}, false, 'Easter Monday 2026'],
    ['CZ', '2027-03-26', {}, false, 'Good Friday 2027'],
    ['CZ', '2027-03-29', {}, false, 'Easter Monday 2027'],
    ['CZ', '2025-07-07', {}, true, 'holidays on a weekend are not moved in CZ'],
    ['CZ', '2026-12-24', {}, false, 'Štědrý den'],
    ['CZ', '2026-09-28', {}, false, 'Den české státnosti'],
    // South Korea: 월력요항, designations, corrected Seollal
    ['KR', '2025-01-27', {}, false, 'temporary holiday before Seollal'],
    ['KR', '2025-01-28', {}, false, 'Seollal eve (library misses it)'],
    ['KR', '2025-01-31', {}, true, 'day after the Seollal span (library wrongly off)'],
    ['KR', '2026-02-16', {}, false, 'Seollal eve 2026'],
    ['KR', '2026-02-19', {}, true, 'library shifts Seollal 2026 by one day'],
    ['KR', '2027-02-09', {}, false, 'Seollal substitute (Seollal day on a Sunday)'],
    ['KR', '2027-02-10', {}, true, 'after the 2027 Seollal substitute'],
    ['KR', '2025-05-06', {}, false, "substitute: Children's Day and Buddha's Birthday both on 5 May"],
    ['KR', '2025-06-03', {}, false, '21st presidential election'],
    ['KR', '2025-10-08', {}, false, 'Chuseok substitute (Chuseok eve on a Sunday)'],
    ['KR', '2025-10-10', {}, true, 'proposed temporary holiday was not designated'],
    ['KR', '2026-05-01', {}, false, 'Labour Day: paid day off for employees'],
    ['KR', '2026-05-25', {}, false, "Buddha's Birthday substitute"],
    ['KR', '2026-06-03', {}, false, 'local elections'],
    ['KR', '2026-07-17', {}, false, 'Constitution Day public again from 2026'],
    ['KR', '2025-07-17', {}, true, 'Constitution Day 2025 was not a day off'],
    ['KR', '2026-09-26', {}, false, 'Chuseok day after, a Saturday: no substitute for Saturday'],
    ['KR', '2026-09-28', {}, true, 'no Chuseok substitute in 2026'],
    // company overrides
    ['RU', '2026-03-09', { extraWorkingDays: ['2026-03-09'] }, true, 'company works on a holiday'],
    ['CZ', '2026-11-23', { extraDaysOff: ['2026-11-23'] }, false, 'company day off'],
    ['RU', '2026-11-28', { extraWorkingDays: ['2026-11-28'] }, true, 'company works on a Saturday'],
    [
      'RU',
      '2026-11-30',
      { extraDaysOff: ['2026-11-30'], extraWorkingDays: ['2026-11-30'] },
      false,
      'day off wins',
    ],
    ['KR', '2026-11-30', { extraDaysOff: ['not a date'] }, true, 'invalid extra dates are ignored'],
    ['XX', '2026-11-30', {}, true, 'unknown country: weekdays work'],
    ['XX', '2026-11-29', {}, false, 'unknown country: weekends off'],
  ])('%s %s %j → %s (%s)', (country, date, extra, expected) => {
    expect(isWorkingDay(date, cal(country, extra))).toBe(expected);
  });

  it('rejects a malformed date', () => {
    expect(() => isWorkingDay('2026-02-30', cal('RU'))).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each<[string, string, number, Partial<BranchCalendar>, string]>([
    ['RU', '2025-12-30', 1, {}, '2026-01-12'], // 31 Dec 2025 and 1–11 Jan 2026 off
    ['RU', '2026-12-30', 1, {}, '2027-01-11'], // year boundary: 31 Dec 2026 + 1–10 Jan 2027
    ['RU', '2025-04-30', 1, {}, '2025-05-05'],
    ['RU', '2025-04-30', 10, {}, '2025-05-20'], // skips 1–4 and 8–11 May
    ['RU', '2025-10-31', 1, {}, '2025-11-01'], // working Saturday
    ['RU', '2026-01-12', -1, {}, '2025-12-30'], // counting back
    ['RU', '2026-11-24', 0, {}, '2026-11-24'],
    ['KR', '2026-02-13', 1, {}, '2026-02-19'],
    ['KR', '2025-09-30', 5, {}, '2025-10-14'], // 3–9 Oct 2025 off
    ['KR', '2026-12-31', 1, {}, '2027-01-04'],
    ['CZ', '2026-04-02', 1, {}, '2026-04-07'], // Easter
    ['CZ', '2026-12-23', 3, {}, '2026-12-30'],
    ['UA', '2026-12-24', 1, {}, '2026-12-25'], // martial law
    ['UA', '2026-12-24', 1, UA_PEACE, '2026-12-28'],
    ['RU', '2026-11-27', 1, { extraWorkingDays: ['2026-11-28'] }, '2026-11-28'],
    ['RU', '2026-11-27', 1, { extraDaysOff: ['2026-11-30'] }, '2026-12-01'],
  ])('%s: %s + %i working days %j = %s', (country, date, n, extra, expected) => {
    expect(addWorkingDays(date, n, cal(country, extra))).toBe(expected);
  });

  it('refuses a fractional count', () => {
    expect(() => addWorkingDays('2026-11-24', 1.5, cal('RU'))).toThrow(RangeError);
  });

  it('skips a long company closure', () => {
    const days = Array.from({ length: 20 }, (_, i) => addDays('2026-12-01', i));
    expect(addWorkingDays('2026-11-30', 1, cal('CZ', { extraDaysOff: days }))).toBe('2026-12-21');
  });

  it('gives up on a calendar without working days instead of looping forever', () => {
    const days = Array.from({ length: 4500 }, (_, i) => addDays('2026-12-01', i));
    expect(() => addWorkingDays('2026-11-30', 1, cal('CZ', { extraDaysOff: days }))).toThrow(RangeError);
  });

  it('moves a date on a day off to the next working day', () => {
    expect(onOrNextWorkingDay('2026-03-08', cal('RU'))).toBe('2026-03-10');
    expect(onOrNextWorkingDay('2026-03-10', cal('RU'))).toBe('2026-03-10');
  });
});

describe('bookPhotoDeadline (R7)', () => {
  it.each<[string, string, Partial<BranchCalendar>, string, string]>([
    [
      'RU',
      '2026-11-27T15:00:00Z',
      {},
      '2026-11-30T08:00:00.000Z',
      'Friday 18:00 Moscow → Monday 11:00 Moscow',
    ],
    ['RU', '2026-12-31T10:00:00Z', {}, '2027-01-11T08:00:00.000Z', '31 Dec 2026 → first working day of 2027'],
    [
      'RU',
      '2026-11-23T21:30:00Z',
      {},
      '2026-11-25T08:00:00.000Z',
      '00:30 Moscow on Tuesday is Tuesday, not Monday',
    ],
    ['RU', '2026-11-23T20:30:00Z', {}, '2026-11-24T08:00:00.000Z', '23:30 Moscow on Monday'],
    ['RU', '2025-10-31T12:00:00Z', {}, '2025-11-01T08:00:00.000Z', 'working Saturday 1 Nov 2025'],
    ['KR', '2026-02-13T08:00:00Z', {}, '2026-02-19T02:00:00.000Z', 'Seoul photo before Seollal'],
    [
      'KR',
      '2026-12-31T15:30:00Z',
      {},
      '2027-01-04T02:00:00.000Z',
      '00:30 Seoul on New Year: already 2027 there',
    ],
    ['CZ', '2026-03-27T12:00:00Z', {}, '2026-03-30T09:00:00.000Z', 'over the spring-forward weekend (CEST)'],
    ['CZ', '2026-10-23T12:00:00Z', {}, '2026-10-26T10:00:00.000Z', 'over the fall-back weekend (CET)'],
    ['CZ', '2026-04-02T16:00:00Z', {}, '2026-04-07T09:00:00.000Z', 'before Good Friday and Easter Monday'],
    ['UA', '2026-12-24T10:00:00Z', {}, '2026-12-25T09:00:00.000Z', 'martial law: Christmas is a working day'],
    ['UA', '2026-12-24T10:00:00Z', UA_PEACE, '2026-12-28T09:00:00.000Z', 'without martial law'],
  ])('%s %s %j → %s (%s)', (country, capturedAt, extra, expected) => {
    expect(bookPhotoDeadline(new Date(capturedAt), cal(country, extra)).toISOString()).toBe(expected);
  });

  it('uses the branch zone, not the country default zone', () => {
    // Vladivostok (UTC+10): 23:30 on 30 Dec 2026 local; the next working day is 11 Jan 2027.
    const vladivostok = { country: 'RU', timeZone: 'Asia/Vladivostok' };
    expect(bookPhotoDeadline(new Date('2026-12-30T13:30:00Z'), vladivostok).toISOString()).toBe(
      '2027-01-11T01:00:00.000Z',
    );
  });

  it('refuses an invalid capture time', () => {
    expect(() => bookPhotoDeadline(new Date('nope'), cal('RU'))).toThrow(RangeError);
  });
});

describe('explaining and checking calendars', () => {
  it.each([
    ['RU', '2025-05-08', { working: false, reason: 'transferred_day_off' }],
    ['RU', '2025-11-01', { working: true, reason: 'transferred_working_day' }],
    ['KR', '2027-02-09', { working: false, reason: 'substitute_holiday' }],
    ['KR', '2026-06-03', { working: false, reason: 'designated_day_off' }],
    ['CZ', '2026-12-24', { working: false, reason: 'public_holiday' }],
    ['CZ', '2026-11-28', { working: false, reason: 'weekend' }],
    ['CZ', '2026-11-27', { working: true, reason: 'weekday' }],
  ])('%s %s is %j', (country, date, expected) => {
    expect(explainDay(date, cal(country))).toMatchObject(expected);
  });

  it('names the holiday', () => {
    expect(explainDay('2026-02-16', cal('KR')).name).toBe('설날');
  });

  it.each<[BranchCalendar, string[]]>([
    [{ country: 'RU', timeZone: 'Europe/Moscow' }, []],
    [{ country: 'XX', timeZone: 'Europe/Moscow' }, ['country_unsupported']],
    [{ country: 'CZ', timeZone: 'Europe/Praha' }, ['time_zone_invalid']],
    [{ country: 'KR', timeZone: 'Asia/Seoul', extraDaysOff: ['2026-13-01'] }, ['extra_date_invalid']],
  ])('validates %j', (calendar, problems) => {
    expect(validateBranchCalendar(calendar)).toEqual(problems);
  });

  it.each([
    ['RU', 2026, 'verified'],
    ['RU', 2027, 'rules_only'],
    ['KR', 2027, 'rules_only'],
    ['CZ', 2027, 'verified'],
    ['DE', 2026, 'library_only'],
    ['XX', 2026, 'unsupported'],
  ])('data status of %s %i is %s', (country, year, status) => {
    expect(calendarDataStatus(country, year)).toBe(status);
  });
});

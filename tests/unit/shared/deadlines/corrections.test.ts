/**
 * The whole year, checked against the official calendars listed in shared/deadlines/CORRECTIONS.md: every
 * weekday that is not worked and every weekend day that is, and the number of working days.
 */
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { isWorkingDay, libraryCorrectionProblems, type BranchCalendar } from '../../../../shared/deadlines';
import { addDays, isoWeekday } from '../../../../shared/time/local-date';

function yearProfile(year: number, cal: BranchCalendar) {
  const offWeekdays: string[] = [];
  const workingWeekends: string[] = [];
  let working = 0;
  for (let d = `${year}-01-01`; d.startsWith(`${year}-`); d = addDays(d, 1)) {
    const work = isWorkingDay(d, cal);
    const weekend = isoWeekday(d) >= 6;
    if (work) working++;
    if (!work && !weekend) offWeekdays.push(d.slice(5));
    if (work && weekend) workingWeekends.push(d.slice(5));
  }
  return { working, offWeekdays, workingWeekends };
}

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

describe.each<[string, number, Partial<BranchCalendar>, number, string, string, string]>([
  // Russia: production calendars per the transfer decrees (247/248 working days, as officially published)
  [
    'RU',
    2024,
    {},
    248,
    '01-01 01-02 01-03 01-04 01-05 01-08 02-23 03-08 04-29 04-30 05-01 05-09 05-10 06-12 11-04 12-30 12-31',
    '04-27 11-02 12-28',
    'decree 1314',
  ],
  [
    'RU',
    2025,
    {},
    247,
    '01-01 01-02 01-03 01-06 01-07 01-08 05-01 05-02 05-08 05-09 06-12 06-13 11-03 11-04 12-31',
    '11-01',
    'decree 1335',
  ],
  [
    'RU',
    2026,
    {},
    247,
    '01-01 01-02 01-05 01-06 01-07 01-08 01-09 02-23 03-09 05-01 05-11 06-12 11-04 12-31',
    '',
    'decree 1466',
  ],
  // 2027: no decree yet — art. 112 only; the two January weekend days (2 and 3 Jan) await the decree.
  [
    'RU',
    2027,
    {},
    249,
    '01-01 01-04 01-05 01-06 01-07 01-08 02-23 03-08 05-03 05-10 06-14 11-04',
    '',
    'art. 112',
  ],
  // Ukraine under martial law: Monday–Friday, nothing else
  ['UA', 2025, {}, 261, '', '', 'martial law'],
  ['UA', 2026, {}, 261, '', '', 'martial law'],
  ['UA', 2027, {}, 261, '', '', 'martial law'],
  // Ukraine, art. 73 + art. 67 (martial law off)
  [
    'UA',
    2025,
    { ukraineMartialLaw: false },
    250,
    '01-01 03-10 04-21 05-01 05-08 06-09 06-30 07-15 08-25 10-01 12-25',
    '',
    'КЗпП',
  ],
  [
    'UA',
    2026,
    { ukraineMartialLaw: false },
    250,
    '01-01 03-09 04-13 05-01 05-08 06-01 06-29 07-15 08-24 10-01 12-25',
    '',
    'КЗпП',
  ],
  [
    'UA',
    2027,
    { ukraineMartialLaw: false },
    250,
    '01-01 03-08 05-03 05-04 05-10 06-21 06-28 07-15 08-24 10-01 12-27',
    '',
    'КЗпП',
  ],
  // Czech Republic, zákon 245/2000 Sb.
  ['CZ', 2025, {}, 251, '01-01 04-18 04-21 05-01 05-08 10-28 11-17 12-24 12-25 12-26', '', '245/2000'],
  ['CZ', 2026, {}, 250, '01-01 04-03 04-06 05-01 05-08 07-06 09-28 10-28 11-17 12-24 12-25', '', '245/2000'],
  ['CZ', 2027, {}, 252, '01-01 03-26 03-29 07-05 07-06 09-28 10-28 11-17 12-24', '', '245/2000'],
  // South Korea: 월력요항 + designations + Labour Day (5월 1일)
  [
    'KR',
    2025,
    {},
    243,
    '01-01 01-27 01-28 01-29 01-30 03-03 05-01 05-05 05-06 06-03 06-06 08-15 10-03 10-06 10-07 10-08 10-09 12-25',
    '',
    '월력요항 2025',
  ],
  [
    'KR',
    2026,
    {},
    245,
    '01-01 02-16 02-17 02-18 03-02 05-01 05-05 05-25 06-03 07-17 08-17 09-24 09-25 10-05 10-09 12-25',
    '',
    '월력요항 2026',
  ],
  [
    'KR',
    2027,
    {},
    247,
    '01-01 02-08 02-09 03-01 05-05 05-13 07-19 08-16 09-14 09-15 09-16 10-04 10-11 12-27',
    '',
    'rules',
  ],
])('%s %i %j', (country, year, extra, working, offWeekdays, workingWeekends) => {
  const profile = yearProfile(year, { country, timeZone: 'UTC', ...extra });
  it('has the official days off on weekdays', () => expect(profile.offWeekdays).toEqual(words(offWeekdays)));
  it('has the official working weekend days', () =>
    expect(profile.workingWeekends).toEqual(words(workingWeekends)));
  it(`has ${working} working days`, () => expect(profile.working).toBe(working));
});

describe('the correction layer still fits date-holidays', () => {
  it('finds every rule it patches', () => {
    expect(libraryCorrectionProblems()).toEqual([]);
  });

  // When one of these fails, the library was fixed: drop the matching correction and its CORRECTIONS.md line.
  it.each([
    ['KR', '2026-02-19', true, 'Seollal span one day late'],
    ['KR', '2026-02-16', false, 'Seollal eve missing'],
    ['KR', '2025-01-27', false, 'temporary holiday missing'],
    ['KR', '2026-06-03', false, 'election day missing'],
    ['KR', '2026-05-01', false, 'Labour Day missing'],
    ['UA', '2025-01-02', true, '2 January still listed'],
    ['UA', '2025-05-08', false, '8 May missing'],
    ['RU', '2025-05-08', false, 'decree transfers not modelled'],
    ['RU', '2026-05-11', false, 'art. 112 transfer of a Saturday holiday not modelled'],
  ])('date-holidays %s %s public holiday: %s (%s)', (country, date, expected) => {
    const raw = new Holidays(country)
      .getHolidays(Number(date.slice(0, 4)))
      .filter((h) => h.type === 'public')
      .some((h) => {
        const first = h.date.slice(0, 10);
        const days = Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000);
        return Array.from({ length: days }, (_, i) => addDays(first, i)).includes(date);
      });
    expect(raw).toBe(expected);
  });
});

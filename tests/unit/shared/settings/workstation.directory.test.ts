import { describe, expect, it } from 'vitest';
import {
  isValidEmail,
  minutesOfDay,
  officeHoursOf,
  validateWorkstationSettings,
  withSettingsDefaults,
  type WorkstationSettings,
} from '../../../../shared/settings/workstation';

// Issue 4 §6: the managers' directory and the feedback-book options are validated before they are saved.
const base = withSettingsDefaults({
  branchCode: 'MSK-01',
  branchName: 'Тверская',
  country: 'RU',
  timeZone: 'Europe/Moscow',
  language: 'ru',
  station: 1,
});
const errors = (patch: Partial<WorkstationSettings>) =>
  validateWorkstationSettings({ ...base, ...patch }).map((e) => `${e.field}:${e.code}`);

describe('managers directory and book options', () => {
  it('a profile saved before these fields existed gets working defaults', () => {
    expect(errors({})).toEqual([]);
    expect([base.bookWarnHours, base.offlineWarnMinutes, base.photoLongEdge, base.photoQuality]).toEqual([
      2, 60, 2000, 0.85,
    ]);
  });

  it.each([
    ['manager@example.ru', true],
    ['i.petrova+book@branch.example.com', true],
    [' manager@example.ru ', true], // trimmed on save
    ['manager@example', false],
    ['manager example.ru', false],
    ['@example.ru', false],
    ['a@b.c', false],
    ['<manager@example.ru>', false],
  ])('e-mail %j valid: %s', (email, ok) => {
    expect(errors({ managerEmail: email })).toEqual(ok ? [] : ['managerEmail:invalid_email']);
    expect(errors({ headOfSalesEmail: email })).toEqual(ok ? [] : ['headOfSalesEmail:invalid_email']);
  });

  it('names are optional but bounded', () => {
    expect(errors({ managerName: 'x'.repeat(121) })).toEqual(['managerName:too_long']);
  });

  it.each([
    ['bookWarnHours', -1, false],
    ['bookWarnHours', 0, true],
    ['bookWarnHours', 24, true],
    ['bookWarnHours', 25, false],
    ['bookWarnHours', Number.NaN, false],
    ['offlineWarnMinutes', 4, false],
    ['offlineWarnMinutes', 5, true],
    ['photoLongEdge', 999, false],
    ['photoLongEdge', 4000, true],
    ['photoQuality', 0.96, false],
    ['photoQuality', 0.5, true],
  ] as const)('%s = %d valid: %s', (field, value, ok) => {
    expect(errors({ [field]: value })).toEqual(ok ? [] : [`${field}:out_of_range`]);
  });

  it('isValidEmail bounds the length', () => {
    expect(isValidEmail(`${'a'.repeat(250)}@x.ru`)).toBe(false);
  });

  // Issue 4 review: the at-risk rule's working hours are the branch's office hours, not a fixed 9–18.
  it('office hours default to 09:00–18:00', () => {
    expect([base.officeOpens, base.officeCloses]).toEqual(['09:00', '18:00']);
    expect(officeHoursOf(base)).toEqual({ opensMinute: 540, closesMinute: 1080 });
  });

  it.each([
    ['08:30', '17:30', []],
    ['00:00', '23:59', []],
    [' 10:00 ', '19:00', []], // trimmed on save
    ['9:00', '18:00', ['officeOpens:invalid_time']],
    ['09:00', '24:00', ['officeCloses:invalid_time']],
    ['', '18:00', ['officeOpens:invalid_time']],
    ['09:60', '18:00', ['officeOpens:invalid_time']],
    ['18:00', '09:00', ['officeCloses:closes_before_opens']],
    ['09:00', '09:00', ['officeCloses:closes_before_opens']],
  ])('opens %j, closes %j → %j', (officeOpens, officeCloses, expected) => {
    expect(errors({ officeOpens, officeCloses })).toEqual(expected);
  });

  it.each([
    [
      { officeOpens: '10:00', officeCloses: '19:30' },
      { opensMinute: 600, closesMinute: 1170 },
    ],
    [
      { officeOpens: '18:00', officeCloses: '09:00' },
      { opensMinute: 540, closesMinute: 1080 },
    ],
    [
      { officeOpens: 'soon', officeCloses: '18:00' },
      { opensMinute: 540, closesMinute: 1080 },
    ],
  ])('officeHoursOf(%j) → %j (an invalid value falls back to the defaults)', (patch, expected) => {
    expect(officeHoursOf({ ...base, ...patch })).toEqual(expected);
  });

  it('minutesOfDay reads HH:MM only', () => {
    expect([minutesOfDay('00:00'), minutesOfDay('23:59'), minutesOfDay('7:00'), minutesOfDay('x')]).toEqual([
      0,
      1439,
      null,
      null,
    ]);
  });
});

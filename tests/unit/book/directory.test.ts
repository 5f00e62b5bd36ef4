import { describe, expect, it } from 'vitest';
import {
  isValidEmail,
  validateWorkstationSettings,
  withSettingsDefaults,
  type WorkstationSettings,
} from '../../../shared/settings/workstation';

// Issue 4 §6: the managers' directory and the feedback-book options are validated before they are saved.
const base = withSettingsDefaults({
  branchCode: 'MSK-01',
  branchName: 'Тверская',
  country: 'RU',
  timeZone: 'Europe/Moscow',
  language: 'ru',
  employeeName: 'Ольга',
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
});

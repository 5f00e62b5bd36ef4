import { describe, expect, it } from 'vitest';
import { branchDetailsOf } from '../../../../shared/documents';
import {
  BRANCH_ADDRESS_MAX,
  normalizeWorkstationSettings,
  validateWorkstationSettings,
  withSettingsDefaults,
  type WorkstationSettings,
} from '../../../../shared/settings/workstation';

// Issue 16: how customers reach the branch (printed on every document) is optional in the settings.
const base = (patch: Partial<WorkstationSettings> = {}) =>
  withSettingsDefaults({
    branchCode: 'MSK-01',
    branchName: 'Москва, Тверская 7',
    country: 'RU',
    timeZone: 'Europe/Moscow',
    language: 'ru',
    station: 1,
    ...patch,
  });

describe('branch contact details in the workstation settings', () => {
  it('a profile saved before they existed reads them as empty, and documents name the branch alone', () => {
    const stored = base();
    delete stored.branchAddress;
    delete stored.branchPhone;
    delete stored.branchEmail;
    expect(validateWorkstationSettings(stored)).toEqual([]);
    expect(branchDetailsOf(stored)).toMatchObject({
      name: 'Москва, Тверская 7',
      address: '',
      phone: '',
      email: '',
    });
  });

  it('trims what was typed', () => {
    const s = normalizeWorkstationSettings(
      base({ branchAddress: '  ул. Тверская, 7 ', branchPhone: ' +7 495 1 ' }),
    );
    expect([s.branchAddress, s.branchPhone]).toEqual(['ул. Тверская, 7', '+7 495 1']);
  });

  it.each([
    [
      'an address too long',
      { branchAddress: 'x'.repeat(BRANCH_ADDRESS_MAX + 1) },
      'branchAddress',
      'too_long',
    ],
    ['a phone too long', { branchPhone: '1'.repeat(41) }, 'branchPhone', 'too_long'],
    ['an e-mail that is not one', { branchEmail: 'branch at example' }, 'branchEmail', 'invalid_email'],
  ])('refuses %s', (_name, patch, field, code) => {
    expect(validateWorkstationSettings(base(patch))).toContainEqual(expect.objectContaining({ field, code }));
  });
});

import { describe, expect, it } from 'vitest';
import { hqSetFields, withHqDirectory } from '../../../../shared/settings/directory';
import { SETTINGS_DEFAULTS, type WorkstationSettings } from '../../../../shared/settings/workstation';

const local = {
  ...SETTINGS_DEFAULTS,
  managerName: 'Local Manager',
  managerEmail: 'local@example.com',
  headOfSalesName: 'Local Head',
  headOfSalesEmail: 'head@example.com',
} as WorkstationSettings;
const hq = {
  code: 'MSK-01',
  name: 'Moscow',
  country: 'RU',
  timeZone: 'Europe/Moscow',
  language: 'ru',
  managerName: '',
  managerEmail: '',
  headOfSalesName: '',
  headOfSalesEmail: '',
};

describe('branch directory from HQ (issue 6)', () => {
  it('HQ never set it: the local directory stays', () => {
    expect(withHqDirectory(local, hq)).toBeNull();
  });
  it('HQ set the manager: it replaces the local one, the rest stays', () => {
    const next = withHqDirectory(local, { ...hq, managerName: 'Анна', managerEmail: 'anna@example.com' });
    expect(next).toMatchObject({
      managerName: 'Анна',
      managerEmail: 'anna@example.com',
      headOfSalesEmail: 'head@example.com',
    });
  });
  it('the same values again: no change', () => {
    expect(withHqDirectory(local, { ...hq, managerEmail: 'local@example.com' })).toBeNull();
  });
});

describe('which directory fields HQ has set (issue 4 review: read-only on the branch)', () => {
  it.each([
    ['not enrolled', undefined, []],
    ['enrolled, HQ set nothing', hq, []],
    [
      'manager only',
      { ...hq, managerName: 'Анна', managerEmail: 'anna@example.com' },
      ['managerName', 'managerEmail'],
    ],
    ['head of sales e-mail only', { ...hq, headOfSalesEmail: 'h@example.com' }, ['headOfSalesEmail']],
    [
      'all four',
      {
        ...hq,
        managerName: 'A',
        managerEmail: 'a@example.com',
        headOfSalesName: 'H',
        headOfSalesEmail: 'h@example.com',
      },
      ['managerName', 'managerEmail', 'headOfSalesName', 'headOfSalesEmail'],
    ],
  ])('%s', (_why, branch, expected) => {
    expect(hqSetFields(branch)).toEqual(expected);
  });
});

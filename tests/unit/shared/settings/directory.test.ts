import { describe, expect, it } from 'vitest';
import { hqSetFields, resolvedPolicyOf, withHqDirectory } from '../../../../shared/settings/directory';
import {
  SETTINGS_DEFAULTS,
  validateWorkstationSettings,
  type WorkstationSettings,
} from '../../../../shared/settings/workstation';

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

// Issue 16 item 3: how customers reach the branch is kept at HQ and replaces the workstation's own, so
// the branch's printed documents say what HQ's e-mailed copies and the console's documents say.
describe('the branch’s address, phone and opening hours from HQ (issue 16)', () => {
  const withContacts = { ...local, branchAddress: 'Old street 1', branchPhone: '+7 495 000-00-00' };
  it.each([
    ['HQ set none: the local ones stay', {}, null],
    [
      'HQ set all three: they replace the local ones (trimmed)',
      { address: ' Тверская, 7 ', phone: '+7 495 123-45-67', hours: 'пн–пт 9–18' },
      { branchAddress: 'Тверская, 7', branchPhone: '+7 495 123-45-67', branchHours: 'пн–пт 9–18' },
    ],
    [
      'HQ set the phone only',
      { phone: '+7 495 123-45-67' },
      { branchAddress: 'Old street 1', branchPhone: '+7 495 123-45-67' },
    ],
    ['the same values again: no change', { address: 'Old street 1' }, null],
  ] as const)('%s', (_name, fromHq, expected) => {
    const next = withHqDirectory(withContacts, { ...hq, ...fromHq });
    if (expected === null) expect(next).toBeNull();
    else expect(next).toMatchObject(expected);
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

describe('calendar extras and policy from HQ (issue 14: HQ’s deadlines are the branch’s)', () => {
  it('HQ set none of them: the branch keeps its own', () => {
    expect(withHqDirectory({ ...local, extraDaysOff: ['2026-03-09'] }, hq)).toBeNull();
  });
  it('HQ set them: they replace the branch’s own, even with an empty list', () => {
    const next = withHqDirectory(
      {
        ...local,
        extraDaysOff: ['2026-03-09'],
        extraWorkingDays: ['2026-03-07'],
        policyId: 'working_days_10',
      },
      {
        ...hq,
        extraDaysOff: ['2026-12-31'],
        extraWorkingDays: [],
        ukraineMartialLaw: false,
        policyId: 'written_2d_2w',
      },
    );
    expect(next).toMatchObject({
      extraDaysOff: ['2026-12-31'],
      extraWorkingDays: [],
      ukraineMartialLaw: false,
      policyId: 'written_2d_2w',
      managerEmail: 'local@example.com',
    });
  });
  it('the same values again: no change; a policy this version does not know: ignored', () => {
    expect(
      withHqDirectory({ ...local, extraDaysOff: ['2026-12-31'] }, { ...hq, extraDaysOff: ['2026-12-31'] }),
    ).toBeNull();
    expect(withHqDirectory(local, { ...hq, policyId: 'from_a_newer_hq' })).toBeNull();
  });
  it.each([
    ['none', hq, []],
    ['extra days off only', { ...hq, extraDaysOff: [] }, ['extraDaysOff']],
    [
      'everything',
      {
        ...hq,
        managerEmail: 'a@example.com',
        extraDaysOff: [],
        extraWorkingDays: ['2026-03-07'],
        ukraineMartialLaw: true,
        policyId: 'working_days_10',
      },
      ['managerEmail', 'extraDaysOff', 'extraWorkingDays', 'ukraineMartialLaw', 'policyId'],
    ],
    ['an unknown policy is not HQ’s to show', { ...hq, policyId: 'from_a_newer_hq' }, []],
  ])('read-only on the branch: %s', (_why, branch, expected) => {
    expect(hqSetFields(branch)).toEqual(expected);
  });
});

// R10 (issue 15): the branch's own approval thresholds and duplicate window, stored in its settings, are
// in force where HQ allows them (thresholds only stricter), and ignored where it does not.
describe('the branch’s own handling values (resolvedPolicyOf)', () => {
  const own = { approvalThresholds: { RUB: 100_000, UAH: 900_000 }, duplicates: { windowDays: 7 } };
  const branchWith = (branchMayOverride: string[] | undefined) => ({
    ...hq,
    policy: { branch: { handling: { approvalThresholds: { RUB: 300_000 } }, branchMayOverride } },
  });
  it.each<[string, string[] | undefined, number, number, number]>([
    // what HQ allows, RUB threshold in force, UAH (HQ's default 200 000), window days
    ['nothing allowed: HQ’s values', undefined, 300_000, 200_000, 30],
    [
      'thresholds allowed: only stricter (UAH above HQ’s is ignored)',
      ['approvalThresholds'],
      100_000,
      200_000,
      30,
    ],
    ['duplicates allowed: the own window', ['duplicates'], 300_000, 200_000, 7],
    ['both', ['approvalThresholds', 'duplicates'], 100_000, 200_000, 7],
  ])('%s', (_what, allowed, rub, uah, days) => {
    const { handling } = resolvedPolicyOf({ ...local, localHandling: own }, branchWith(allowed) as never);
    expect([
      handling.approvalThresholds.RUB,
      handling.approvalThresholds.UAH,
      handling.duplicates.windowDays,
    ]).toEqual([rub, uah, days]);
  });
  it('an own layer this version cannot read is ignored, never fatal', () => {
    const broken = { ...local, localHandling: { duplicates: { windowDays: -1 } } };
    expect(resolvedPolicyOf(broken, branchWith(['duplicates']) as never).handling.duplicates.windowDays).toBe(
      30,
    );
  });
  it('validated on save: thresholds whole non-negative minor units, the window within its range', () => {
    const errorsOf = (localHandling: WorkstationSettings['localHandling']) =>
      validateWorkstationSettings({
        ...local,
        branchCode: 'MSK-01',
        branchName: 'Москва',
        country: 'RU',
        timeZone: 'Europe/Moscow',
        language: 'ru',
        station: 1,
        ...(localHandling ? { localHandling } : {}),
      } as WorkstationSettings).filter((e) => e.field === 'localHandling');
    expect(errorsOf(undefined)).toEqual([]);
    expect(errorsOf(own)).toEqual([]);
    expect(errorsOf({ approvalThresholds: { RUB: -1 } })).toHaveLength(1);
    expect(errorsOf({ approvalThresholds: { RUB: 1.5 } })).toHaveLength(1);
    expect(errorsOf({ approvalThresholds: { rub: 1 } })).toHaveLength(1);
    expect(errorsOf({ duplicates: { windowDays: 0 } })).toEqual([
      { field: 'localHandling', code: 'out_of_range', params: { min: 1, max: 365 } },
    ]);
    expect(errorsOf({ duplicates: { windowDays: Number.NaN } })).toHaveLength(1);
  });
});

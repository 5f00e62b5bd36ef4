import { describe, expect, it } from 'vitest';
import { DEFAULT_RECOURSE } from '../../../../shared/documents/recourse';
import { DEFAULT_APPROVAL_THRESHOLDS } from '../../../../shared/handling/compensation';
import { DEFAULT_ESCALATION } from '../../../../shared/handling/escalation';
import {
  escalationOf,
  overrideAccess,
  parsePolicyLayer,
  resolvePolicy,
  type PolicyLayer,
  type PolicyLayers,
  type PolicyValues,
  type ResolvedPolicy,
} from '../../../../shared/settings/policy-layers';

// R10 (issue 15 item 7): policies set at HQ per company or branch; the branch PC's own value only where HQ
// allows it (warning lead, office hours, stricter thresholds, duplicates) — never the deadlines' inputs.

const local: PolicyValues = {
  extraDaysOff: ['2026-12-31'],
  extraWorkingDays: [],
  ukraineMartialLaw: false,
  policyId: 'working_days_10',
  bookWarnHours: 2,
  officeOpens: '09:00',
  officeCloses: '18:00',
};

describe('resolvePolicy', () => {
  it.each<[string, Omit<PolicyLayers, 'local'>, (r: ResolvedPolicy) => unknown, unknown]>([
    [
      'no HQ layers: every value is the workstation’s',
      {},
      (r) => [r.values, r.source.policyId],
      [local, 'local'],
    ],
    [
      'the company sets the policy',
      { company: { policyId: 'written_2d_2w' } },
      (r) => [r.values.policyId, r.source.policyId],
      ['written_2d_2w', 'company'],
    ],
    [
      'the branch layer wins over the company',
      { company: { policyId: 'written_2d_2w' }, branch: { policyId: 'ru_money_claim_10d' } },
      (r) => [r.values.policyId, r.source.policyId],
      ['ru_money_claim_10d', 'branch'],
    ],
    [
      'field by field: company calendar, branch office hours',
      { company: { extraDaysOff: ['2026-05-04'] }, branch: { officeOpens: '08:00', officeCloses: '20:00' } },
      (r) => [r.values.extraDaysOff, r.source.extraDaysOff, r.values.officeOpens, r.source.officeCloses],
      [['2026-05-04'], 'company', '08:00', 'branch'],
    ],
    [
      'an empty list from HQ is a value (no extra days off), not “unset”',
      { branch: { extraDaysOff: [] } },
      (r) => [r.values.extraDaysOff, r.source.extraDaysOff],
      [[], 'branch'],
    ],
    [
      'HQ allows the warning lead: the workstation’s own stands',
      { company: { bookWarnHours: 6, branchMayOverride: ['warnLead'] } },
      (r) => [r.values.bookWarnHours, r.source.bookWarnHours],
      [2, 'local'],
    ],
    [
      'the branch layer’s list replaces the company’s',
      {
        company: { bookWarnHours: 6, officeOpens: '10:00', branchMayOverride: ['warnLead'] },
        branch: { branchMayOverride: ['officeHours'] },
      },
      (r) => [r.source.bookWarnHours, r.source.officeOpens, r.mayOverride],
      ['company', 'local', ['officeHours']],
    ],
    [
      'the deadline inputs are never the workstation’s once HQ sets them',
      {
        company: {
          policyId: 'written_2d_2w',
          extraDaysOff: [],
          branchMayOverride: ['warnLead', 'officeHours', 'approvalThresholds', 'duplicates'],
        },
      },
      (r) => [r.source.policyId, r.source.extraDaysOff, r.source.ukraineMartialLaw],
      ['company', 'company', 'local'],
    ],
    [
      'thresholds: company, then branch per currency',
      {
        company: { handling: { approvalThresholds: { RUB: 300_000, CZK: 100_000 } } },
        branch: { handling: { approvalThresholds: { RUB: 100_000 } } },
      },
      (r) => r.handling.approvalThresholds,
      { ...DEFAULT_APPROVAL_THRESHOLDS, RUB: 100_000, CZK: 100_000 },
    ],
  ])('%s', (_why, layers, pick, expected) => {
    expect(pick(resolvePolicy({ ...layers, local }))).toEqual(expected);
  });

  it.each<[string, PolicyLayer | undefined, number]>([
    [
      'not allowed: the local threshold is ignored',
      { handling: { approvalThresholds: { RUB: 500_000 } } },
      500_000,
    ],
    [
      'allowed: only stricter (a lower local threshold wins)',
      { handling: { approvalThresholds: { RUB: 500_000 } }, branchMayOverride: ['approvalThresholds'] },
      10_000,
    ],
  ])('local thresholds: %s', (_why, company, expected) => {
    const r = resolvePolicy({ company, local, localHandling: { approvalThresholds: { RUB: 10_000 } } });
    expect(r.handling.approvalThresholds.RUB).toBe(expected);
  });

  it('a higher local threshold never waives HQ’s', () => {
    const r = resolvePolicy({
      company: {
        handling: { approvalThresholds: { RUB: 500_000 } },
        branchMayOverride: ['approvalThresholds'],
      },
      local,
      localHandling: { approvalThresholds: { RUB: 9_000_000 } },
    });
    expect(r.handling.approvalThresholds.RUB).toBe(500_000);
  });
});

describe('escalationOf (HQ: env default → company → branch)', () => {
  const env = { branchManagerAfterMinutes: 15, headOfSalesAfterHours: 12 };
  it.each<[string, PolicyLayer | undefined, PolicyLayer | undefined, typeof env]>([
    ['nothing set: HQ’s configured default', undefined, undefined, env],
    [
      'company delay',
      { handling: { escalation: { headOfSalesAfterHours: 48 } } },
      undefined,
      { branchManagerAfterMinutes: 15, headOfSalesAfterHours: 48 },
    ],
    [
      'branch grace over company delay',
      { handling: { escalation: { headOfSalesAfterHours: 48 } } },
      { handling: { escalation: { branchManagerAfterMinutes: 0, headOfSalesAfterHours: 4 } } },
      { branchManagerAfterMinutes: 0, headOfSalesAfterHours: 4 },
    ],
  ])('%s', (_why, company, branch, expected) => {
    expect(escalationOf(env, company, branch)).toEqual(expected);
  });
  it('the shipped default is the handling default', () => {
    expect(escalationOf(DEFAULT_ESCALATION)).toEqual(DEFAULT_ESCALATION);
  });
});

describe('parsePolicyLayer', () => {
  it.each<[string, unknown, PolicyLayer]>([
    ['nothing', undefined, {}],
    [
      'a full layer',
      { policyId: 'written_2d_2w', bookWarnHours: 4 },
      { policyId: 'written_2d_2w', bookWarnHours: 4 },
    ],
    [
      'a preset a newer HQ knows is dropped alone',
      { policyId: 'from_a_newer_hq', bookWarnHours: 4 },
      { bookWarnHours: 4 },
    ],
    ['out of range warning lead', { bookWarnHours: 99, officeOpens: '08:00' }, { officeOpens: '08:00' }],
    [
      'closes before it opens: both dropped',
      { officeOpens: '18:00', officeCloses: '09:00', bookWarnHours: 1 },
      { bookWarnHours: 1 },
    ],
    [
      'a date in both lists: both dropped',
      { extraDaysOff: ['2026-01-02'], extraWorkingDays: ['2026-01-02'] },
      {},
    ],
    [
      'an unknown override group is dropped',
      { branchMayOverride: ['escalation'], bookWarnHours: 3 },
      { bookWarnHours: 3 },
    ],
    ['not an object', 'hello', {}],
    ['an array', [1, 2], {}],
    [
      'a hostile prototype key',
      JSON.parse('{"__proto__": {"policyId": "x"}, "bookWarnHours": 1}'),
      { bookWarnHours: 1 },
    ],
    ['too many dates', { extraDaysOff: Array.from({ length: 401 }, () => '2026-01-01') }, {}],
    [
      'recourse routes (issue 15, R17) are kept',
      { recourse: { CZ: [{ id: 'cz_coi', kind: 'authority' }] } },
      { recourse: { CZ: [{ id: 'cz_coi', kind: 'authority' }] } },
    ],
    [
      'a recourse route a newer HQ knows (a kind this version does not) is dropped, not the layer',
      { recourse: { CZ: [{ id: 'cz_x', kind: 'arbitration', text: { cs: 'x' } }] }, bookWarnHours: 2 },
      { bookWarnHours: 2 },
    ],
  ])('%s', (_why, value, expected) => {
    expect(parsePolicyLayer(value)).toEqual(expected);
  });
});

describe('resolvePolicy: recourse routes (issue 15, R17)', () => {
  it('the branch layer’s country list, else the company’s, else the shipped table; never the PC’s', () => {
    const own = { id: 'ru_ombudsman', kind: 'mediation' as const, text: { ru: 'Финансовый омбудсмен' } };
    const r = resolvePolicy({
      company: { recourse: { RU: [own], CZ: [{ id: 'cz_coi', kind: 'authority' }] } },
      branch: { recourse: { CZ: [{ id: 'internal_appeal', kind: 'internal' }] } },
      local,
    });
    expect(r.recourse.RU).toEqual([own]);
    expect(r.recourse.CZ.map((x) => x.id)).toEqual(['internal_appeal']);
    expect(r.recourse.KR).toEqual(DEFAULT_RECOURSE.KR);
    expect(resolvePolicy({ local }).recourse).toEqual(DEFAULT_RECOURSE);
  });
});

describe('overrideAccess (R10, issue 15): who may set the branch’s own value', () => {
  it.each([
    ['approvalThresholds', [], 'branch_manager', 'set_by_hq'],
    ['approvalThresholds', ['duplicates'], 'branch_manager', 'set_by_hq'],
    ['approvalThresholds', ['approvalThresholds'], 'branch_manager', 'editable'],
    ['approvalThresholds', ['approvalThresholds'], 'counter', 'branch_manager_only'],
    ['duplicates', ['duplicates'], undefined, 'branch_manager_only'],
    ['duplicates', ['duplicates', 'warnLead'], 'branch_manager', 'editable'],
  ] as const)('%s with %j allowed, %s: %s', (group, allowed, role, access) => {
    expect(overrideAccess(group, allowed, role)).toBe(access);
  });
});

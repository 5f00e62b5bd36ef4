import { describe, expect, it } from 'vitest';
import { DEFAULT_APPROVAL_THRESHOLDS, requiresApproval } from '../../../../shared/handling/compensation';
import {
  DEFAULT_HANDLING_POLICY,
  effectiveHandlingPolicy,
  parseHandlingPolicyLayer,
  type HandlingPolicy,
  type HandlingPolicyLayer,
} from '../../../../shared/handling/policy';

// R10 (issue 15 item 7): the handling policy set at HQ per company or branch, the branch's own only where
// HQ allows (thresholds only stricter, escalation never).

type Layers = { company?: HandlingPolicyLayer; branch?: HandlingPolicyLayer; local?: HandlingPolicyLayer };
const D = DEFAULT_HANDLING_POLICY;

describe('effectiveHandlingPolicy', () => {
  it.each<[string, Layers, (p: HandlingPolicy) => unknown, unknown]>([
    ['nothing set anywhere: the defaults', {}, (p) => p, D],
    [
      'the company sets the RUB threshold',
      { company: { approvalThresholds: { RUB: 300_000 } } },
      (p) => p.approvalThresholds,
      { ...DEFAULT_APPROVAL_THRESHOLDS, RUB: 300_000 },
    ],
    [
      'the branch layer wins over the company',
      {
        company: { escalation: { headOfSalesAfterHours: 48 } },
        branch: { escalation: { headOfSalesAfterHours: 8 } },
      },
      (p) => p.escalation,
      { branchManagerAfterMinutes: 0, headOfSalesAfterHours: 8 },
    ],
    [
      'each key on its own: company delay, branch grace',
      {
        company: { escalation: { headOfSalesAfterHours: 48 } },
        branch: { escalation: { branchManagerAfterMinutes: 30 } },
      },
      (p) => p.escalation,
      { branchManagerAfterMinutes: 30, headOfSalesAfterHours: 48 },
    ],
    [
      'a new currency from HQ',
      { company: { approvalThresholds: { PLN: 50_000 } } },
      (p) => p.approvalThresholds.PLN,
      50_000,
    ],
    [
      'the workstation ignored when HQ allows nothing',
      {
        company: { duplicates: { windowDays: 60 } },
        local: { duplicates: { windowDays: 7 }, approvalThresholds: { RUB: 1 } },
      },
      (p) => [p.duplicates.windowDays, p.approvalThresholds.RUB],
      [60, 500_000],
    ],
    [
      'the duplicate window from the workstation where HQ allows it',
      { company: { branchMayOverride: ['duplicates'] }, local: { duplicates: { windowDays: 7 } } },
      (p) => p.duplicates,
      { windowDays: 7, minScore: 0.5 },
    ],
    [
      'the branch layer may take back what the company allowed',
      {
        company: { branchMayOverride: ['duplicates'] },
        branch: { branchMayOverride: [] },
        local: { duplicates: { windowDays: 7 } },
      },
      (p) => p.duplicates.windowDays,
      30,
    ],
    [
      'thresholds from the workstation only downwards',
      {
        branch: { branchMayOverride: ['approvalThresholds'] },
        local: { approvalThresholds: { RUB: 100_000, UAH: 900_000 } },
      },
      (p) => [p.approvalThresholds.RUB, p.approvalThresholds.UAH],
      [100_000, 200_000],
    ],
    [
      'no threshold from the workstation for a currency HQ left without one',
      {
        branch: { branchMayOverride: ['approvalThresholds'] },
        local: { approvalThresholds: { GBP: 1_000_000 } },
      },
      (p) => p.approvalThresholds.GBP,
      undefined,
    ],
    [
      'escalation is never the workstation’s',
      {
        company: { branchMayOverride: ['approvalThresholds', 'duplicates'] },
        local: { escalation: { headOfSalesAfterHours: 700 } },
      },
      (p) => p.escalation,
      D.escalation,
    ],
  ])('%s', (_what, layers, pick, expected) => {
    expect(pick(effectiveHandlingPolicy(layers))).toEqual(expected);
  });

  it('the effective thresholds decide approval', () => {
    const policy = effectiveHandlingPolicy({ branch: { approvalThresholds: { RUB: 100_000 } } });
    expect(requiresApproval({ amountMinor: 150_000, currency: 'RUB' }, policy.approvalThresholds)).toBe(true);
    expect(requiresApproval({ amountMinor: 150_000, currency: 'RUB' }, D.approvalThresholds)).toBe(false);
  });

  it('does not change the defaults it starts from', () => {
    effectiveHandlingPolicy({
      company: { approvalThresholds: { RUB: 1 } },
      branch: { branchMayOverride: ['approvalThresholds'] },
      local: { approvalThresholds: { RUB: 0 } },
    });
    expect(D.approvalThresholds.RUB).toBe(500_000);
  });
});

describe('parseHandlingPolicyLayer', () => {
  it.each<[string, unknown, boolean]>([
    ['empty', {}, true],
    [
      'everything',
      {
        approvalThresholds: { RUB: 0, KRW: 100_000 },
        escalation: { branchManagerAfterMinutes: 0, headOfSalesAfterHours: 720 },
        duplicates: { windowDays: 365, minScore: 1 },
        branchMayOverride: ['duplicates'],
      },
      true,
    ],
    ['a currency in lower case', { approvalThresholds: { rub: 1 } }, false],
    ['a fractional threshold', { approvalThresholds: { RUB: 1.5 } }, false],
    ['a negative threshold', { approvalThresholds: { RUB: -1 } }, false],
    [
      'too many currencies',
      {
        approvalThresholds: Object.fromEntries(
          Array.from({ length: 21 }, (_, i) => [`A${String.fromCharCode(65 + i)}A`, 1]),
        ),
      },
      false,
    ],
    ['head of sales after 0 hours', { escalation: { headOfSalesAfterHours: 0 } }, false],
    [
      'the manager a day and a minute late',
      { escalation: { branchManagerAfterMinutes: 24 * 60 + 1 } },
      false,
    ],
    ['a window of 0 days', { duplicates: { windowDays: 0 } }, false],
    ['a score that offers everything', { duplicates: { minScore: 0.1 } }, false],
    ['escalation may not be overridden', { branchMayOverride: ['escalation'] }, false],
    ['an unknown section', { vacation: true }, false],
    ['not an object', 'RUB=1', false],
  ])('%s', (_what, value, ok) => {
    expect(parseHandlingPolicyLayer(value) !== undefined).toBe(ok);
  });

  it('a __proto__ key is dropped, never applied', () => {
    const layer = parseHandlingPolicyLayer(JSON.parse('{"approvalThresholds": {"__proto__": {"RUB": 1}}}'));
    expect(Object.keys(layer?.approvalThresholds ?? {})).toEqual([]);
    expect(effectiveHandlingPolicy({ company: layer }).approvalThresholds).toEqual(
      DEFAULT_APPROVAL_THRESHOLDS,
    );
    expect(({} as Record<string, unknown>).RUB).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import {
  layerOf,
  policyFormOf,
  type PolicyFormField,
  type PolicyFormValue,
} from '../../../../../renderer/console/admin/policyForm';
import type { PolicyLayer } from '../../../../../shared/settings/policy-layers';

// R10 (issue 15 item 7): the console's policy form — an empty field is "not set in this layer", amounts in
// major units become minor units, and a wrong value names its field before anything reaches HQ.

const empty = policyFormOf({});
const form = (patch: Partial<PolicyFormValue>): PolicyFormValue => ({ ...empty, ...patch });

describe('layerOf', () => {
  it.each<[string, PolicyFormValue, PolicyLayer]>([
    ['an empty form is an empty layer', empty, {}],
    [
      'typed values',
      form({
        policyId: 'written_2d_2w',
        bookWarnHours: '4',
        officeOpens: '08:00',
        officeCloses: '20:00',
        ukraineMartialLaw: 'no',
        extraDaysOff: '2026-05-04, 2026-05-11',
      }),
      {
        policyId: 'written_2d_2w',
        bookWarnHours: 4,
        officeOpens: '08:00',
        officeCloses: '20:00',
        ukraineMartialLaw: false,
        extraDaysOff: ['2026-05-04', '2026-05-11'],
      },
    ],
    [
      'thresholds in major units, KRW without minor units',
      form({ thresholds: { ...empty.thresholds, RUB: '3000,50', KRW: '50000' } }),
      { handling: { approvalThresholds: { RUB: 300_050, KRW: 50_000 } } },
    ],
    [
      'escalation, duplicates and what the branch may override',
      form({ headOfSalesAfterHours: '8', windowDays: '30', mayOverride: ['duplicates', 'warnLead'] }),
      {
        handling: { escalation: { headOfSalesAfterHours: 8 }, duplicates: { windowDays: 30 } },
        branchMayOverride: ['warnLead', 'duplicates'],
      },
    ],
  ])('%s', (_why, value, expected) => {
    expect(layerOf(value)).toEqual({ layer: expected });
  });

  it.each<[string, Partial<PolicyFormValue>, PolicyFormField[]]>([
    ['warning lead out of range', { bookWarnHours: '99' }, ['bookWarnHours']],
    ['not a number', { branchManagerAfterMinutes: 'soon' }, ['branchManagerAfterMinutes']],
    ['head of sales at once is not a delay', { headOfSalesAfterHours: '0' }, ['headOfSalesAfterHours']],
    ['closes before it opens', { officeOpens: '18:00', officeCloses: '09:00' }, ['officeCloses']],
    ['a date that is not one', { extraWorkingDays: '31.12.2026' }, ['extraWorkingDays']],
    ['a negative threshold', { thresholds: { ...empty.thresholds, CZK: '-1' } }, ['thresholds.CZK']],
  ])('refused: %s', (_why, patch, fields) => {
    expect(layerOf(form(patch))).toEqual({ problems: fields });
  });

  it('a stored layer round-trips through the form', () => {
    const layer: PolicyLayer = {
      policyId: 'ru_money_claim_10d',
      extraDaysOff: ['2026-01-09'],
      ukraineMartialLaw: true,
      handling: { approvalThresholds: { UAH: 150_000 }, escalation: { branchManagerAfterMinutes: 15 } },
      branchMayOverride: ['officeHours'],
    };
    expect(layerOf(policyFormOf(layer))).toEqual({ layer });
  });
});

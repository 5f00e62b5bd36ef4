import { describe, expect, it } from 'vitest';
import type { ComplaintStatus, Milestones } from '../../../../shared/complaints/model';
import type { Money } from '../../../../shared/documents/money';
import {
  COUNTRY_CURRENCY,
  DEFAULT_APPROVAL_THRESHOLDS,
  approvalThreshold,
  checkApprovalAnswer,
  checkCompensation,
  hqApprovalNeeded,
  parseAmount,
  requiresApproval,
  type CompensationInput,
} from '../../../../shared/handling/compensation';
import { HANDLING_EVENT_DATA } from '../../../../shared/handling/event-data';
import type { RefusalReason } from '../../../../shared/lifecycle';
import { uuid } from './fixtures';

// R16: the decision aid's answers recorded with the decision, the amount in minor units, approval above the
// configurable threshold by the branch manager or the head of sales.

const rub = (amountMinor: number): Money => ({ amountMinor, currency: 'RUB' });

describe('requiresApproval', () => {
  it.each<[string, Money, Record<string, number> | undefined, boolean]>([
    ['below the RUB threshold', rub(499_999), undefined, false],
    ['at the threshold', rub(500_000), undefined, false],
    ['a kopeck above', rub(500_001), undefined, true],
    [
      'KRW has no minor unit: ₩100,000 is the threshold',
      { amountMinor: 100_000, currency: 'KRW' },
      undefined,
      false,
    ],
    ['₩100,001', { amountMinor: 100_001, currency: 'KRW' }, undefined, true],
    ['a currency nobody set a threshold for', { amountMinor: 1, currency: 'GBP' }, undefined, true],
    ['a configured threshold', rub(150_000), { RUB: 100_000 }, true],
    ['nothing is free where the threshold is 0', rub(1), { RUB: 0 }, true],
    ['a zero amount at a 0 threshold', rub(0), { RUB: 0 }, false],
  ])('%s', (_what, amount, thresholds, expected) => {
    expect(requiresApproval(amount, thresholds)).toBe(expected);
  });

  it('the threshold as money, or none', () => {
    expect(approvalThreshold('CZK')).toEqual({ amountMinor: 250_000, currency: 'CZK' });
    expect(approvalThreshold('GBP')).toBeUndefined();
  });
});

describe('hqApprovalNeeded (a PC may be stricter than HQ, never laxer)', () => {
  it.each<[string, Money, boolean, Record<string, number>, { threshold?: Money } | undefined]>([
    ['the PC asked for approval already', rub(900_000), true, { RUB: 500_000 }, undefined],
    ['below HQ’s threshold too', rub(400_000), false, { RUB: 500_000 }, undefined],
    ['at HQ’s threshold', rub(500_000), false, { RUB: 500_000 }, undefined],
    [
      'above HQ’s threshold: the PC’s was higher than HQ allows',
      rub(500_001),
      false,
      { RUB: 500_000 },
      { threshold: rub(500_000) },
    ],
    [
      'HQ lowered its threshold while the PC was offline',
      rub(300_000),
      false,
      { RUB: 200_000 },
      { threshold: rub(200_000) },
    ],
    ['a currency HQ has no threshold for', { amountMinor: 1, currency: 'GBP' }, false, { RUB: 500_000 }, {}],
  ])('%s', (_what, amount, approvalRequired, hq, expected) => {
    expect(hqApprovalNeeded({ amount, approvalRequired }, hq)).toEqual(expected);
  });

  it('what it answers is the data of HQ’s event', () => {
    const needed = hqApprovalNeeded({ amount: rub(600_000), approvalRequired: false }, { RUB: 1 });
    expect(
      HANDLING_EVENT_DATA.compensation_approval_required.safeParse({ compensationId: uuid(1), ...needed })
        .success,
    ).toBe(true);
  });
});

describe('parseAmount', () => {
  it.each<[string, string, number | undefined]>([
    ['1 500,50', 'RUB', 150_050],
    ['1500.5', 'RUB', 150_050],
    ['1\u00a0500', 'UAH', 150_000],
    ["2'500", 'CZK', 250_000],
    ['15000', 'KRW', 15_000],
    ['150.5', 'KRW', undefined],
    ['1,999', 'RUB', undefined],
    ['-5', 'RUB', undefined],
    ['abc', 'RUB', undefined],
    ['', 'RUB', undefined],
    ['99999999999999', 'RUB', undefined],
  ])('%j in %s: %s', (text, currency, expected) => {
    expect(parseAmount(text, currency)).toBe(expected);
  });
});

describe('checkCompensation', () => {
  const answers = {
    longTermCustomer: 'yes',
    willBuyAgain: 'unknown',
    reputationEffect: 'no',
    demandsReasonable: 'yes',
    companyFaultPercent: 75,
  } as const;
  const input = (patch: Partial<CompensationInput> = {}): CompensationInput => ({
    answers,
    amount: rub(700_000),
    form: 'refund',
    ...patch,
  });
  const decided = { status: 'decided' as ComplaintStatus, progress: {} };

  it('records the answers, and whether it waits for approval, with the threshold it was compared with', () => {
    const result = checkCompensation(decided, input({ note: '  по чеку  ' }), uuid(1));
    expect(result).toEqual({
      ok: true,
      data: {
        compensationId: uuid(1),
        answers,
        amount: rub(700_000),
        form: 'refund',
        note: 'по чеку',
        approvalRequired: true,
        threshold: rub(500_000),
      },
    });
    if (result.ok) expect(HANDLING_EVENT_DATA.compensation_decided.safeParse(result.data).success).toBe(true);
  });

  it('below the threshold: no approval; no threshold for the currency: approval and none recorded', () => {
    expect(checkCompensation(decided, input({ amount: rub(100) }), uuid(1))).toMatchObject({
      ok: true,
      data: { approvalRequired: false },
    });
    const gbp = checkCompensation(decided, input({ amount: { amountMinor: 100, currency: 'GBP' } }), uuid(1));
    expect(gbp).toMatchObject({ ok: true, data: { approvalRequired: true } });
    expect(gbp.ok && gbp.data).not.toHaveProperty('threshold');
  });

  it.each<
    [
      string,
      { status: ComplaintStatus; progress: Pick<Milestones, 'mergedInto'> },
      CompensationInput,
      RefusalReason[],
    ]
  >([
    ['before a decision', { status: 'in_review', progress: {} }, input(), ['compensation_needs_decision']],
    [
      'after the customer was informed',
      { status: 'customer_informed', progress: {} },
      input(),
      ['compensation_needs_decision'],
    ],
    [
      'on a merged complaint',
      { status: 'decided', progress: { mergedInto: { id: uuid(2), number: 'n' } } },
      input(),
      ['complaint_merged'],
    ],
    [
      'a question not answered',
      decided,
      input({ answers: { ...answers, willBuyAgain: undefined } }),
      ['compensation_answers_required'],
    ],
    [
      'fault out of range',
      decided,
      input({ answers: { ...answers, companyFaultPercent: 120 } }),
      ['compensation_answers_required'],
    ],
    [
      'fault not whole',
      decided,
      input({ answers: { ...answers, companyFaultPercent: 12.5 } }),
      ['compensation_answers_required'],
    ],
    ['a fractional amount', decided, input({ amount: rub(10.5) }), ['compensation_amount_invalid']],
    ['a negative amount', decided, input({ amount: rub(-1) }), ['compensation_amount_invalid']],
    [
      'a currency in lower case',
      decided,
      input({ amount: { amountMinor: 1, currency: 'rub' } }),
      ['compensation_currency_invalid'],
    ],
    ['an unknown form', decided, input({ form: 'cash' as never }), ['change_value_invalid']],
  ])('refused: %s', (_what, subject, i, reasons) => {
    expect(checkCompensation(subject, i, uuid(1))).toEqual({ ok: false, reasons });
  });
});

describe('checkApprovalAnswer', () => {
  const pending: Pick<Milestones, 'compensation'> = {
    compensation: {
      id: uuid(1),
      amount: rub(700_000),
      form: 'refund',
      approval: 'pending',
      decidedAt: '2026-09-14T08:00:00Z',
    },
  };
  const DECIDER = uuid(10);
  it.each<
    [
      string,
      Pick<Milestones, 'compensation'>,
      { approve: boolean; reason?: string },
      { role: string; id?: string },
      RefusalReason[] | Record<string, unknown>,
    ]
  >([
    [
      'the head of sales approves',
      pending,
      { approve: true },
      { role: 'head_of_sales', id: uuid(11) },
      { compensationId: uuid(1), approverRole: 'head_of_sales' },
    ],
    [
      'an HQ manager approves as branch manager',
      pending,
      { approve: true, reason: ' ок ' },
      { role: 'manager', id: uuid(11) },
      { compensationId: uuid(1), approverRole: 'branch_manager', reason: 'ок' },
    ],
    [
      'the branch manager at the branch refuses with a reason',
      pending,
      { approve: false, reason: 'Слишком много' },
      { role: 'branch_manager' },
      { compensationId: uuid(1), approverRole: 'branch_manager', reason: 'Слишком много' },
    ],
    [
      'a refusal without a reason',
      pending,
      { approve: false, reason: ' ' },
      { role: 'head_of_sales' },
      ['approval_refusal_reason_required'],
    ],
    ['a counter employee', pending, { approve: true }, { role: 'counter' }, ['approver_role_required']],
    ['an auditor', pending, { approve: true }, { role: 'auditor' }, ['approver_role_required']],
    [
      'the one who decided it',
      pending,
      { approve: true },
      { role: 'branch_manager', id: DECIDER },
      ['approval_by_decider'],
    ],
    [
      'nothing pending',
      { compensation: { ...pending.compensation!, approval: 'approved' } },
      { approve: true },
      { role: 'head_of_sales' },
      ['approval_not_pending'],
    ],
    ['no compensation at all', {}, { approve: true }, { role: 'head_of_sales' }, ['approval_not_pending']],
  ])('%s', (_what, progress, answer, approver, expected) => {
    const result = checkApprovalAnswer(progress, answer, approver, DECIDER);
    if (Array.isArray(expected)) expect(result).toEqual({ ok: false, reasons: expected });
    else {
      expect(result).toEqual({ ok: true, data: expected });
      const schema = answer.approve
        ? HANDLING_EVENT_DATA.compensation_approved
        : HANDLING_EVENT_DATA.compensation_refused;
      expect(schema.safeParse(expected).success).toBe(true);
    }
  });
});

describe('COUNTRY_CURRENCY (R16: the branch decides in its country’s currency by default)', () => {
  it.each([
    ['RU', 'RUB'],
    ['UA', 'UAH'],
    ['CZ', 'CZK'],
    ['KR', 'KRW'],
  ] as const)('%s → %s, which has an approval threshold', (country, currency) => {
    expect(COUNTRY_CURRENCY[country]).toBe(currency);
    expect(DEFAULT_APPROVAL_THRESHOLDS[currency]).toBeGreaterThan(0);
  });
});

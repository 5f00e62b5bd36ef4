import { describe, expect, it } from 'vitest';
import type { ComplaintStatus, Milestones } from '../../../../shared/complaints/model';
import { HANDLING_EVENT_DATA } from '../../../../shared/handling/event-data';
import { checkHandToSenior, checkPassToHeadOfSales } from '../../../../shared/handling/handoffs';
import type { RefusalReason } from '../../../../shared/lifecycle';
import { uuid } from './fixtures';

// R14: the employee passes a complaint to the head of sales ("cannot resolve with the customer present") and
// hands a threatening or insulting customer to a senior colleague (recorded, with who took over).

type Progress = Pick<Milestones, 'passedToHeadOfSalesAt' | 'owner' | 'mergedInto'>;

describe('checkPassToHeadOfSales', () => {
  it.each<[string, ComplaintStatus, Progress, string, RefusalReason[] | 'ok']>([
    ['an open complaint with a reason', 'in_review', {}, ' Клиент требует руководство ', 'ok'],
    ['no reason', 'registered', {}, '  ', ['handoff_reason_required']],
    [
      'passed already',
      'in_review',
      { passedToHeadOfSalesAt: '2026-09-14T08:00:00Z' },
      'ещё раз',
      ['already_with_head_of_sales'],
    ],
    [
      'taken over at HQ',
      'in_review',
      { owner: { id: uuid(1), name: 'Пётр' } },
      'причина',
      ['already_with_head_of_sales'],
    ],
    ['closed', 'closed', {}, 'причина', ['complaint_closed']],
    ['merged', 'registered', { mergedInto: { id: uuid(2), number: 'n' } }, 'причина', ['complaint_merged']],
  ])('%s', (_what, status, progress, reason, expected) => {
    const result = checkPassToHeadOfSales({ status, progress }, reason);
    if (expected !== 'ok') expect(result).toEqual({ ok: false, reasons: expected });
    else {
      expect(result).toEqual({ ok: true, data: { reason: reason.trim() } });
      if (result.ok)
        expect(HANDLING_EVENT_DATA.passed_to_head_of_sales.safeParse(result.data).success).toBe(true);
    }
  });
});

describe('checkHandToSenior', () => {
  const me = { name: 'Ольга Иванова', id: uuid(1) };
  it.each<
    [
      string,
      ComplaintStatus,
      { seniorName: string; seniorId?: string; reason: string; note?: string },
      RefusalReason[] | Record<string, unknown>,
    ]
  >([
    [
      'to a named senior for threats',
      'registered',
      { seniorName: ' Ирина Петрова ', seniorId: uuid(3), reason: 'threatening', note: ' кричал ' },
      { seniorName: 'Ирина Петрова', seniorId: uuid(3), reason: 'threatening', note: 'кричал' },
    ],
    [
      'for insults, no id (a colleague not in the list)',
      'in_review',
      { seniorName: 'Ирина', reason: 'insulting' },
      { seniorName: 'Ирина', reason: 'insulting' },
    ],
    ['to nobody', 'registered', { seniorName: ' ', reason: 'threatening' }, ['senior_required']],
    [
      'to oneself by id',
      'registered',
      { seniorName: 'Другое имя', seniorId: uuid(1), reason: 'threatening' },
      ['senior_required'],
    ],
    [
      'to oneself by name',
      'registered',
      { seniorName: 'ольга иванова', reason: 'threatening' },
      ['senior_required'],
    ],
    ['for another reason', 'registered', { seniorName: 'Ирина', reason: 'bored' }, ['senior_reason_unknown']],
    ['on a closed complaint', 'closed', { seniorName: 'Ирина', reason: 'insulting' }, ['complaint_closed']],
  ])('%s', (_what, status, input, expected) => {
    const result = checkHandToSenior({ status, progress: {} }, input, me);
    if (Array.isArray(expected)) expect(result).toEqual({ ok: false, reasons: expected });
    else {
      expect(result).toEqual({ ok: true, data: expected });
      expect(HANDLING_EVENT_DATA.handed_to_senior.safeParse(expected).success).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { decisionLetterOf } from '../../../../shared/documents';
import { advance, BRANCHES, complaintOf, decided, sourceOf } from './fixtures';

describe('decision letter (R15, R17)', () => {
  it.each([
    ['RU upheld', 'RU', { outcome: 'upheld' }, []],
    [
      'RU rejected',
      'RU',
      {
        outcome: 'rejected',
        justification: 'Следов протечки не найдено',
        alternativeOffered: 'Бесплатная чистка',
      },
      ['internal_appeal', 'ru_rospotrebnadzor', 'ru_court'],
    ],
    [
      'UA partly upheld',
      'UA',
      { outcome: 'partly_upheld', justification: 'Частково', alternativeOffered: 'Знижка 10 %' },
      ['internal_appeal', 'ua_dpss'],
    ],
    [
      'CZ rejected',
      'CZ',
      {
        outcome: 'rejected',
        justification: 'Vada nezjištěna',
        alternativeOffered: 'Servisní prohlídka zdarma',
      },
      ['internal_appeal', 'cz_coi', 'cz_adr'],
    ],
    [
      'KR unfounded',
      'KR',
      {
        outcome: 'unfounded',
        unfoundedCriterion: 'warranty_expired',
        justification: '보증 기간 만료',
        alternativeOffered: '유상 수리 할인',
      },
      ['internal_appeal', 'kr_kca', 'kr_mediation'],
    ],
  ] as const)('%s', (_name, country, decision, recourse) => {
    const { complaint, events } = decided(country, decision);
    const doc = decisionLetterOf(sourceOf(country, complaint, events, { now: '2026-09-18T13:00:00Z' }));
    expect(doc).not.toBeNull();
    expect(doc).toMatchObject({
      kind: 'decision_letter',
      number: `${BRANCHES[country].code}-2026-100042`,
      decidedAt: '2026-09-18T12:30:00.000Z',
      signedBy: 'Мария Петрова',
      outcome: decision.outcome,
      demand: 'Заменить кофемашину на новую',
      customer: { name: 'Анна Смирнова', address: '', email: 'anna@example.ru' },
    });
    expect(doc!.justification).toBe('justification' in decision ? decision.justification : undefined);
    expect(doc!.alternativeOffered).toBe(
      'alternativeOffered' in decision ? decision.alternativeOffered : undefined,
    );
    expect(doc!.recourse.map((r) => r.id)).toEqual(recourse);
    expect(doc!.compensation).toBeUndefined();
  });

  it('states the compensation when there is one (integer minor units and a currency)', () => {
    const { complaint, events } = decided('KR', { outcome: 'upheld' });
    const source = {
      ...sourceOf('KR', complaint, events),
      compensation: { amountMinor: 15000, currency: 'KRW' },
    };
    expect(decisionLetterOf(source)?.compensation).toEqual({ amountMinor: 15000, currency: 'KRW' });
  });

  // R16: the compensation recorded with the decision is stated once it binds the company, never while
  // it awaits approval or after a refusal.
  it.each([
    ['not_required', true],
    ['approved', true],
    ['pending', false],
    ['refused', false],
  ] as const)('a compensation in force that is %s is stated: %s', (approval, stated) => {
    const { complaint, events } = decided('RU', {
      outcome: 'partly_upheld',
      justification: 'Ч',
      alternativeOffered: 'А',
    });
    const amount = { amountMinor: 150000, currency: 'RUB' };
    const withComp = {
      ...complaint,
      progress: {
        ...complaint.progress,
        compensation: { id: 'c1', amount, form: 'refund', approval, decidedAt: '2026-09-18T12:31:00Z' },
      },
    } as typeof complaint;
    const doc = decisionLetterOf(sourceOf('RU', withComp, events));
    expect(doc?.compensation).toEqual(stated ? amount : undefined);
  });

  it('does not exist before a decision', () => {
    expect(decisionLetterOf(sourceOf('RU', complaintOf('RU')))).toBeNull();
  });

  it('does not exist once the complaint is reopened, and follows the new decision after that', () => {
    const first = decided('RU', { outcome: 'upheld' });
    const reopened = advance(first.complaint, first.events, [
      { to: 'in_review', at: '2026-09-19T07:00:00Z', reason: 'Новые факты' },
    ]);
    expect(decisionLetterOf(sourceOf('RU', reopened.complaint, reopened.events))).toBeNull();
    const again = advance(reopened.complaint, reopened.events, [
      {
        to: 'decided',
        at: '2026-09-21T07:00:00Z',
        actor: 'Пётр Соколов',
        decision: { outcome: 'rejected', justification: 'Проверено', alternativeOffered: 'Скидка' },
      },
    ]);
    const doc = decisionLetterOf(sourceOf('RU', again.complaint, again.events));
    expect(doc).toMatchObject({
      outcome: 'rejected',
      signedBy: 'Пётр Соколов',
      decidedAt: '2026-09-21T07:00:00.000Z',
    });
  });
});

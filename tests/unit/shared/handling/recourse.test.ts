import { describe, expect, it } from 'vitest';
import type { DecisionOutcome, FollowUpOutcome } from '../../../../shared/lifecycle/decision';
import { HANDLING_EVENT_DATA } from '../../../../shared/handling/event-data';
import { checkRecourseExplained, recourseRoutesToExplain } from '../../../../shared/handling/recourse';
import type { RefusalReason } from '../../../../shared/lifecycle';
import type { Country } from '../../../../shared/settings/workstation';

// R17: when the customer rejects the decision, the country's external bodies and the internal appeal are
// shown and recorded, in the customer's language.

describe('recourseRoutesToExplain', () => {
  it.each<[string, Country, DecisionOutcome | undefined, FollowUpOutcome | undefined, string[]]>([
    [
      'RU, rejected at follow-up',
      'RU',
      'upheld',
      'rejected',
      ['internal_appeal', 'ru_rospotrebnadzor', 'ru_court'],
    ],
    ['UA, rejected at follow-up', 'UA', 'partly_upheld', 'rejected', ['internal_appeal', 'ua_dpss']],
    ['CZ, rejected at follow-up', 'CZ', 'rejected', 'rejected', ['internal_appeal', 'cz_coi', 'cz_adr']],
    [
      'KR, rejected at follow-up',
      'KR',
      'unfounded',
      'rejected',
      ['internal_appeal', 'kr_kca', 'kr_mediation'],
    ],
    ['an upheld complaint, accepted: none', 'RU', 'upheld', 'accepted', []],
    [
      'a rejected complaint before follow-up: what the letter prints',
      'CZ',
      'rejected',
      undefined,
      ['internal_appeal', 'cz_coi', 'cz_adr'],
    ],
    ['no decision yet: none', 'KR', undefined, undefined, []],
  ])('%s', (_what, country, decision, followUp, ids) => {
    expect(recourseRoutesToExplain(country, decision, followUp).map((r) => r.id)).toEqual(ids);
  });

  it('the routes are configurable (the company table)', () => {
    const table = { RU: [{ id: 'ru_court' as const, kind: 'court' as const }], UA: [], CZ: [], KR: [] };
    expect(recourseRoutesToExplain('RU', 'rejected', 'rejected', table).map((r) => r.id)).toEqual([
      'ru_court',
    ]);
  });
});

describe('checkRecourseExplained', () => {
  it.each<
    [
      string,
      { routes: string[]; country: Country; language: string; note?: string },
      RefusalReason[] | Record<string, unknown>,
    ]
  >([
    [
      'routes in the customer language (a Russian speaker in Prague)',
      {
        routes: ['internal_appeal', 'cz_coi', 'cz_coi'],
        country: 'CZ',
        language: 'ru',
        note: ' дал листовку ',
      },
      { routes: ['internal_appeal', 'cz_coi'], country: 'CZ', language: 'ru', note: 'дал листовку' },
    ],
    ['no route ticked', { routes: [], country: 'RU', language: 'ru' }, ['recourse_routes_required']],
    [
      'a route HQ configured (issue 15): its id is recorded',
      { routes: ['internal_appeal', 'ru_ombudsman'], country: 'RU', language: 'ru' },
      { routes: ['internal_appeal', 'ru_ombudsman'], country: 'RU', language: 'ru' },
    ],
    [
      'something that is not a route id',
      { routes: ['internal_appeal', 'Ombudsman!'], country: 'RU', language: 'ru' },
      ['recourse_routes_required'],
    ],
    [
      'more routes than a country may list',
      { routes: Array.from({ length: 11 }, (_, i) => `route_${i}`), country: 'RU', language: 'ru' },
      ['recourse_routes_required'],
    ],
    [
      'an unknown language',
      { routes: ['ru_court'], country: 'RU', language: 'de' },
      ['change_value_invalid'],
    ],
  ])('%s', (_what, input, expected) => {
    const result = checkRecourseExplained(input);
    if (Array.isArray(expected)) expect(result).toEqual({ ok: false, reasons: expected });
    else {
      expect(result).toEqual({ ok: true, data: expected });
      expect(HANDLING_EVENT_DATA.recourse_explained.safeParse(expected).success).toBe(true);
    }
  });
});

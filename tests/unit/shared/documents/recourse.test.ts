import { describe, expect, it } from 'vitest';
import { DECISION_OUTCOMES } from '../../../../shared/lifecycle';
import { DEFAULT_RECOURSE, RECOURSE_IDS, recourseRoutesFor } from '../../../../shared/documents';
import {
  recourseConfigSchema,
  recourseLine,
  recourseTableOf,
  recourseWordsOf,
  type RecourseRoute,
} from '../../../../shared/documents/recourse';
import { COUNTRIES } from '../../../../shared/settings/workstation';

describe('R17 recourse routes by country', () => {
  it.each([
    ['RU', 'rejected', ['internal_appeal', 'ru_rospotrebnadzor', 'ru_court']],
    ['UA', 'partly_upheld', ['internal_appeal', 'ua_dpss']],
    ['CZ', 'rejected', ['internal_appeal', 'cz_coi', 'cz_adr']],
    ['KR', 'unfounded', ['internal_appeal', 'kr_kca', 'kr_mediation']],
    ['RU', 'upheld', []],
    ['KR', 'upheld', []],
  ] as const)('%s, %s → %j', (country, outcome, ids) => {
    expect(recourseRoutesFor(country, outcome).map((r) => r.id)).toEqual(ids);
  });

  it('every negative outcome in every country offers the internal appeal first and an outside body', () => {
    for (const country of COUNTRIES)
      for (const outcome of DECISION_OUTCOMES.filter((o) => o !== 'upheld')) {
        const routes = recourseRoutesFor(country, outcome);
        expect(routes[0]?.kind).toBe('internal');
        expect(routes.some((r) => r.kind !== 'internal' && r.officialName)).toBe(true);
      }
  });

  it('is a table a company can replace', () => {
    const table = {
      ...DEFAULT_RECOURSE,
      CZ: [{ id: 'cz_adr', kind: 'mediation', officialName: 'X' }],
    } as const;
    expect(recourseRoutesFor('CZ', 'rejected', table).map((r) => r.id)).toEqual(['cz_adr']);
  });

  it('uses only known route ids (each has its translations)', () => {
    for (const routes of Object.values(DEFAULT_RECOURSE))
      for (const r of routes) expect(RECOURSE_IDS).toContain(r.id);
  });
});

// Issue 15 (R17, R10): routes HQ configures per country in the company's or a branch's policy layer.
describe('configured recourse routes', () => {
  const own = {
    id: 'cz_ombudsman',
    kind: 'mediation' as const,
    officialName: 'Kancelář ombudsmana',
    text: { cs: 'Veřejný ochránce práv', en: 'The public defender of rights' },
  };

  it.each([
    ['a shipped route by its id alone', { CZ: [{ id: 'cz_coi', kind: 'authority' }] }, true],
    ['a route of its own with words', { CZ: [own] }, true],
    ['a route of its own without words', { CZ: [{ id: 'cz_own', kind: 'mediation' }] }, false],
    ['an id that is not one', { CZ: [{ ...own, id: 'CZ Own' }] }, false],
    ['the same id twice', { CZ: [own, own] }, false],
    ['an empty list', { CZ: [] }, false],
    ['a country that is not one', { DE: [own] }, false],
    ['a language that is not one', { CZ: [{ ...own, text: { de: 'Ombudsmann' } }] }, false],
    ['words too long', { CZ: [{ ...own, text: { cs: 'x'.repeat(501) } }] }, false],
    ['more than ten routes', { CZ: Array.from({ length: 11 }, (_, i) => ({ ...own, id: `r_${i}` })) }, false],
    ['an unknown field', { CZ: [{ ...own, url: 'x' }] }, false],
  ])('%s → valid %s', (_what, config, valid) => {
    expect(recourseConfigSchema.safeParse(config).success).toBe(valid);
  });

  it('per country: the branch layer’s list, else the company’s, else the shipped one', () => {
    const company = { CZ: [own], RU: [{ id: 'ru_court', kind: 'court' as const }] };
    const branch = { RU: [{ id: 'internal_appeal', kind: 'internal' as const }] };
    const table = recourseTableOf(company, branch);
    expect(table.CZ.map((r) => r.id)).toEqual(['cz_ombudsman']);
    expect(table.RU.map((r) => r.id)).toEqual(['internal_appeal']);
    expect(table.UA).toEqual(DEFAULT_RECOURSE.UA);
    expect(recourseTableOf()).toEqual(DEFAULT_RECOURSE);
    expect(recourseRoutesFor('CZ', 'rejected', table).map((r) => r.id)).toEqual(['cz_ombudsman']);
  });

  it.each([
    ['its words in the customer’s language', own, 'en', { text: 'The public defender of rights' }],
    [
      'else the first language it has (ru, uk, en, cs, ko)',
      own,
      'ko',
      { text: 'The public defender of rights' },
    ],
    [
      'a shipped route: the shipped translation',
      { id: 'cz_coi', kind: 'authority' },
      'ko',
      { shipped: 'cz_coi' },
    ],
    [
      'a shipped route with configured words in that language: those',
      { id: 'cz_coi', kind: 'authority', text: { uk: 'Чеська торговельна інспекція' } },
      'uk',
      { text: 'Чеська торговельна інспекція' },
    ],
  ] as const)('%s', (_what, route, language, words) => {
    expect(recourseWordsOf(route as RecourseRoute, language)).toEqual(words);
  });

  it('the letter’s line: words, then where to turn; the shipped internal appeal names the head of sales', () => {
    const t = (key: string, params?: Record<string, unknown>) =>
      `${key}${params ? JSON.stringify(params) : ''}`;
    expect(recourseLine({ ...own, website: 'ochrance.cz' }, 'cs', 'Jana', t)).toBe(
      'Veřejný ochránce práv: Kancelář ombudsmana, ochrance.cz',
    );
    expect(recourseLine({ id: 'internal_appeal', kind: 'internal' }, 'cs', 'Jana', t)).toBe(
      'recourse.internal_appeal_named{"name":"Jana"}',
    );
    expect(
      recourseLine({ id: 'cz_appeal', kind: 'internal', text: { cs: 'Odvolání u vedení' } }, 'cs', 'Jana', t),
    ).toBe('Odvolání u vedení');
    expect(recourseLine({ id: 'kr_kca', kind: 'authority', phone: '1372' }, 'ko', '', t)).toBe(
      'recourse.kr_kca: recourse.phone{"phone":"1372"}',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { DECISION_OUTCOMES } from '../../../../shared/lifecycle';
import { DEFAULT_RECOURSE, RECOURSE_IDS, recourseRoutesFor } from '../../../../shared/documents';
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

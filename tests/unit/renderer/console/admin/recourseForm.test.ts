import { describe, expect, it } from 'vitest';
import { layerOf, policyFormOf } from '../../../../../renderer/console/admin/policyForm';
import {
  canAddRoute,
  moveRoute,
  newRoute,
  recourseConfigOfForm,
  recourseFieldOf,
  recourseFormOf,
  routesToStartFrom,
  type RouteForm,
} from '../../../../../renderer/console/admin/recourseForm';
import { DEFAULT_RECOURSE, MAX_RECOURSE_ROUTES } from '../../../../../shared/documents/recourse';

// R17 (issue 15): the console edits a layer's recourse routes as a form, per country, not as JSON. What the
// form makes is judged by the layer's own schema, and a wrong route is named by its place.

const own = (patch: Partial<RouteForm> = {}): RouteForm => ({
  ...newRoute(),
  id: 'cz_ombudsman',
  kind: 'mediation',
  officialName: ' Veřejný ochránce práv ',
  text: { ...newRoute().text, cs: 'obrátit se na veřejného ochránce práv', en: '  ' },
  ...patch,
});

describe('recourse routes in the policy form', () => {
  it('a layer without routes is an empty form, and the form gives none back', () => {
    expect(recourseFormOf(undefined)).toEqual({});
    expect(recourseConfigOfForm({})).toBeUndefined();
    expect(layerOf(policyFormOf({})).layer).toEqual({});
  });

  it('the shipped routes, set for a country, come back as the same routes', () => {
    const form = { CZ: routesToStartFrom('CZ') };
    expect(layerOf({ ...policyFormOf({}), recourse: form }).layer).toEqual({
      recourse: { CZ: DEFAULT_RECOURSE.CZ },
    });
  });

  it('a route of the company’s own: trimmed, blank fields and words left out; and back into the form', () => {
    const form = { CZ: [...routesToStartFrom('CZ'), own()] };
    const layer = layerOf({ ...policyFormOf({}), recourse: form }).layer;
    expect(layer?.recourse?.CZ?.[3]).toEqual({
      id: 'cz_ombudsman',
      kind: 'mediation',
      officialName: 'Veřejný ochránce práv',
      text: { cs: 'obrátit se na veřejného ochránce práv' },
    });
    const again = policyFormOf(layer!).recourse.CZ![3]!;
    expect(again).toMatchObject({ id: 'cz_ombudsman', officialName: 'Veřejný ochránce práv', website: '' });
    expect(again.text).toEqual({
      ru: '',
      uk: '',
      en: '',
      cs: 'obrátit se na veřejného ochránce práv',
      ko: '',
    });
  });

  it.each<[string, RouteForm[], string[]]>([
    [
      'a route of its own without words',
      [...routesToStartFrom('CZ'), own({ text: newRoute().text })],
      ['recourse.CZ.3'],
    ],
    ['an id that is not one', [own({ id: 'Ombudsman!' })], ['recourse.CZ.0']],
    ['a name longer than its limit', [own({ officialName: 'x'.repeat(121) })], ['recourse.CZ.0']],
    ['one id twice', [own(), own()], ['recourse.CZ']],
    ['an empty list', [], ['recourse.CZ']],
  ])('%s: refused and named', (_what, routes, problems) => {
    expect(layerOf({ ...policyFormOf({}), recourse: { CZ: routes } }).problems).toEqual(problems);
  });

  it('a branch layer starts a country from the company’s routes where the company sets it', () => {
    const company = { CZ: [{ id: 'internal_appeal', kind: 'internal' as const }] };
    expect(routesToStartFrom('CZ', company).map((r) => r.id)).toEqual(['internal_appeal']);
    expect(routesToStartFrom('RU', company).map((r) => r.id)).toEqual(DEFAULT_RECOURSE.RU.map((r) => r.id));
    // Each route its own key, so a moved route keeps its focus and what is typed in it.
    const routes = routesToStartFrom('RU');
    expect(new Set(routes.map((r) => r.uid)).size).toBe(routes.length);
    expect(recourseConfigOfForm({ RU: routes })?.RU).toEqual(DEFAULT_RECOURSE.RU);
  });

  it('moving a route keeps it inside the list; adding stops at the schema’s limit', () => {
    const routes = routesToStartFrom('RU');
    expect(moveRoute(routes, 2, -1).map((r) => r.id)).toEqual([
      'internal_appeal',
      'ru_court',
      'ru_rospotrebnadzor',
    ]);
    expect(moveRoute(routes, 0, -1).map((r) => r.id)).toEqual(routes.map((r) => r.id));
    expect(moveRoute(routes, 2, 1).map((r) => r.id)).toEqual(routes.map((r) => r.id));
    expect(canAddRoute(Array.from({ length: MAX_RECOURSE_ROUTES - 1 }, newRoute))).toBe(true);
    expect(canAddRoute(Array.from({ length: MAX_RECOURSE_ROUTES }, newRoute))).toBe(false);
  });

  it.each<[(string | number)[], string]>([
    [['CZ', 1, 'text'], 'recourse.CZ.1'],
    [['CZ', 0], 'recourse.CZ.0'],
    [['CZ'], 'recourse.CZ'],
    [[], 'recourse.'],
  ])('a problem at %j shows at %s', (path, field) => {
    expect(recourseFieldOf(path)).toBe(field);
  });
});

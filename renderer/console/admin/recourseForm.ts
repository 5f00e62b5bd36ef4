import {
  DEFAULT_RECOURSE,
  MAX_RECOURSE_ROUTES,
  type RecourseConfig,
  type RecourseKind,
  type RecourseRoute,
} from '../../../shared/documents/recourse';
import { COUNTRIES, LANGUAGES, type Country, type Language } from '../../../shared/settings/workstation';

/**
 * R17 (issue 15): the recourse routes of one policy layer as the console's form edits them — per country,
 * the routes in the order the decision letter lists them, each field as typed ('' = not given). A country
 * absent from the form is not set in this layer (the company's routes, else the shipped table, apply).
 * The layer's schema (shared/documents/recourse `recourseConfigSchema`) judges what the form makes.
 */
export interface RouteForm {
  /** The form's own key for the route (React's list key, so focus and typing follow a moved route); not saved. */
  uid: string;
  id: string;
  kind: RecourseKind;
  officialName: string;
  website: string;
  phone: string;
  /** The route's words per language (what it is, how to use it). */
  text: Record<Language, string>;
}
export type RecourseForm = Partial<Record<Country, RouteForm[]>>;

const noWords = (): Record<Language, string> =>
  Object.fromEntries(LANGUAGES.map((l) => [l, ''])) as Record<Language, string>;

let lastUid = 0;
const nextUid = () => `route-${++lastUid}`;

function routeFormOf(r: RecourseRoute): RouteForm {
  return {
    uid: nextUid(),
    id: r.id,
    kind: r.kind,
    officialName: r.officialName ?? '',
    website: r.website ?? '',
    phone: r.phone ?? '',
    text: { ...noWords(), ...r.text },
  };
}

export function recourseFormOf(config: RecourseConfig | undefined): RecourseForm {
  const form: RecourseForm = {};
  for (const country of COUNTRIES) {
    const routes = config?.[country];
    if (routes) form[country] = routes.map(routeFormOf);
  }
  return form;
}

/**
 * A country's routes to start editing from: the ones in force below this layer (a branch layer: the
 * company's, when it sets the country), else the shipped ones, in their order.
 */
export const routesToStartFrom = (country: Country, below?: RecourseConfig): RouteForm[] =>
  (below?.[country] ?? DEFAULT_RECOURSE[country]).map(routeFormOf);

/** A new route of the company's own, at the end of the list. */
export const newRoute = (): RouteForm => ({
  uid: nextUid(),
  id: '',
  kind: 'authority',
  officialName: '',
  website: '',
  phone: '',
  text: noWords(),
});

/** The list with the route at `index` moved `by` places (kept inside the list). */
export function moveRoute(routes: readonly RouteForm[], index: number, by: -1 | 1): RouteForm[] {
  const to = index + by;
  if (to < 0 || to >= routes.length) return [...routes];
  const next = [...routes];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** Whether another route may be added to a country's list. */
export const canAddRoute = (routes: readonly RouteForm[]) => routes.length < MAX_RECOURSE_ROUTES;

/** What the form says, for the layer's schema: blank fields left out, the rest trimmed; undefined: none set. */
export function recourseConfigOfForm(form: RecourseForm): Record<string, unknown> | undefined {
  const set = COUNTRIES.filter((c) => form[c] !== undefined);
  if (set.length === 0) return undefined;
  const given = (v: string) => (v.trim() === '' ? undefined : v.trim());
  return Object.fromEntries(
    set.map((country) => [
      country,
      form[country]!.map((r) => {
        const words = LANGUAGES.flatMap((l) => (given(r.text[l]) ? [[l, given(r.text[l])]] : []));
        return {
          id: r.id.trim(),
          kind: r.kind,
          ...(given(r.officialName) ? { officialName: given(r.officialName) } : {}),
          ...(given(r.website) ? { website: given(r.website) } : {}),
          ...(given(r.phone) ? { phone: given(r.phone) } : {}),
          ...(words.length > 0 ? { text: Object.fromEntries(words) } : {}),
        };
      }),
    ]),
  );
}

/** Where a schema problem under `recourse` shows: the route (`recourse.CZ.1`) or the country's list. */
export function recourseFieldOf(path: ReadonlyArray<PropertyKey>): `recourse.${string}` {
  const [country, index] = path.map(String);
  return index !== undefined && /^\d+$/.test(index)
    ? `recourse.${country}.${index}`
    : `recourse.${country ?? ''}`;
}

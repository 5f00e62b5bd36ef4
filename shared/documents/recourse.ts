/**
 * R17: where a customer can turn when the complaint is rejected or only partly upheld, by the branch's
 * country. A table, not code: a company edits it (names, addresses, order) without touching the letter.
 * `officialName` and `website` are proper names printed as they are, in any document language; what each
 * shipped route is and how to use it is translated (locales/<lng>/documents.json `recourse.<id>`).
 *
 * Issue 15 (R17, R10): HQ may configure the routes per country in the company's or a branch's policy layer
 * (shared/settings/policy-layers `recourse`); a configured list replaces the shipped one for that country.
 * A configured route is a shipped one (its id, e.g. `ru_court`, with the shipped words) or the company's own
 * (any other id, with its words per language in `text`). Which words are used, in the customer's language:
 * the route's `text` in that language; else, for a shipped route, the shipped translation; else its `text`
 * in the first of ru, uk, en, cs, ko it has (`recourseWordsOf`). So a company that writes its own route in
 * Russian only prints Russian words for it in a Czech letter — honest, if not ideal: HQ is told to write
 * every language its customers use.
 */
import { z } from 'zod';
import type { DecisionOutcome } from '../lifecycle/decision';
import { COUNTRIES, LANGUAGES, type Country, type Language } from '../settings/workstation';

export const RECOURSE_KINDS = ['internal', 'authority', 'mediation', 'court'] as const;
export type RecourseKind = (typeof RECOURSE_KINDS)[number];

export const RECOURSE_IDS = [
  'internal_appeal',
  'ru_rospotrebnadzor',
  'ru_court',
  'ua_dpss',
  'cz_coi',
  'cz_adr',
  'kr_kca',
  'kr_mediation',
] as const;
export type RecourseId = (typeof RECOURSE_IDS)[number];

export interface RecourseRoute {
  /** A shipped route's RecourseId, or the id of a route HQ configured (`recourseIdSchema`). */
  id: string;
  kind: RecourseKind;
  /** As the body calls itself; absent for the internal appeal (the head of sales is named instead). */
  officialName?: string;
  website?: string;
  phone?: string;
  /** A configured route's words per language (what it is, how to use it); see `recourseWordsOf`. */
  text?: Partial<Record<Language, string>>;
}

export type RecourseTable = Record<Country, readonly RecourseRoute[]>;

const INTERNAL: RecourseRoute = { id: 'internal_appeal', kind: 'internal' };

/** The company's table as shipped. The internal appeal to the head of sales comes first everywhere. */
export const DEFAULT_RECOURSE: RecourseTable = {
  RU: [
    INTERNAL,
    {
      id: 'ru_rospotrebnadzor',
      kind: 'authority',
      officialName: 'Роспотребнадзор',
      website: 'rospotrebnadzor.ru',
    },
    { id: 'ru_court', kind: 'court' },
  ],
  UA: [
    INTERNAL,
    {
      id: 'ua_dpss',
      kind: 'authority',
      officialName: 'Держпродспоживслужба',
      website: 'dpss.gov.ua',
    },
  ],
  CZ: [
    INTERNAL,
    { id: 'cz_coi', kind: 'authority', officialName: 'Česká obchodní inspekce (ČOI)', website: 'coi.cz' },
    { id: 'cz_adr', kind: 'mediation', officialName: 'ČOI – oddělení ADR', website: 'adr.coi.cz' },
  ],
  KR: [
    INTERNAL,
    { id: 'kr_kca', kind: 'authority', officialName: '한국소비자원', website: 'kca.go.kr', phone: '1372' },
    { id: 'kr_mediation', kind: 'mediation', officialName: '소비자분쟁조정위원회', website: 'kca.go.kr' },
  ],
};

/** R15/R17: a negative answer is where recourse must be explained; an upheld complaint needs none. */
export function recourseApplies(outcome: DecisionOutcome): boolean {
  return outcome !== 'upheld';
}

export function recourseRoutesFor(
  country: Country,
  outcome: DecisionOutcome,
  table: RecourseTable = DEFAULT_RECOURSE,
): RecourseRoute[] {
  return recourseApplies(outcome) ? [...(table[country] ?? [INTERNAL])] : [];
}

export const isShippedRecourse = (id: string): id is RecourseId =>
  (RECOURSE_IDS as readonly string[]).includes(id);

/** A configured country lists at most this many routes. */
export const MAX_RECOURSE_ROUTES = 10;
export const RECOURSE_LIMITS = { officialName: 120, website: 200, phone: 40, text: 500 } as const;
/** A route's id as recorded in `recourse_explained`: lower-case letters, digits and `_`, 2–40 long. */
export const recourseIdSchema = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional();

export const configuredRouteSchema = z
  .strictObject({
    id: recourseIdSchema,
    kind: z.enum(RECOURSE_KINDS),
    officialName: optionalText(RECOURSE_LIMITS.officialName),
    website: optionalText(RECOURSE_LIMITS.website),
    phone: optionalText(RECOURSE_LIMITS.phone),
    text: z.partialRecord(z.enum(LANGUAGES), z.string().trim().min(1).max(RECOURSE_LIMITS.text)).optional(),
  })
  .refine((r) => isShippedRecourse(r.id) || Object.keys(r.text ?? {}).length > 0, {
    message: 'a route of the company’s own needs its words in at least one language',
    path: ['text'],
  });

/** Per country, the routes in their order (a country not listed keeps the layer below, then the shipped). */
export const recourseConfigSchema = z.partialRecord(
  z.enum(COUNTRIES),
  z
    .array(configuredRouteSchema)
    .min(1)
    .max(MAX_RECOURSE_ROUTES)
    .refine((routes) => new Set(routes.map((r) => r.id)).size === routes.length, {
      message: 'a route id twice',
    }),
);
export type RecourseConfig = z.infer<typeof recourseConfigSchema>;

/** The table in force at a branch: per country the branch layer's routes, else the company's, else shipped. */
export function recourseTableOf(company?: RecourseConfig, branch?: RecourseConfig): RecourseTable {
  const table = {} as Record<Country, readonly RecourseRoute[]>;
  for (const country of COUNTRIES)
    table[country] = branch?.[country] ?? company?.[country] ?? DEFAULT_RECOURSE[country];
  return table;
}

/**
 * The words saying what a route is, in `language` (the fallback rule in the module comment): configured
 * `text`, or the shipped translation of a shipped route (`shipped`: the caller translates it).
 */
export function recourseWordsOf(
  route: RecourseRoute,
  language: Language,
): { text: string } | { shipped: RecourseId } {
  const own = route.text?.[language];
  if (own) return { text: own };
  if (isShippedRecourse(route.id)) return { shipped: route.id };
  const first = LANGUAGES.map((l) => route.text?.[l]).find(Boolean);
  return { text: first ?? route.officialName ?? route.id };
}

/**
 * The line a document prints for a route, in `language`: its words (`recourseWordsOf`; the shipped internal
 * appeal names the head of sales when known), then where to turn. `t`: the documents namespace in `language`.
 */
export function recourseLine(
  route: RecourseRoute,
  language: Language,
  headOfSales: string,
  t: (key: string, params?: Record<string, unknown>) => string,
): string {
  const words = recourseWordsOf(route, language);
  if ('shipped' in words && words.shipped === 'internal_appeal')
    return headOfSales
      ? t('recourse.internal_appeal_named', { name: headOfSales })
      : t('recourse.internal_appeal');
  const where = [
    route.officialName,
    route.website,
    route.phone && t('recourse.phone', { phone: route.phone }),
  ]
    .filter(Boolean)
    .join(', ');
  const said = 'text' in words ? words.text : t(`recourse.${words.shipped}`);
  return `${said}${where ? `: ${where}` : ''}`;
}

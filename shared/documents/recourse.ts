/**
 * R17: where a customer can turn when the complaint is rejected or only partly upheld, by the branch's
 * country. A table, not code: a company edits it (names, addresses, order) without touching the letter.
 * `officialName` and `website` are proper names printed as they are, in any document language; what each
 * route is and how to use it is translated (locales/<lng>/documents.json `recourse.<id>`).
 */
import type { DecisionOutcome } from '../lifecycle/decision';
import type { Country } from '../settings/workstation';

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
  id: RecourseId;
  kind: RecourseKind;
  /** As the body calls itself; absent for the internal appeal (the head of sales is named instead). */
  officialName?: string;
  website?: string;
  phone?: string;
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

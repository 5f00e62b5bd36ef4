/**
 * Countries whose working-day calendars the deadline engine knows (shared/deadlines). A module of its own,
 * with no imports: the builds' configs read it (scripts/bundle-data.ts picks the calendar libraries' data
 * down to these countries) without loading the deadline engine and its libraries.
 */
export const COUNTRIES = ['RU', 'UA', 'CZ', 'KR'] as const;
export type Country = (typeof COUNTRIES)[number];

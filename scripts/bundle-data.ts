/**
 * What the builds (the branch app, its workers, the HQ console, HQ's bundle) carry of the calendar libraries'
 * data. They only ever compute calendars of the countries a branch can be in (shared/settings COUNTRIES; HQ
 * refuses a branch of another country), so they get the libraries' own data picked down to those; code run
 * from source (the tests) keeps all of it.
 * - date-holidays ships every country's rules (≈ 390 kB of the minified bundle, parsed at every start).
 * - moment-timezone, which date-holidays uses (through caldate) to place a holiday in its country's time zone,
 *   ships every zone of the world (≈ 720 kB): only the zones the picked countries' rules name are kept
 *   (issue 17: opening the app).
 */
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { COUNTRIES } from '../shared/settings/countries.ts';

const require = createRequire(import.meta.url);

/** date-holidays' data (its data module has no types of its own): only what is read here. */
export interface HolidayData {
  holidays: Record<string, CountryRules | undefined>;
}
interface CountryRules {
  zones?: string[];
  states?: Record<string, CountryRules>;
  regions?: Record<string, CountryRules>;
}

/** moment-timezone's packed data (data/packed/latest.json). */
export interface PackedZones {
  version: string;
  /** "Name|abbreviations|offsets|indices|untils|population" */
  zones: string[];
  /** "Target|Alias" */
  links: string[];
  /** "CC|Zone Zone…" */
  countries: string[];
}

/** Every time zone the rules of these countries (their states and regions included) name. */
export function zonesOfCountries(data: HolidayData, countries: readonly string[]): string[] {
  const zones = new Set<string>();
  const walk = (rules: CountryRules | undefined): void => {
    for (const zone of rules?.zones ?? []) zones.add(zone);
    for (const sub of [rules?.states, rules?.regions]) for (const r of Object.values(sub ?? {})) walk(r);
  };
  for (const country of countries) walk(data.holidays[country]);
  return [...zones].sort();
}

/**
 * The packed data of the named zones only: each one a zone of its own or a link (an old name, such as
 * Europe/Kiev) together with the zone it points to. Throws for a name the data does not know: a library
 * update that renamed a zone must not leave a country's holidays in UTC.
 */
export function pickZones(packed: PackedZones, names: readonly string[]): PackedZones {
  const zoneByName = new Map(packed.zones.map((z) => [z.slice(0, z.indexOf('|')), z]));
  const targetOf = new Map(
    packed.links.map((l) => [l.slice(l.indexOf('|') + 1), l.slice(0, l.indexOf('|'))]),
  );
  const zones = new Set<string>();
  const links: string[] = [];
  for (const name of names) {
    if (zoneByName.has(name)) {
      zones.add(name);
      continue;
    }
    const target = targetOf.get(name);
    if (!target || !zoneByName.has(target)) throw new Error(`moment-timezone has no zone ${name}`);
    zones.add(target);
    links.push(`${target}|${name}`);
  }
  return {
    version: packed.version,
    zones: [...zones].sort().map((name) => zoneByName.get(name)!),
    links: links.sort(),
    countries: [],
  };
}

async function holidayData(): Promise<HolidayData> {
  return ((await import('date-holidays/data' as string)) as { data: HolidayData }).data;
}

/** date-holidays' data module, with only the branch countries' rules. */
export function holidayDataOfBranchCountries(): Plugin {
  const id = '\0otklik-holiday-data';
  return {
    name: 'otklik-holiday-data',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './data.js' && importer?.replaceAll('\\', '/').includes('/date-holidays/src/'))
        return id;
      return null;
    },
    async load(moduleId) {
      if (moduleId !== id) return null;
      const data = await holidayData();
      const holidays = Object.fromEntries(COUNTRIES.map((c) => [c, data.holidays[c]]));
      return `export const data = ${JSON.stringify({ ...data, holidays })};`;
    },
  };
}

/**
 * `moment-timezone` (what caldate and date-holidays-parser import): the library without its data, loaded with
 * the zones of the branch countries' holiday rules.
 */
export function timeZoneDataOfBranchCountries(): Plugin {
  const id = '\0otklik-time-zone-data';
  return {
    name: 'otklik-time-zone-data',
    enforce: 'pre',
    resolveId(source) {
      return source === 'moment-timezone' ? id : null;
    },
    async load(moduleId) {
      if (moduleId !== id) return null;
      const packed = require('moment-timezone/data/packed/latest.json') as PackedZones;
      const picked = pickZones(packed, zonesOfCountries(await holidayData(), COUNTRIES));
      return [
        `import moment from 'moment-timezone/moment-timezone.js';`,
        `moment.tz.load(${JSON.stringify(picked)});`,
        `export default moment;`,
      ].join('\n');
    },
  };
}

/**
 * The chunk a module of the build goes into: each language's catalogues (locales/<language>/*.json) one chunk
 * of their own, loaded when the language is first used (renderer/i18n/resources.ts); null: the default.
 */
export function catalogueChunk(moduleId: string): string | null {
  const m = /[\\/]locales[\\/]([a-z]{2})[\\/][^\\/]+\.json$/.exec(moduleId);
  return m ? `locale-${m[1]}` : null;
}

/** The build's chunking for that (`build.rolldownOptions`), the same for the branch app and the console. */
export function catalogueChunks() {
  return { output: { codeSplitting: { groups: [{ name: catalogueChunk }] } } };
}

/** Both, for a browser build and its workers. */
export function calendarDataOfBranchCountries(): Plugin[] {
  return [holidayDataOfBranchCountries(), timeZoneDataOfBranchCountries()];
}

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type InlineConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  calendarDataOfBranchCountries,
  catalogueChunk,
  pickZones,
  zonesOfCountries,
  type HolidayData,
  type PackedZones,
} from '../../../scripts/bundle-data';
import { libraryHolidays, type HolidayDay } from '../../../shared/deadlines/library-holidays';
import { COUNTRIES } from '../../../shared/settings/workstation';

const require = createRequire(import.meta.url);

// Issue 17 (opening the app): the browser builds carry the calendar data of the branch countries only.
// What must not change is what a branch computes: the holidays of the built code, with the picked data, are
// compared with the library's full data here in Node.

const packed: PackedZones = {
  version: '2099a',
  zones: [
    'Europe/Kyiv|LMT EET|-22.4 -20|01|-1Pc22.4|34e5',
    'Asia/Seoul|KST|-90|0||23e6',
    'Etc/UTC|UTC|0|0||',
  ],
  links: ['Europe/Kyiv|Europe/Kiev', 'Etc/UTC|UTC'],
  countries: ['UA|Europe/Kyiv'],
};

describe('zonesOfCountries', () => {
  const data: HolidayData = {
    holidays: {
      AA: {
        zones: ['Zone/A', 'Zone/B'],
        states: { s1: { zones: ['Zone/C'], regions: { r: { zones: ['Zone/D'] } } } },
      },
      BB: { zones: ['Zone/B'] },
      CC: { zones: ['Zone/E'] },
    },
  };
  it.each([
    [['AA'], ['Zone/A', 'Zone/B', 'Zone/C', 'Zone/D']],
    [['BB'], ['Zone/B']],
    [
      ['AA', 'BB'],
      ['Zone/A', 'Zone/B', 'Zone/C', 'Zone/D'],
    ],
    [['ZZ'], []],
  ])('%j name %j', (countries, zones) => {
    expect(zonesOfCountries(data, countries)).toEqual(zones);
  });

  it("names the zones of every branch country's rules, with their time zones first", () => {
    const { data } = require('date-holidays/data') as { data: HolidayData };
    const zones = zonesOfCountries(data, COUNTRIES);
    expect(zones).toEqual(
      expect.arrayContaining(['Europe/Moscow', 'Europe/Kiev', 'Europe/Prague', 'Asia/Seoul']),
    );
  });
});

describe('pickZones', () => {
  it('keeps a named zone as it is packed, and nothing else', () => {
    expect(pickZones(packed, ['Asia/Seoul'])).toEqual({
      version: '2099a',
      zones: ['Asia/Seoul|KST|-90|0||23e6'],
      links: [],
      countries: [],
    });
  });

  it('keeps an old name as a link, with the zone it points to', () => {
    const picked = pickZones(packed, ['Europe/Kiev', 'Asia/Seoul']);
    expect(picked.zones).toEqual([
      'Asia/Seoul|KST|-90|0||23e6',
      'Europe/Kyiv|LMT EET|-22.4 -20|01|-1Pc22.4|34e5',
    ]);
    expect(picked.links).toEqual(['Europe/Kyiv|Europe/Kiev']);
  });

  it('refuses a name the data does not know, rather than leave holidays in UTC', () => {
    expect(() => pickZones(packed, ['Asia/Seoul', 'Mars/Olympus'])).toThrow(
      'moment-timezone has no zone Mars/Olympus',
    );
  });
});

describe('catalogueChunk', () => {
  it.each([
    ['/repo/locales/ru/common.json', 'locale-ru'],
    ['/repo/locales/ko/documents.json', 'locale-ko'],
    ['C:\\repo\\locales\\cs\\mail.json', 'locale-cs'],
    ['/repo/renderer/i18n/resources.ts', null],
    ['/repo/locales/ru/common.json?raw', null],
    ['/repo/node_modules/some-package/locales/en/x.js', null],
  ])('%s goes into %s', (id, chunk) => {
    expect(catalogueChunk(id)).toBe(chunk);
  });
});

const ENTRY = join(import.meta.dirname, '../../../shared/deadlines/library-holidays.ts');

/**
 * The two ways the calendar is built: for the browser (the plugins as vite.config.ts gives them to the page
 * and its workers), and with HQ's own build configuration, which bundles the packages into main.mjs.
 */
const BUILDS: Record<string, (outDir: string) => InlineConfig> = {
  'for the renderer and its workers': (outDir) => ({
    configFile: false,
    plugins: calendarDataOfBranchCountries(),
    build: { outDir, minify: false, lib: { entry: ENTRY, formats: ['es'], fileName: 'calendar' } },
  }),
  "into HQ's bundle (vite.hq.config.ts)": (outDir) => ({
    configFile: join(import.meta.dirname, '../../../vite.hq.config.ts'),
    build: {
      ssr: ENTRY,
      outDir,
      sourcemap: false,
      rollupOptions: { output: { entryFileNames: 'calendar.js' } },
    },
  }),
};

describe.each(Object.keys(BUILDS))('the calendar built %s', (kind) => {
  let dir: string;
  let built: {
    code: string;
    libraryHolidays(country: string, year: number): HolidayDay[];
    isSupportedCountry(c: string): boolean;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'otklik-bundle-data-'));
    await build({ logLevel: 'silent', ...BUILDS[kind]!(dir) });
    const file = join(dir, 'calendar.js');
    built = { code: readFileSync(file, 'utf8'), ...(await import(pathToFileURL(file).href)) };
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(COUNTRIES)('%s: the same public holidays, 2010–2040, as with all of the data', (country) => {
    for (let year = 2010; year <= 2040; year++) {
      expect(built.libraryHolidays(country, year), `${country} ${year}`).toEqual(
        libraryHolidays(country, year),
      );
    }
    expect(built.isSupportedCountry(country)).toBe(true);
  });

  it("carries the zones the branch countries' rules name, and no other country or zone", () => {
    expect(built.isSupportedCountry('DE')).toBe(false);
    // A packed zone is "Name|abbreviations|…" (the library's comments name other zones too).
    const { data } = require('date-holidays/data') as { data: HolidayData };
    for (const zone of zonesOfCountries(data, COUNTRIES)) {
      // Packed as a zone of its own ("Name|…") or as a link to one ("Target|Name").
      expect(
        [`"${zone}|`, `|${zone}"`].some((s) => built.code.includes(s)),
        zone,
      ).toBe(true);
    }
    expect(built.code).not.toContain('"America/New_York|');
    expect(built.code).not.toContain('"Europe/Berlin|');
  });
});

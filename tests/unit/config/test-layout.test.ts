import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../vitest.config';

// Issue 12 item 6: tests mirror the source, so a file's tests are found from its path and the test
// environment follows from where a test lives. The rule (README "Tests", "Where a test goes"):
// - tests/unit/<dir>/<name>.test.ts tests <dir>/<name>.ts (or .tsx, .mjs, .js);
// - tests/unit/<dir>/<name>.<aspect>.test.ts is more tests of that same file, split by aspect;
// - tests/integration/hq/<dir>/<name>[.<aspect>].test.ts tests hq/<dir>/<name>.ts against real databases;
// - <dir> starts with one of SOURCE_ROOTS; a test of several files is named after the main one;
// - helpers beside the tests (fixtures.ts, …) are not tests and may live anywhere under tests/;
// - CROSS_CUTTING is the only exception: folders whose tests check a concern of the whole tree.

const root = join(import.meta.dirname, '../../..');

/** Where the source files are; a mirrored test path starts with one of these. */
const SOURCE_ROOTS: Record<string, readonly string[]> = {
  'tests/unit': ['shared', 'renderer', 'electron', 'hq', 'scripts'],
  'tests/integration': ['hq'],
};

/** Folders of tests that check no single source file, each with what it covers instead. Keep it short. */
const CROSS_CUTTING: Record<string, string> = {
  'tests/unit/config/':
    "the tools' configuration as rules (eslint.config.js, dpdm, vitest's projects) and this layout itself",
  'tests/unit/locales/':
    'the catalogues locales/<language>/<namespace>.json together: keys, plurals, glossary',
};

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mjs', '.js'];
const TEST_SUFFIX = '.test.ts';

/**
 * What is wrong with where a test file is (undefined: nothing). `test` is relative to the repository, with
 * forward slashes; `exists` says whether a repository-relative file exists.
 */
function mirrorProblem(test: string, exists: (file: string) => boolean): string | undefined {
  if (Object.keys(CROSS_CUTTING).some((folder) => test.startsWith(folder))) return undefined;
  const suite = Object.keys(SOURCE_ROOTS).find((s) => test.startsWith(`${s}/`));
  if (!suite) return `${test}: not under ${Object.keys(SOURCE_ROOTS).join(' or ')}`;
  if (!test.endsWith(TEST_SUFFIX)) return `${test}: a test file's name ends with ${TEST_SUFFIX}`;
  const mirrored = test.slice(suite.length + 1, -TEST_SUFFIX.length);
  const top = mirrored.split('/')[0]!;
  if (!SOURCE_ROOTS[suite]!.includes(top) || !mirrored.includes('/')) {
    return `${test}: ${suite}/ mirrors ${SOURCE_ROOTS[suite]!.map((r) => `${r}/`).join(', ')}`;
  }
  // <name>.test.ts first (a source name may itself have a dot: image.worker.ts), then <name>.<aspect>.
  const name = basename(mirrored);
  const stems = [mirrored];
  if (name.includes('.')) stems.push(`${dirname(mirrored)}/${name.slice(0, name.lastIndexOf('.'))}`);
  const found = stems.some((stem) => SOURCE_EXTENSIONS.some((ext) => exists(`${stem}${ext}`)));
  if (found) return undefined;
  return `${test}: no source file ${stems.map((s) => `${s}.ts`).join(' or ')}`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** Source files with the same name anywhere in the tree: where a misplaced test probably belongs. */
function suggestions(test: string, suite: string, sources: string[]): string[] {
  const name = basename(test, TEST_SUFFIX);
  const names = new Set([name, name.slice(0, name.includes('.') ? name.lastIndexOf('.') : undefined)]);
  const aspect = name.includes('.') ? name.slice(name.lastIndexOf('.')) : '';
  return sources
    .filter((file) => SOURCE_ROOTS[suite]!.some((dir) => file.startsWith(`${dir}/`)))
    .filter((file) => names.has(basename(file).replace(/\.[^.]+$/, '')))
    .map((file) => {
      const stem = file.replace(/\.[^.]+$/, '');
      return `${suite}/${stem}${basename(stem) === name ? '' : aspect}${TEST_SUFFIX}`;
    });
}

describe('mirrorProblem: the rule itself', () => {
  const tree = new Set([
    'shared/deadlines/due.ts',
    'shared/mail/eml.ts',
    'renderer/book/image.worker.ts',
    'renderer/book/BookDeadline.tsx',
    'renderer/complaints/actions.ts',
    'hq/mail/worker.ts',
    'hq/app.ts',
    'scripts/test-report.mjs',
  ]);
  const exists = (file: string) => tree.has(file);

  it.each([
    'tests/unit/shared/deadlines/due.test.ts',
    'tests/unit/renderer/book/BookDeadline.test.ts',
    'tests/unit/renderer/complaints/actions.lifecycle.test.ts',
    'tests/unit/renderer/book/image.worker.test.ts',
    'tests/unit/scripts/test-report.test.ts',
    'tests/integration/hq/mail/worker.month.test.ts',
    'tests/integration/hq/app.test.ts',
    'tests/unit/config/lint-anything.test.ts',
    'tests/unit/locales/keys.test.ts',
  ])('%s is where it belongs', (test) => {
    expect(mirrorProblem(test, exists)).toBeUndefined();
  });

  it.each([
    // the old layout: by topic, not by path
    ['tests/unit/deadlines/due.test.ts', 'mirrors shared/'],
    ['tests/unit/book/eml.test.ts', 'mirrors shared/'],
    ['tests/unit/locales.test.ts', 'mirrors shared/'],
    ['tests/integration/mail-outbox.test.ts', 'mirrors hq/'],
    // a source root, but no such file
    ['tests/unit/shared/deadlines/nextDue.test.ts', 'no source file shared/deadlines/nextDue.ts'],
    ['tests/unit/renderer/complaints/store.test.ts', 'no source file'],
    ['tests/integration/shared/mail/eml.test.ts', 'mirrors hq/'],
    // one aspect only: a.b.c.test.ts does not name a.ts
    ['tests/unit/renderer/complaints/actions.a.b.test.ts', 'no source file'],
    // not a test vitest would run
    ['tests/unit/shared/deadlines/due.spec.ts', 'ends with .test.ts'],
    ['tests/e2e/x.test.ts', 'not under'],
  ])('%s is refused: %s', (test, why) => {
    expect(mirrorProblem(test, exists)).toContain(why);
  });
});

describe('the tests of this repository mirror the source', () => {
  const exists = (file: string) => existsSync(join(root, file));
  const tests = Object.keys(SOURCE_ROOTS).flatMap((suite) =>
    filesUnder(suite).filter((file) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(file)),
  );
  const sources = Object.values(SOURCE_ROOTS)
    .flat()
    .filter((dir, i, all) => all.indexOf(dir) === i)
    .flatMap(filesUnder)
    .filter((file) => SOURCE_EXTENSIONS.some((ext) => file.endsWith(ext)) && !file.endsWith('.d.ts'));

  it('finds the tests it checks', () => {
    expect(tests.length).toBeGreaterThan(50);
    expect(tests).toContain('tests/unit/config/test-layout.test.ts');
  });

  it('every test file names a source file at the mirrored path', () => {
    const problems = tests.flatMap((test) => {
      const problem = mirrorProblem(test, exists);
      if (!problem) return [];
      const suite = Object.keys(SOURCE_ROOTS).find((s) => test.startsWith(`${s}/`)) ?? 'tests/unit';
      const where = suggestions(test, suite, sources);
      return [where.length ? `${problem} — perhaps ${where.join(' or ')}` : problem];
    });
    expect(problems).toEqual([]);
  });

  it.each(Object.keys(CROSS_CUTTING))('the exception %s still has tests', (folder) => {
    expect(tests.some((test) => test.startsWith(folder))).toBe(true);
  });
});

describe("vitest's projects follow the path: renderer tests in Chromium, the rest in Node", () => {
  const projects = new Map(
    (config.test?.projects ?? []).map((p) => {
      const test = (p as { test: { name: string; include?: string[]; exclude?: string[] } }).test;
      return [test.name, test] as const;
    }),
  );

  it.each([
    ['node', ['tests/unit/**/*.test.ts'], ['tests/unit/renderer/**', 'tests/unit/electron/**']],
    ['electron-main', ['tests/unit/electron/**/*.test.ts'], undefined],
    ['chromium', ['tests/unit/renderer/**/*.test.ts'], undefined],
    ['integration', ['tests/integration/**/*.test.ts'], undefined],
  ])('%s runs %j except %j', (name, include, exclude) => {
    expect(projects.get(name)?.include).toEqual(include);
    expect(projects.get(name)?.exclude).toEqual(exclude);
  });
});

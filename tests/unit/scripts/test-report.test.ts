import { describe, expect, it } from 'vitest';
import { NO_ELECTRON_REASON } from '../../electron-binary.mjs';
import {
  NOT_RUN,
  closingLine,
  failureLine,
  playwrightRows,
  row,
  rowFailed,
  skippedLine,
  vitestRows,
  type VitestSummary,
} from '../../../scripts/test-report.mjs';

// Issue 18: what `npm test` makes of the suites' reports — a run that cannot be fooled by a project that ran
// nothing, a deleted test file, a silent skip or a flaky test.

const floors = { node: { files: 2, tests: 10 }, chromium: { files: 1, tests: 3 } };
const project = (over: Partial<VitestSummary['projects'][string]> = {}) => ({
  files: 2,
  passed: 10,
  failed: 0,
  skipped: 0,
  errors: [],
  skips: [],
  ...over,
});
const summary = (projects: VitestSummary['projects'], unhandledErrors: string[] = []): VitestSummary => ({
  projects,
  unhandledErrors,
});

describe('vitest rows against the floors', () => {
  it('at the floor: ok, no note', () => {
    const rows = vitestRows(
      summary({ node: project(), chromium: project({ files: 1, passed: 3 }) }),
      ['node', 'chromium'],
      floors,
      'unit',
    );
    expect(rows.map((r) => [r.name, r.passed, rowFailed(r), r.problems, r.notes])).toEqual([
      ['unit › node', 10, false, [], []],
      ['unit › chromium', 3, false, [], []],
    ]);
  });

  it.each([
    [
      'a project that ran no file (its include pattern deleted)',
      { node: project() },
      'chromium',
      /no test file ran/,
    ],
    [
      'a deleted test file: fewer files and tests than the floor',
      { node: project(), chromium: project({ files: 0, passed: 0 }) },
      'chromium',
      /0 tests ran, fewer than the floor of 3/,
    ],
    [
      'fewer tests than the floor',
      { node: project({ passed: 9 }), chromium: project({ files: 1, passed: 3 }) },
      'node',
      /9 tests ran, fewer than the floor of 10/,
    ],
    [
      'fewer files than the floor',
      { node: project({ files: 1 }), chromium: project({ files: 1, passed: 3 }) },
      'node',
      /1 test files ran, fewer than the floor of 2/,
    ],
    [
      'a skip without a reason',
      {
        node: project({ skipped: 1, skips: [{ file: 'a.test.ts', name: 'x', mode: 'skip' }] }),
        chromium: project({ files: 1, passed: 3 }),
      },
      'node',
      /a\.test\.ts › x: skipped without a reason \(it\.skip\)/,
    ],
    [
      'a todo',
      {
        node: project({ skipped: 1, skips: [{ file: 'a.test.ts', name: 'x', mode: 'todo' }] }),
        chromium: project({ files: 1, passed: 3 }),
      },
      'node',
      /skipped without a reason \(a todo\)/,
    ],
    [
      'an error outside any test',
      {
        node: project({ errors: ['a.test.ts: Cannot find module'] }),
        chromium: project({ files: 1, passed: 3 }),
      },
      'node',
      /Cannot find module/,
    ],
  ])('%s fails the project with a clear line', (_title, projects, failing, message) => {
    const rows = vitestRows(summary(projects), ['node', 'chromium'], floors, 'unit');
    const bad = rows.find((r) => r.name === `unit › ${failing}`)!;
    expect(rowFailed(bad)).toBe(true);
    expect(bad.problems.join('\n')).toMatch(message);
    expect(rows.filter((r) => r !== bad).some(rowFailed)).toBe(false);
    expect(closingLine(rows).failed).toBeGreaterThan(0);
  });

  it('a project with no floor fails and says what to add', () => {
    const [r] = vitestRows(summary({ fuzz: project({ files: 3, passed: 40 }) }), ['fuzz'], floors);
    expect(rowFailed(r!)).toBe(true);
    expect(r!.problems).toEqual([
      'no floor for this project: add "vitest.fuzz": { "files": 3, "tests": 40 }',
    ]);
  });

  it('above the floor: passes, with a note to raise it', () => {
    const [r] = vitestRows(summary({ node: project({ passed: 12 }) }), ['node'], floors);
    expect(rowFailed(r!)).toBe(false);
    expect(r!.notes).toEqual(['above its floor (10 tests, 2 files): raise "vitest.node"']);
  });

  it('a skip with a reason is listed with it and is not a failure', () => {
    const [r] = vitestRows(
      summary({
        node: project({
          skipped: 1,
          skips: [{ file: 'a.test.ts', name: 'x', mode: 'run', note: 'needs a GPU' }],
        }),
      }),
      ['node'],
      floors,
    );
    expect(rowFailed(r!)).toBe(false);
    expect(r!.skips).toEqual([{ title: 'node › a.test.ts › x', reason: 'needs a GPU' }]);
  });

  it('tests not run because their suite failed are listed as such, not as skips without a reason', () => {
    const rows = vitestRows(
      summary({
        node: project({
          passed: 9,
          failed: 1,
          skipped: 1,
          skips: [{ file: 'a.test.ts', name: 'after the hook', mode: 'run', blocked: true }],
        }),
      }),
      ['node'],
      floors,
    );
    expect(rows[0]!.skips).toEqual([{ title: 'node › a.test.ts › after the hook', reason: NOT_RUN }]);
    expect(rows[0]!.problems).toEqual([]);
    expect(closingLine(rows).line).toBe('9 passed, 1 failed');
    expect(skippedLine(rows[0]!.skips)).toBe('1 skipped (not run)');
  });

  it('an unhandled error fails the run', () => {
    const rows = vitestRows(summary({ node: project() }, ['EADDRINUSE']), ['node'], floors);
    expect(rows[0]!.problems).toEqual(['unhandled error: EADDRINUSE']);
    expect(closingLine(rows).line).toBe('10 passed, 1 failed');
  });
});

/** A Playwright JSON report of the shape its reporter writes. */
function report(
  tests: Array<{ file: string; project: string; status: string; skip?: string; error?: string }>,
) {
  return {
    config: { projects: [{ name: 'browser' }, { name: 'electron' }] },
    suites: [...new Set(tests.map((t) => t.file))].map((file) => ({
      file,
      specs: tests
        .filter((t) => t.file === file)
        .map((t, i) => ({
          title: `test ${i}`,
          tests: [
            {
              projectName: t.project,
              status: t.status,
              annotations: t.skip === undefined ? [] : [{ type: 'skip', description: t.skip || undefined }],
              results: t.error === undefined ? [] : [{ status: 'failed', error: { message: t.error } }],
            },
          ],
        })),
    })),
    errors: [],
  };
}

describe('Playwright rows', () => {
  const pwFloors = { browser: { files: 2, tests: 3 }, electron: { files: 1, tests: 0 } };
  const healthy = [
    { file: 'a.spec.ts', project: 'browser', status: 'expected' },
    { file: 'a.spec.ts', project: 'browser', status: 'expected' },
    { file: 'b.spec.ts', project: 'browser', status: 'expected' },
    { file: 'desktop-app.spec.ts', project: 'electron', status: 'skipped', skip: NO_ELECTRON_REASON },
  ];

  it('counts per project; the desktop app is a skip with its reason, and the closing lines say so', () => {
    const rows = playwrightRows(report(healthy), pwFloors, 'e2e');
    expect(rows.map((r) => [r.name, r.passed, r.skipped, r.files, rowFailed(r)])).toEqual([
      ['e2e › browser', 3, 0, 2, false],
      ['e2e › electron', 0, 1, 1, false],
    ]);
    expect(skippedLine(rows.flatMap((r) => r.skips))).toBe('1 skipped (desktop app: no Electron binary)');
    expect(closingLine(rows).line).toBe('3 passed, 0 failed');
  });

  it('flaky is its own count, not passed, and fails the run', () => {
    const rows = playwrightRows(
      report([
        ...healthy.slice(0, 2),
        { file: 'b.spec.ts', project: 'browser', status: 'flaky' },
        healthy[3]!,
      ]),
      pwFloors,
    );
    expect(rows[0]).toMatchObject({ passed: 2, flaky: 1 });
    expect(rowFailed(rows[0]!)).toBe(true);
    expect(closingLine(rows).line).toBe('2 passed, 1 failed');
  });

  it('a failed test is named with the first line of its error, for the closing lines', () => {
    const rows = playwrightRows(
      report([
        ...healthy,
        {
          file: 'c.spec.ts',
          project: 'browser',
          status: 'unexpected',
          error: '\u001b[31mError: expect(locator).toBeVisible() failed\u001b[39m\n\nLocator: x',
        },
      ]),
      pwFloors,
    );
    expect(rows[0]!.failures).toEqual([
      'browser › c.spec.ts › test 0: Error: expect(locator).toBeVisible() failed',
    ]);
    expect(closingLine(rows).line).toBe('3 passed, 1 failed');
  });

  it('a deleted spec file: below the floor', () => {
    const rows = playwrightRows(report(healthy.filter((t) => t.file !== 'b.spec.ts')), pwFloors);
    expect(rows[0]!.problems).toEqual([
      '2 tests ran, fewer than the floor of 3',
      '1 test files ran, fewer than the floor of 2',
    ]);
  });

  it('a project the floors name but the config lost ran no file', () => {
    const rows = playwrightRows(report(healthy), { ...pwFloors, mobile: { files: 1, tests: 1 } });
    const mobile = rows.find((r) => r.name === 'playwright › mobile')!;
    expect(mobile.problems[0]).toMatch(/no test file ran/);
  });

  it('the rest of a serial group after a failure: not run, not a skip without a reason', () => {
    const rows = playwrightRows(
      report([...healthy, { file: 'b.spec.ts', project: 'browser', status: 'skipped' }]),
      pwFloors,
    );
    expect(rows[0]!.skips).toEqual([{ title: 'browser › b.spec.ts › test 1', reason: NOT_RUN }]);
    expect(rowFailed(rows[0]!)).toBe(false);
  });

  it('a skip without a reason fails', () => {
    const rows = playwrightRows(
      report([
        ...healthy.slice(0, 3),
        { file: 'd.spec.ts', project: 'electron', status: 'skipped', skip: '' },
      ]),
      pwFloors,
    );
    expect(rowFailed(rows[1]!)).toBe(true);
    expect(rows[1]!.problems[0]).toMatch(/skipped without a reason/);
  });
});

describe('failure lines', () => {
  it.each([
    [
      'the first non-empty line',
      'a › b',
      '\n  AssertionError: expected 1 to be 2\n  at x',
      'a › b: AssertionError: expected 1 to be 2',
    ],
    ['no message', 'a', undefined, 'a: no error message'],
    ['a blank message', 'a', ' \n ', 'a: no error message'],
    ['a long line is cut to 300 characters', 't', 'x'.repeat(400), `t: ${'x'.repeat(296)}…`],
  ])('%s', (_, title, message, line) => {
    expect(failureLine(title, message)).toBe(line);
  });

  it('a vitest project carries its failed tests to its row', () => {
    const rows = vitestRows(
      summary({ node: project({ failed: 1, failures: ['node › a.test.ts › x: boom'] }) }),
      ['node'],
      { node: { files: 2, tests: 11 } },
    );
    expect(rows[0]!.failures).toEqual(['node › a.test.ts › x: boom']);
    expect(rowFailed(rows[0]!)).toBe(true);
  });
});

describe('closing lines', () => {
  it('groups skips by the short form of their reason', () => {
    const skips = [
      { title: 'a', reason: 'desktop app: no Electron binary — long story' },
      { title: 'b', reason: 'desktop app: no Electron binary — long story' },
      { title: 'c', reason: 'needs a GPU' },
    ];
    expect(skippedLine(skips)).toBe('3 skipped (2 × desktop app: no Electron binary; 1 × needs a GPU)');
    expect(skippedLine([])).toBeUndefined();
  });

  it('a row failed only by a problem (a floor, a crash) still counts one failure', () => {
    const rows = [row('format', { passed: 1 }), row('unit', { problems: ['no report: vitest crashed'] })];
    expect(closingLine(rows)).toEqual({ passed: 1, failed: 1, line: '1 passed, 1 failed' });
  });
});

// `npm test`: every check and every suite, then one closing line "N passed, N failed" that sums them all.
// A check (format, types, lint, build) counts as one; vitest and Playwright count their tests.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, ensureDependencies, ensurePostgres, root, run, say } from './setup.mjs';

ensureDependencies();
ensureChromium();
if (!process.env.OTKLIK_TEST_DATABASE_URL) ensurePostgres();

const results = join(root, '.ci-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const env = { ...process.env, OTKLIK_RESULTS_DIR: results };
const rows = [];
const skipReasons = [];

/** "title: reason" of every skipped Playwright test, so a skip is never silent. */
function playwrightSkips(report) {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue;
        const reason = t.annotations?.find((a) => a.type === 'skip')?.description ?? 'no reason given';
        out.push(`${t.projectName} › ${spec.title}: ${reason}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return out;
}

function check(name, command, args) {
  say(`${name}: ${command} ${args.join(' ')}`);
  const ok = run(command, args, { env }) === 0;
  rows.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
  return ok;
}

function suite(name, command, args, file, count) {
  say(`${name}: ${command} ${args.join(' ')}`);
  const status = run(command, args, { env });
  const path = join(results, file);
  if (!existsSync(path)) {
    rows.push({ name: `${name} (no report: crashed before reporting)`, passed: 0, failed: 1, skipped: 0 });
    return;
  }
  const counted = count(JSON.parse(readFileSync(path, 'utf8')));
  // A non-zero exit with every test green still means something failed (e.g. an error outside a test).
  if (status !== 0 && counted.failed === 0) counted.failed = 1;
  rows.push({ name, ...counted });
}

check('format', 'npx', ['prettier', '--check', '.']);
check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
check('lint', 'npm', ['run', '--silent', 'lint']);
const vitestCounts = (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests + (r.numFailedTestSuites ?? 0),
  skipped: r.numPendingTests + r.numTodoTests,
});
suite(
  'unit (vitest: node + Chromium)',
  'npx',
  [
    'vitest',
    'run',
    '--project',
    'node',
    '--project',
    'chromium',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(results, 'vitest.json')}`,
  ],
  'vitest.json',
  vitestCounts,
);
// HQ on PGlite and on a private PostgreSQL cluster the suite starts and stops (tests/postgres.mjs).
suite(
  'integration (vitest: HQ on PGlite + PostgreSQL)',
  'npx',
  [
    'vitest',
    'run',
    '--project',
    'integration',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(results, 'integration.json')}`,
  ],
  'integration.json',
  vitestCounts,
);
if (check('build', 'npm', ['run', '--silent', 'build'])) {
  suite('end-to-end (playwright)', 'npx', ['playwright', 'test'], 'playwright.json', (r) => {
    skipReasons.push(...playwrightSkips(r));
    return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
  });
} else {
  rows.push({ name: 'end-to-end (playwright): not run, the build failed', passed: 0, failed: 1, skipped: 0 });
}

const total = rows.reduce(
  (t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }),
  {
    passed: 0,
    failed: 0,
    skipped: 0,
  },
);
console.log('\nSummary');
for (const r of rows)
  console.log(
    `  ${r.failed > 0 ? 'FAIL' : 'ok  '}  ${r.name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`,
  );
if (total.skipped > 0) console.log(`  (${total.skipped} skipped, not counted as passed)`);
for (const reason of skipReasons) console.log(`  skipped: ${reason}`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);

import { defineConfig } from '@playwright/test';
import { e2eChromiumArgs, testChromiumPath } from './tests/chromium.mjs';
import { TEST_HQ_ENV } from './tests/hq-node.ts';

const resultsDir = process.env.OTKLIK_RESULTS_DIR;
/** The specs that start a real HQ process (tests/e2e/hq.ts): the longest of the run. */
const HQ_SPECS = [
  'sync-faults.spec.ts',
  'chaos.spec.ts',
  'handling.spec.ts',
  'handling-merge.spec.ts',
  'handling-escalation.spec.ts',
  'console.spec.ts',
];
/**
 * Traces only where someone can open them. `npm test` (which sets OTKLIK_RESULTS_DIR, as CI does) records
 * none: a trace records every action's screenshots and DOM, for every test, to throw it away when the test
 * passes, and CI keeps no files. On four of the specs (16 tests, alone on two cores) recording cost 215
 * CPU-s against 140 without, 122 s against 79 s of wall time; DOM snapshots alone, 167 CPU-s. A failure's
 * error still names the locator, what was received and the step. Run a spec directly (`npx playwright test
 * tests/e2e/…`) to get the trace of a failure, or set OTKLIK_TRACE (`on`) for any run but `npm run chaos`
 * (which records none: scripts/chaos.mjs).
 */
const TRACE_MODES = ['off', 'on', 'retain-on-failure'] as const;
type TraceMode = (typeof TRACE_MODES)[number];
const isTraceMode = (mode: string): mode is TraceMode => (TRACE_MODES as readonly string[]).includes(mode);
const trace = process.env.OTKLIK_TRACE ?? (resultsDir ? 'off' : 'retain-on-failure');
if (!isTraceMode(trace)) throw new Error(`OTKLIK_TRACE=${trace}: one of ${TRACE_MODES.join(', ')}`);
/** The tests' HQ settings (tests/hq-node.ts): the workers, which start the HQs, have this environment. */
for (const [name, value] of Object.entries(TEST_HQ_ENV)) process.env[name] ??= value;
/** OTKLIK_E2E_PORT lets two checkouts run their suites side by side. */
export const E2E_PORT = Number(process.env.OTKLIK_E2E_PORT ?? 4173);
/**
 * Two workers on two cores. Three kept the processor busier while the HQ specs wait on restarts and fault
 * delays, but alone on the two-core machine they made a load of 12 and three browser tests hit their
 * 30 s limit; in CI, beside the integration suite, ten did. Each worker has its own HQ port
 * (tests/e2e/hq.ts).
 */
const WORKERS = 2;
/** The page's CSP allows the HQ ports of up to three workers (`npm run chaos -- --workers 3`). */
const MAX_WORKERS = 3;
const hqOrigins = Array.from({ length: MAX_WORKERS }, (_, i) => `http://127.0.0.1:${E2E_PORT + 1 + i}`);

// End-to-end tests drive the production build of the renderer in Chromium's headless shell
// (tests/chromium.mjs). The browser's own clock is UTC on purpose: branch dates must follow the branch's
// zone, never the PC's.
export default defineConfig({
  fullyParallel: true,
  workers: WORKERS,
  forbidOnly: true,
  // One migrated HQ database for every HQ the specs start (tests/e2e/global-setup.ts).
  globalSetup: './tests/e2e/global-setup.ts',
  retries: 0,
  // A browser test takes 10-30 s on the shared two-core CI machine (setup, first sign-in, a few screens).
  timeout: 60_000,
  // Generous: CI machines have two cores shared by Chromium, the servers and the other suites.
  expect: { timeout: 10_000 },
  reporter: resultsDir ? [['list'], ['json', { outputFile: `${resultsDir}/playwright.json` }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: testChromiumPath(), args: e2eChromiumArgs },
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
    trace,
  },
  projects: [
    // The specs with an HQ are the longest tests of the run (HQ starts, restarts and fault delays): listed
    // first, so the workers start on them while the shorter specs fill in around them (issue 17: CI time).
    // Three minutes each (a spec may set more): alone on two cores the merge spec took 27-40 s and the
    // console's offline-to-decided test 19-22 s, and under the CI's load two to three times that, with only
    // the 60 s default: the likeliest cause of one HQ failure in a CI run whose log did not name the test.
    { name: 'hq', testDir: 'tests/e2e', testMatch: HQ_SPECS, timeout: 180_000 },
    // The desktop app loads from disk and has no service worker (renderer/platform/offlineShell.ts), and
    // most browser specs stand in for it: they run without one, which saves each test the worker's start and
    // its copy of the 3.6 MB shell (22 tests, traces off as in CI: 70–72 against 60 machine CPU-s, two runs
    // each). The specs that reload offline need the browser build's offline shell and allow it (`test.use`);
    // so do the HQ specs, whose branch PCs go offline and come back.
    { name: 'browser', testDir: 'tests/e2e', testIgnore: HQ_SPECS, use: { serviceWorkers: 'block' } },
    // The desktop app itself; skipped, with the reason, where no Electron binary can be installed.
    { name: 'electron', testDir: 'tests/electron' },
  ],
  webServer: {
    command: `node node_modules/vite/bin/vite.js preview --port ${E2E_PORT} --strictPort`,
    url: `http://127.0.0.1:${E2E_PORT}`,
    reuseExistingServer: !resultsDir,
    // The specs that start an HQ start it on their worker's port (tests/e2e/hq.ts); the page's CSP must
    // allow every one of them.
    env: { OTKLIK_HQ_URL: hqOrigins.join(' ') },
    timeout: 60_000,
  },
});

import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './tests/chromium.mjs';

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
/** OTKLIK_E2E_PORT lets two checkouts run their suites side by side. */
export const E2E_PORT = Number(process.env.OTKLIK_E2E_PORT ?? 4173);
/**
 * Three workers on two cores: the HQ specs wait mostly on HQ restarts and fault delays, so a third browser
 * keeps the processor busy meanwhile (issue 17: CI time). Each worker has its own HQ port (tests/e2e/hq.ts).
 */
const WORKERS = 3;
const hqOrigins = Array.from({ length: WORKERS }, (_, i) => `http://127.0.0.1:${E2E_PORT + 1 + i}`);

// End-to-end tests drive the production build of the renderer in Debian's Chromium. The browser's own clock
// is UTC on purpose: branch dates must follow the branch's zone, never the PC's.
export default defineConfig({
  fullyParallel: true,
  workers: WORKERS,
  forbidOnly: true,
  // One migrated HQ database for every HQ the specs start (tests/e2e/global-setup.ts).
  globalSetup: './tests/e2e/global-setup.ts',
  retries: 0,
  timeout: 30_000,
  // Generous: CI machines have two cores shared by Chromium, the servers and three workers.
  expect: { timeout: 10_000 },
  reporter: resultsDir ? [['list'], ['json', { outputFile: `${resultsDir}/playwright.json` }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
  },
  projects: [
    // The specs with an HQ are the longest tests of the run (HQ starts, restarts and fault delays): listed
    // first, so the workers start on them while the shorter specs fill in around them (issue 17: CI time).
    { name: 'hq', testDir: 'tests/e2e', testMatch: HQ_SPECS },
    { name: 'browser', testDir: 'tests/e2e', testIgnore: HQ_SPECS },
    // The desktop app itself; skipped, with the reason, where no Electron binary can be installed.
    { name: 'electron', testDir: 'tests/electron' },
  ],
  webServer: {
    command: `npx vite preview --port ${E2E_PORT} --strictPort`,
    url: `http://127.0.0.1:${E2E_PORT}`,
    reuseExistingServer: !resultsDir,
    // The specs that start an HQ start it on their worker's port (tests/e2e/hq.ts); the page's CSP must
    // allow every one of them.
    env: { OTKLIK_HQ_URL: hqOrigins.join(' ') },
    timeout: 60_000,
  },
});

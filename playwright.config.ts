import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './tests/chromium.mjs';

const resultsDir = process.env.OTKLIK_RESULTS_DIR;
const HQ_FAULT_SPECS = ['sync-faults.spec.ts', 'chaos.spec.ts'];
/** OTKLIK_E2E_PORT lets two checkouts run their suites side by side. */
export const E2E_PORT = Number(process.env.OTKLIK_E2E_PORT ?? 4173);

// End-to-end tests drive the production build of the renderer in Debian's Chromium. The browser's own clock
// is UTC on purpose: branch dates must follow the branch's zone, never the PC's.
export default defineConfig({
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  // Generous: CI machines have two cores shared by Chromium, the server and two workers.
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
    // Specs that run one after another against their own HQ process (one HQ port) make the longest chain
    // of the run, and wait mostly on HQ restarts and fault delays: listed first, so a worker starts on
    // them at once while the other works through the rest (issue 17: CI time).
    // Every spec that starts an HQ (on E2E_PORT + 1: this one, and console.spec.ts in `browser`) holds the
    // lock HQ_PORT_LOCK (tests/e2e/hq.ts), so two never run at once, in any project; the worker that
    // finishes this chain takes the console spec next, the other goes on with the rest.
    { name: 'hq-faults', testDir: 'tests/e2e', testMatch: HQ_FAULT_SPECS },
    { name: 'browser', testDir: 'tests/e2e', testIgnore: HQ_FAULT_SPECS },
    // The desktop app itself; skipped, with the reason, where no Electron binary can be installed.
    { name: 'electron', testDir: 'tests/electron' },
  ],
  webServer: {
    command: `npx vite preview --port ${E2E_PORT} --strictPort`,
    url: `http://127.0.0.1:${E2E_PORT}`,
    reuseExistingServer: !resultsDir,
    // The sync tests start their HQ on the next port (tests/e2e/hq.ts); the page's CSP must allow it.
    // The console spec runs its own HQ on the port after that, beside them (tests/e2e/hq.ts).
    env: { OTKLIK_HQ_URL: `http://127.0.0.1:${E2E_PORT + 1} http://127.0.0.1:${E2E_PORT + 2}` },
    timeout: 60_000,
  },
});

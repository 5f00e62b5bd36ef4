import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, testChromiumPath } from './tests/chromium.mjs';
import { printDocumentsToPdf } from './tests/documents-commands.ts';
import { PGLITE_NODE_FLAGS, TEST_HQ_ENV } from './tests/hq-node.ts';
import SlowFirstSequencer from './tests/sequencer.ts';

export default defineConfig({
  test: {
    // The long integration files first (tests/sequencer.ts; issue 17: CI time).
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        // Pure functions and Node code: one module graph per worker, not per file (isolate: false). Importing
        // every file's graph anew cost more CPU than its tests (issue 17 item 5: CI time); these tests keep
        // no state between files. The Electron main-process tests mock modules and stay isolated (below).
        test: {
          name: 'node',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/unit/renderer/**', 'tests/unit/electron/**'],
          environment: 'node',
          isolate: false,
          // A PIN hash (600 000 PBKDF2 rounds) took 3.8 s of vitest's 5 s in a loaded CI run.
          testTimeout: 20_000,
          benchmark: { include: ['bench/**/*.bench.ts'] },
        },
      },
      {
        // The main process and preload with a mocked Electron (vi.mock: the binary cannot run here), each file
        // in a module graph of its own so one file's mock never reaches another.
        test: {
          name: 'electron-main',
          include: ['tests/unit/electron/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // HQ against real databases: PGlite and a PostgreSQL server started by the global set-up. One module
        // graph per worker (isolate: false): importing HQ's graph anew for each of the 45 files cost 174 s of
        // the suite's 746 CPU-s; without it the suite takes 528 CPU-s and 311 s instead of 447 s, measured
        // alone on the two-core machine (issue 17 item 5). The files share no state but their pools, whose
        // dropped idle connections the harness ignores (tests/integration/harness.ts droppedIdleClient).
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          isolate: false,
          globalSetup: ['tests/integration/global-setup.ts'],
          // The workers run HQ on PGlite in-process: its WebAssembly compiled with Liftoff only, as in the
          // suite's HQ processes (PGLITE_NODE_FLAGS in tests/hq-node.ts says why, with the figures).
          execArgv: PGLITE_NODE_FLAGS,
          // And the tests' HQ settings (TEST_HQ_ENV): in the workers' environment, so the HQ processes they
          // start have them too.
          env: TEST_HQ_ENV,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Renderer code runs in the page, so its tests run in a real Chromium with real IndexedDB.
        test: {
          name: 'chromium',
          include: ['tests/unit/renderer/**/*.test.ts'],
          // vitest's 5 s is too short for a render with IndexedDB on the two-core CI machine beside the other
          // suites (the CI run of f203676 failed seven of them at a load of 17; alone each takes under a second).
          testTimeout: 20_000,
          hookTimeout: 30_000,
          // And expect.poll's 1 s default for a live query to land a render.
          expect: { poll: { timeout: 10_000 } },
          // One page for the files of a worker instead of a fresh one per file (CI time, issue 17): each test
          // opens its own uniquely named IndexedDB database and keeps no state between files.
          isolate: false,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: testChromiumPath(), args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
            // Issue 16: print documents to PDF, read the PDF's text and the QR code (Node side).
            commands: { printDocumentsToPdf },
          },
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath } from './tests/chromium.mjs';
import { printDocumentsToPdf } from './tests/documents-commands';
import SlowFirstSequencer from './tests/sequencer';

export default defineConfig({
  test: {
    // The long integration files first (tests/sequencer.ts; issue 17: CI time).
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        test: {
          name: 'node',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/unit/renderer/**'],
          environment: 'node',
          benchmark: { include: ['bench/**/*.bench.ts'] },
        },
      },
      {
        // HQ against real databases: PGlite and a PostgreSQL server started by the global set-up.
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Renderer code runs in the page, so its tests run in a real Chromium with real IndexedDB.
        test: {
          name: 'chromium',
          include: ['tests/unit/renderer/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: chromiumPath(), args: chromiumArgs } }),
            instances: [{ browser: 'chromium' }],
            // Issue 16: print documents to PDF, read the PDF's text and the QR code (Node side).
            commands: { printDocumentsToPdf },
          },
        },
      },
    ],
  },
});

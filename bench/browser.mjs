import { chromium } from '@playwright/test';
import { ensureChromium } from '../scripts/setup.mjs';
import { CHROMIUM_PACKAGE, chromiumArgs, chromiumPath } from '../tests/chromium.mjs';

// The browser of the benchmarks that run the app (run.mjs, sync.mjs): the whole Chromium, installed when
// it is missing (npm test installs only the tests' headless shell).

/**
 * Every bench's browser has its profile on disk, as on a branch PC. An incognito context keeps IndexedDB in memory,
 * which Chromium 150 writes about six times slower: 10 000 complaints seeded in 49 s against 8 s, and
 * 100 000 had not been seeded after 12 minutes.
 */
export function diskBrowser() {
  ensureChromium(chromiumPath(), CHROMIUM_PACKAGE, 'the benchmarks');
  // An empty folder name: Playwright makes a temporary profile and removes it when the browser closes.
  return chromium.launchPersistentContext('', { executablePath: chromiumPath(), args: chromiumArgs });
}

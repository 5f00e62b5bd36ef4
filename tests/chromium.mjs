// @ts-check
/**
 * Debian's Chromium builds are the browsers of every browser test and benchmark (Playwright cannot download
 * its own here). One list of flags for vitest, Playwright, the benchmarks and the set-up script.
 * OTKLIK_CHROMIUM overrides the path of both on machines that keep a Chromium elsewhere.
 */

/** The benchmarks' browser: the whole Chromium, as a branch PC runs the app (Electron is the whole of it too). */
export function chromiumPath() {
  return process.env.OTKLIK_CHROMIUM ?? '/usr/bin/chromium';
}

/**
 * The tests' browser: Chromium's headless shell (Debian's `chromium-headless-shell`). The same Blink, V8,
 * IndexedDB and service workers as the whole browser, without its windowing and display compositor, which
 * headless Chromium runs in software for every frame. Issue 17 (CI time), the Playwright suite alone on two
 * cores, the machine's CPU: as `npm test` runs it (no traces) 217 s and 323 CPU-s with it, against 239 s and
 * 382 CPU-s with `/usr/bin/chromium`; recording traces (`npx playwright test`) 270 s and 436 CPU-s against
 * 356 s and 643 CPU-s.
 */
export function testChromiumPath() {
  return process.env.OTKLIK_CHROMIUM ?? '/usr/bin/chromium-headless-shell';
}

/** The Debian package that provides testChromiumPath(). */
export const TEST_CHROMIUM_PACKAGE = 'chromium-headless-shell';

/** Without the background-networking flags Chromium keeps dialling out into this machine's closed network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // A fake camera (test pattern) for feedback-book capture, granted without a prompt.
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

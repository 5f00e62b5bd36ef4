// @ts-check
/**
 * Debian's Chromium builds are the browsers of every browser test and benchmark (Playwright cannot download
 * its own here). One list of flags for vitest and the benchmarks (chromiumArgs), and that list with V8's
 * optimising compilers off for the Playwright specs (e2eChromiumArgs).
 * OTKLIK_CHROMIUM overrides the path of both on machines that keep a Chromium elsewhere; OTKLIK_TEST_CHROMIUM
 * the tests' alone.
 */

/** The benchmarks' browser: the whole Chromium, as a branch PC runs the app (Electron is the whole of it too). */
export function chromiumPath() {
  return process.env.OTKLIK_CHROMIUM ?? '/usr/bin/chromium';
}

/** The Debian package that provides chromiumPath(). */
export const CHROMIUM_PACKAGE = 'chromium';

/**
 * The tests' browser: Chromium's headless shell, the same Blink, V8, IndexedDB and service workers without the
 * whole browser's display compositor, which headless Chromium runs in software for every frame (issue 17: CI
 * time; figures in the README, "Tests").
 */
export function testChromiumPath() {
  return (
    process.env.OTKLIK_TEST_CHROMIUM ?? process.env.OTKLIK_CHROMIUM ?? '/usr/bin/chromium-headless-shell'
  );
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

/**
 * The end-to-end specs' flags: those above, and V8 without its optimising compilers (Maglev, TurboFan). A
 * spec's page lives for seconds, and most of what V8 optimises there it never runs often enough to repay;
 * the same JavaScript runs, only compiled differently. Measured on the two-core machine, traces off,
 * alternating, two runs each (issue 17 item 5: CI time): the `browser` project took 92.0 and 92.5 machine
 * CPU-s without, 88.1 and 85.5 with; the `hq` project 182.4 and 191.2 without, 182.6 and 179.5 with.
 * vitest's page keeps the defaults: it runs every renderer test file of its worker (isolate: false), long
 * enough for optimised code to pay (33.6 and 35.4 CPU-s with the defaults, 34.2 and 35.9 without the
 * compilers). So do the benchmarks and the desktop app.
 */
export const e2eChromiumArgs = [...chromiumArgs, '--js-flags=--no-opt --no-maglev'];

// @ts-check
/**
 * Debian's Chromium is the browser for every browser test and benchmark (Playwright cannot download its own
 * here). One list of flags for vitest, Playwright, the benchmarks and the set-up script.
 * OTKLIK_CHROMIUM overrides the path on machines that keep it elsewhere.
 */
export function chromiumPath() {
  return process.env.OTKLIK_CHROMIUM ?? '/usr/bin/chromium';
}

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

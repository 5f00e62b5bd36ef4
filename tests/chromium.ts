/**
 * Debian's Chromium is the browser for every browser test (Playwright cannot download its own here).
 * OTKLIK_CHROMIUM overrides the path on machines that keep it elsewhere.
 */
export function chromiumPath(): string {
  return process.env.OTKLIK_CHROMIUM ?? '/usr/bin/chromium';
}

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

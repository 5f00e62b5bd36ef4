// CI (.ci/run) installs Chromium's headless shell and PostgreSQL with apt-get beside npm ci, and no longer
// waits for it before `npm test`: the steps that need neither start at once, the others wait for the file
// .ci/run writes when apt-get ends (OTKLIK_SYSTEM_PACKAGES_PENDING): "<exit status> <seconds>".
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits for apt-get's file; answers whether it installed everything, and how long it took. A file that
 * cannot be read as "<status> <seconds>" counts as a failure.
 */
export async function waitForSystemPackages(file, pollMs = 250) {
  while (!existsSync(file)) await sleep(pollMs);
  // The file is written in one go; read it again once if it was caught empty.
  let text = readFileSync(file, 'utf8').trim();
  if (text === '') {
    await sleep(pollMs);
    text = readFileSync(file, 'utf8').trim();
  }
  const match = /^(\d+) (\d+(?:\.\d+)?)$/.exec(text);
  if (!match) return { ok: false, status: undefined, seconds: undefined };
  return { ok: match[1] === '0', status: Number(match[1]), seconds: Number(match[2]) };
}

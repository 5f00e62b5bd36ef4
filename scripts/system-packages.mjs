// CI (.ci/run) installs Chromium's headless shell and PostgreSQL with apt-get beside npm ci, and no longer
// waits for it before `npm test`: the steps that need neither start at once, the others wait for the file
// .ci/run writes when apt-get ends (OTKLIK_SYSTEM_PACKAGES_PENDING): "<exit status> <seconds>".
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Whether process `pid` still runs (it may belong to another user: EPERM says it exists). */
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

/**
 * Waits for apt-get's file; answers whether it installed everything, and how long it took. A file that
 * cannot be read as "<status> <seconds>" counts as a failure, and so does the installing process `pid`
 * (.ci/run's subshell: OTKLIK_SYSTEM_PACKAGES_PID) ending without writing it, or no file after `limitMs`.
 */
export async function waitForSystemPackages(file, { pid, pollMs = 250, limitMs = 15 * 60_000 } = {}) {
  const started = Date.now();
  const failed = (why) => ({ ok: false, status: undefined, seconds: undefined, why });
  for (;;) {
    if (existsSync(file)) break;
    // Gone without a word (killed): one last look, in case the file came just before it ended.
    if (pid !== undefined && !alive(pid))
      if (existsSync(file)) break;
      else return failed('apt-get ended without saying how');
    if (Date.now() - started > limitMs) return failed(`apt-get had not ended after ${limitMs / 1000} s`);
    await sleep(pollMs);
  }
  const match = /^(\d+) (\d+(?:\.\d+)?)$/.exec(readFileSync(file, 'utf8').trim());
  if (!match) return failed("apt-get's status could not be read");
  return { ok: match[1] === '0', status: Number(match[1]), seconds: Number(match[2]) };
}

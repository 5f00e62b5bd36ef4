// `npm ci`, without asking the registry about every package first. `node scripts/install.mjs` (.ci/run), or
// installDependencies() (scripts/setup.mjs, for `npm start` and `npm test` on a fresh checkout).
//
// package-lock.json is kept without the `resolved` address of its registry packages (npm's
// `omit-lockfile-registry-resolved`, so no registry's host name is committed). Without one, `npm ci` fetches
// each package's metadata from the registry only to learn its tarball's address: 860 requests before the
// 860 tarballs. So, for the install only, the lock gets the addresses on the registry npm is configured
// with (scripts/lockfile-urls.mjs); npm still checks every tarball against the lock's integrity, and the
// lock is written back byte for byte, with its time, when npm ends, also after Ctrl+C. Should this process
// be killed outright in the middle, the copy kept beside it (LOCK_COPY, not committed) puts it back at the
// next install. On the two-core machine: 32.5 s of
// wall time and 48.5 CPU-s with the npm cache filled, 15.1–15.5 s and 24.5 with the addresses; with an
// empty cache 32.1 s and 48.8, 24.0 s and 38.4 (issue 17 item 5: CI time).
//
// Should npm fail with them (a registry that keeps its tarballs elsewhere), plain `npm ci` runs once more.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTarballUrls } from './lockfile-urls.mjs';

const NPM_CI = ['ci', '--no-audit', '--no-fund'];
/** The lock as committed, while the install runs with the addresses (in .gitignore). */
export const LOCK_COPY = '.package-lock.install-copy.json';

/** Installs the lock's packages into `root`'s node_modules; answers npm's exit status. */
export async function installDependencies({ root, env = process.env, stdio = 'inherit', log = console.log }) {
  const lockPath = join(root, 'package-lock.json');
  const copyPath = join(root, LOCK_COPY);
  // Left by an install that was killed: the lock as it was, with its time.
  if (existsSync(copyPath)) {
    log('[install] package-lock.json put back as it was before an install that was stopped');
    restore(copyPath, lockPath);
  }
  const original = readFileSync(lockPath);
  const { atimeMs, mtimeMs } = statSync(lockPath);
  const config = npmConfig(root, env);
  const { lock, added } = config
    ? withTarballUrls(JSON.parse(original.toString('utf8')), config)
    : { lock: undefined, added: 0 };
  if (added === 0) return npmCi(root, env, stdio);

  // Ctrl+C reaches npm too (the terminal signals the whole group): it stops, the lock is put back, and
  // then this process ends by the same signal. Without a listener, Node would end at once, lock unrestored.
  // A signal sent to this process alone (not the group) is passed on to npm.
  let signal;
  let npm;
  const note = (s) => {
    signal = s;
    npm?.kill(s);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, note);
  let status;
  try {
    writeFileSync(copyPath, original);
    utimesSync(copyPath, atimeMs / 1000, mtimeMs / 1000);
    writeFileSync(lockPath, JSON.stringify(lock));
    status = await npmCi(root, env, stdio, (child) => (npm = child));
  } finally {
    // Its time too: scripts/setup.mjs installs again when the lock is newer than npm's copy of it.
    restore(copyPath, lockPath);
    for (const s of signals) process.off(s, note);
  }
  if (signal) {
    process.kill(process.pid, signal);
    return 128;
  }
  if (status === 0) return 0;
  log(`[install] npm ci with the registry's tarball addresses failed (${status}); once more without them`);
  return npmCi(root, env, stdio);
}

/** The lock from the copy, bytes and time; the copy goes. */
function restore(copyPath, lockPath) {
  const { atimeMs, mtimeMs } = statSync(copyPath);
  writeFileSync(lockPath, readFileSync(copyPath));
  utimesSync(lockPath, atimeMs / 1000, mtimeMs / 1000);
  rmSync(copyPath);
}

function npmCi(root, env, stdio, started = () => {}) {
  return new Promise((resolve) => {
    const child = spawn('npm', NPM_CI, { cwd: root, env, stdio });
    started(child);
    child.once('error', () => resolve(1));
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** npm's settings for `root` (its registries), or undefined when npm cannot tell. */
function npmConfig(root, env) {
  const r = spawnSync('npm', ['config', 'list', '--json'], { cwd: root, env, encoding: 'utf8' });
  try {
    const config = JSON.parse(r.stdout);
    return typeof config.registry === 'string' ? config : undefined;
  } catch {
    return undefined;
  }
}

// Run as a script (.ci/run), also from a checkout reached through a symbolic link.
if (process.argv[1] && realpathSync(process.argv[1]) === import.meta.filename) {
  process.exitCode = await installDependencies({ root: join(import.meta.dirname, '..') });
}

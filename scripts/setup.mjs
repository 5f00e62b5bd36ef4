// Set-up shared by `npm start` and `npm test`: each does whatever a fresh machine still lacks.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { installDependencies } from './install.mjs';
import { TEST_CHROMIUM_PACKAGE, testChromiumPath } from '../tests/chromium.mjs';
import { postgresBin } from '../tests/postgres.mjs';
export { electronBinary } from '../tests/electron-binary.mjs';

export const root = join(import.meta.dirname, '..');

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function say(message) {
  console.log(`\n[otklik] ${message}`);
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Otklik needs Node.js 20.19 or newer; this is ${process.version}.`);
    process.exit(1);
  }
}

/**
 * `npm ci` when node_modules is missing or older than package-lock.json (npm keeps its own copy of the
 * lock in node_modules/.package-lock.json, written on every install).
 */
export async function ensureDependencies() {
  checkNode();
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (
    existsSync(installed) &&
    statSync(installed).mtimeMs >= statSync(join(root, 'package-lock.json')).mtimeMs
  )
    return;
  say('Installing dependencies (npm ci)…');
  if ((await installDependencies({ root })) !== 0) {
    console.error('npm ci failed; see the messages above.');
    process.exit(1);
  }
}

function apt(...args) {
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo'];
  return run(asRoot[0] ?? 'apt-get', [...(asRoot.length ? ['apt-get'] : []), ...args], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** Only what the package needs, as .ci/run installs it (Chromium's recommendations pull in GTK). */
const aptInstall = (debianPackage) => apt('install', '-y', '--no-install-recommends', debianPackage);

/**
 * A Debian Chromium build, installed with apt-get when it is missing (Playwright cannot download a browser
 * here): by default the tests' headless shell; the benchmarks ask for the whole browser (tests/chromium.mjs).
 */
export function ensureChromium(
  path = testChromiumPath(),
  debianPackage = TEST_CHROMIUM_PACKAGE,
  neededBy = 'the browser tests',
) {
  if (existsSync(path)) return;
  if (existsSync('/usr/bin/apt-get')) {
    say(`Installing ${debianPackage} for ${neededBy} (apt-get install ${debianPackage})…`);
    if (apt('update') === 0 && aptInstall(debianPackage) === 0 && existsSync(path)) return;
  }
  console.error(
    `${debianPackage} is needed at ${path} for ${neededBy}. Install it (Debian: apt-get install ` +
      `${debianPackage}) or set OTKLIK_CHROMIUM to the path of a Chromium.`,
  );
  process.exit(1);
}

/**
 * The HQ integration tests and the benchmark run against a real PostgreSQL server (a private cluster they
 * start themselves, tests/postgres.mjs); Debian's package provides the binaries.
 */
export function ensurePostgres() {
  if (postgresBin()) return;
  if (existsSync('/usr/bin/apt-get')) {
    say('Installing PostgreSQL for the HQ tests (apt-get install postgresql)…');
    if (apt('update') === 0 && aptInstall('postgresql') === 0 && postgresBin()) return;
  }
  console.error(
    'PostgreSQL server binaries are needed for the HQ tests (Debian: apt-get install postgresql), or set ' +
      'OTKLIK_TEST_DATABASE_URL to a server the tests may create databases on.',
  );
  process.exit(1);
}

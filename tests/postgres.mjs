// @ts-check
/**
 * A private PostgreSQL 15 cluster on loopback for the integration tests and the benchmark: Debian's server
 * binaries, a throw-away data directory, a free port, trust auth for local connections only. Started in
 * about a second; `stop()` removes it. OTKLIK_TEST_DATABASE_URL points the tests at an existing server instead.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian installs each major under /usr/lib/postgresql/<major>/bin; the newest one is used. */
export function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const majors = readdirSync(base)
    .filter((d) => existsSync(join(base, d, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? join(base, majors[0], 'bin') : null;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A private PostgreSQL server. The tests run it with fsync off (what a crash of the machine would lose, they
 * do not test); the benchmarks with `{ durable: true }`, as production runs: every commit synced to disk
 * before HQ answers (R22, R23).
 * @param {{ durable?: boolean }} [options]
 * @returns {Promise<{ url: string, stop: () => void, restart: () => void }>}
 */
export async function startPostgres({ durable = false } = {}) {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found (Debian: apt-get install postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'otklik-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  // initdb and the server refuse to run as root: run them as the "postgres" user Debian's package creates.
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const run = (/** @type {string[]} */ args) => {
    const [cmd, ...rest] = [...asUser, ...args];
    const result = spawnSync(/** @type {string} */ (cmd), rest, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  };
  run([join(bin, 'initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '-N']);
  const port = await freePort();
  const start = () =>
    run([
      join(bin, 'pg_ctl'),
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-o',
      `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=${durable ? 'on' : 'off'} -c max_connections=300`,
      '-w',
      'start',
    ]);
  start();
  let stopped = false;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    /** A crash and a start again on the same data (issue 20, chaos runs): every connection is cut. */
    restart() {
      run([join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
      start();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        const [cmd, ...rest] = [...asUser, join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'];
        spawnSync(/** @type {string} */ (cmd), rest, { stdio: 'ignore' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A hot standby of a cluster `startPostgres` started (issue 17: console reads from a replica): a base
 * backup taken over streaming replication (`pg_basebackup -R`), started read-only on its own port, and
 * replaying the primary's changes as they come.
 * @param {string} primaryUrl
 * @returns {Promise<{ url: string, stop: () => void }>}
 */
export async function startStandby(primaryUrl) {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found (Debian: apt-get install postgresql)');
  const primary = new URL(primaryUrl);
  const dir = mkdtempSync(join(tmpdir(), 'otklik-pg-standby-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const run = (/** @type {string[]} */ args) => {
    const [cmd, ...rest] = [...asUser, ...args];
    const result = spawnSync(/** @type {string} */ (cmd), rest, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  };
  run([
    join(bin, 'pg_basebackup'),
    '-h',
    primary.hostname,
    '-p',
    primary.port,
    '-U',
    primary.username || 'postgres',
    '-D',
    data,
    '-R',
    '-X',
    'stream',
  ]);
  const port = await freePort();
  run([
    join(bin, 'pg_ctl'),
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-o',
    `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c hot_standby=on -c max_connections=300`,
    '-w',
    'start',
  ]);
  let stopped = false;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/${primary.pathname.slice(1) || 'postgres'}`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        const [cmd, ...rest] = [...asUser, join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'];
        spawnSync(/** @type {string} */ (cmd), rest, { stdio: 'ignore' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

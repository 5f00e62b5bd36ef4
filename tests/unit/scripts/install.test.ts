import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installDependencies, LOCK_COPY } from '../../../scripts/install.mjs';

// Issue 17 item 5 (CI time): the real npm installs a package from a registry of one package on 127.0.0.1.
// With the tarball's address in the lock for the install, it asks for nothing else; where the registry keeps
// its tarballs elsewhere, plain `npm ci` runs after, and finds them through the package's metadata. Either
// way, the lock is left byte for byte and with its time as it was.
const NAME = 'otklik-tiny';
const VERSION = '1.0.0';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'otklik-install-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The package's tarball, as `npm pack` makes it, and its integrity: made once for the file's tests. */
let packed: { bytes: Buffer; integrity: string } | undefined;
function tarball() {
  return (packed ??= pack());
}
function pack() {
  const dir = tempDir();
  const source = join(dir, 'source');
  mkdirSync(source);
  writeFileSync(
    join(source, 'package.json'),
    JSON.stringify({ name: NAME, version: VERSION, main: 'index.js' }),
  );
  writeFileSync(join(source, 'index.js'), 'module.exports = 42;\n');
  const [made] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: source, encoding: 'utf8' }),
  ) as [{ filename: string }];
  const bytes = readFileSync(join(dir, made.filename));
  return { bytes, integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}` };
}

/** A registry serving the package's metadata, and its tarball at the usual path or under /files/. */
async function registry(tarballPath: string) {
  const { bytes, integrity } = tarball();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url!);
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    if (req.url === tarballPath) return res.writeHead(200).end(bytes);
    if (req.url === `/${NAME}`)
      return res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          name: NAME,
          'dist-tags': { latest: VERSION },
          versions: {
            [VERSION]: { name: NAME, version: VERSION, dist: { tarball: origin + tarballPath, integrity } },
          },
        }),
      );
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, requests, integrity };
}

/** A project that depends on the package, its lock without addresses (as this repository's). */
function project(integrity: string, lockedVersion = VERSION) {
  const root = tempDir();
  const dependencies = { [NAME]: VERSION };
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', dependencies }));
  const lock = {
    name: 'p',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'p', version: '1.0.0', dependencies },
      [`node_modules/${NAME}`]: { version: lockedVersion, integrity },
    },
  };
  writeFileSync(join(root, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  const before = {
    bytes: readFileSync(join(root, 'package-lock.json')),
    mtime: statSync(join(root, 'package-lock.json')).mtimeMs,
  };
  return {
    root,
    lockUnchanged: () =>
      readFileSync(join(root, 'package-lock.json')).equals(before.bytes) &&
      // Its time to the millisecond (utimes takes seconds as a double; a rewrite would make it now).
      Math.abs(statSync(join(root, 'package-lock.json')).mtimeMs - before.mtime) < 1,
    installed: () => {
      try {
        return JSON.parse(readFileSync(join(root, 'node_modules', NAME, 'package.json'), 'utf8')).version;
      } catch {
        return undefined;
      }
    },
  };
}

/** npm's settings from the environment: only the test's own (`npm test` passes on its own project's). */
const withoutNpm = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const install = (root: string, registryUrl: string, log: string[] = []) =>
  installDependencies({
    root,
    env: {
      ...withoutNpm,
      npm_config_registry: registryUrl,
      npm_config_cache: tempDir(),
      npm_config_update_notifier: 'false',
    },
    stdio: 'ignore',
    log: (line) => log.push(line),
  });

describe('installDependencies', () => {
  it('fetches the tarball straight from its address on the configured registry, nothing else', async () => {
    const reg = await registry(`/${NAME}/-/${NAME}-${VERSION}.tgz`);
    const p = project(reg.integrity);
    expect(await install(p.root, reg.url)).toBe(0);
    expect(p.installed()).toBe(VERSION);
    expect(reg.requests).toEqual([`/${NAME}/-/${NAME}-${VERSION}.tgz`]);
    expect(p.lockUnchanged()).toBe(true);
  });

  it('installs again without the addresses when the registry keeps its tarballs elsewhere', async () => {
    const reg = await registry(`/files/${NAME}-${VERSION}.tgz`);
    const p = project(reg.integrity);
    const log: string[] = [];
    expect(await install(p.root, reg.url, log)).toBe(0);
    expect(p.installed()).toBe(VERSION);
    expect(reg.requests).toContain(`/${NAME}/-/${NAME}-${VERSION}.tgz`);
    expect(reg.requests).toContain(`/${NAME}`);
    expect(reg.requests.at(-1)).toBe(`/files/${NAME}-${VERSION}.tgz`);
    expect(log).toEqual([expect.stringContaining('once more without them')]);
    expect(p.lockUnchanged()).toBe(true);
  });

  it('puts the lock back first when an install before it was killed with the addresses in it', async () => {
    const reg = await registry(`/${NAME}/-/${NAME}-${VERSION}.tgz`);
    const p = project(reg.integrity);
    const lockPath = join(p.root, 'package-lock.json');
    // What a killed install leaves: its copy of the lock (with the lock's time), and the lock with addresses.
    const { atime, mtime } = statSync(lockPath);
    writeFileSync(join(p.root, LOCK_COPY), readFileSync(lockPath));
    utimesSync(join(p.root, LOCK_COPY), atime, mtime);
    writeFileSync(
      lockPath,
      readFileSync(lockPath, 'utf8').replace('"integrity"', '"resolved": "x", "integrity"'),
    );
    const log: string[] = [];
    expect(await install(p.root, reg.url, log)).toBe(0);
    expect(log).toEqual([expect.stringContaining('put back as it was')]);
    expect(p.installed()).toBe(VERSION);
    expect(reg.requests).toEqual([`/${NAME}/-/${NAME}-${VERSION}.tgz`]);
    expect(p.lockUnchanged()).toBe(true);
    expect(existsSync(join(p.root, LOCK_COPY))).toBe(false);
  });

  it("answers npm's failure, the lock put back as it was", async () => {
    const reg = await registry(`/${NAME}/-/${NAME}-${VERSION}.tgz`);
    // The lock names a version package.json does not allow: npm ci refuses it.
    const p = project(reg.integrity, '2.0.0');
    expect(await install(p.root, reg.url)).not.toBe(0);
    expect(p.installed()).toBeUndefined();
    expect(p.lockUnchanged()).toBe(true);
    expect(existsSync(join(p.root, LOCK_COPY))).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registryFor, withTarballUrls, type LockEntry } from '../../../scripts/lockfile-urls.mjs';

// Issue 17 item 5 (CI time): the install gives the lock's registry packages their tarball addresses on the
// registry npm is configured with, so `npm ci` does not ask for each package's metadata first.
const config = { registry: 'http://registry.test/npm', '@corp:registry': 'http://corp.test/' };
const integrity = 'sha512-AAAA';

describe('registryFor', () => {
  it.each([
    ['a package without a scope', 'left-pad', 'http://registry.test/npm/'],
    ['a scope without a registry of its own', '@types/node', 'http://registry.test/npm/'],
    ['a scope with one (`@corp:registry`)', '@corp/ui', 'http://corp.test/'],
  ])('%s', (_what, name, registry) => {
    expect(registryFor(name, config)).toBe(registry);
  });
});

describe('withTarballUrls', () => {
  it.each<[string, string, LockEntry, string | undefined]>([
    [
      'a package',
      'node_modules/left-pad',
      { version: '1.3.0', integrity },
      'http://registry.test/npm/left-pad/-/left-pad-1.3.0.tgz',
    ],
    [
      'a scoped one',
      'node_modules/@types/node',
      { version: '20.19.0', integrity },
      'http://registry.test/npm/@types/node/-/node-20.19.0.tgz',
    ],
    [
      'one inside another',
      'node_modules/a/node_modules/@corp/ui',
      { version: '2.0.0', integrity },
      'http://corp.test/@corp/ui/-/ui-2.0.0.tgz',
    ],
    [
      'an alias: the package it names',
      'node_modules/typescript-native',
      { name: 'typescript', version: '7.0.2', integrity },
      'http://registry.test/npm/typescript/-/typescript-7.0.2.tgz',
    ],
    [
      'one with an address already',
      'node_modules/x',
      { version: '1.0.0', integrity, resolved: 'git+ssh://host/x.git#abc' },
      'git+ssh://host/x.git#abc',
    ],
    ['a link', 'node_modules/local', { resolved: 'packages/local', link: true }, 'packages/local'],
    [
      'inside a tarball (bundled)',
      'node_modules/a/node_modules/b',
      { version: '1.0.0', integrity, inBundle: true },
      undefined,
    ],
    ['no integrity (not from a registry)', 'node_modules/y', { version: '1.0.0' }, undefined],
  ])('%s', (_what, path, entry, resolved) => {
    const { lock } = withTarballUrls({ lockfileVersion: 3, packages: { [path]: entry } }, config);
    expect(lock.packages![path]).toEqual(resolved === undefined ? entry : { ...entry, resolved });
  });

  it('leaves the project and the rest of the lock as they are, and counts what it added', () => {
    const original = {
      name: 'p',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'p', version: '1.0.0', dependencies: { 'left-pad': '1.3.0' } },
        'node_modules/left-pad': { version: '1.3.0', integrity },
        'node_modules/local': { resolved: 'packages/local', link: true },
      },
    };
    const copy = structuredClone(original);
    const { lock, added } = withTarballUrls(original, config);
    expect(added).toBe(1);
    expect(original).toEqual(copy);
    expect({ ...lock, packages: undefined }).toEqual({ ...original, packages: undefined });
    expect(lock.packages!['']).toEqual(original.packages['']);
  });
});

describe("this repository's package-lock.json", () => {
  it('keeps no registry address (scripts/install.mjs adds them for the install only)', () => {
    const lock = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../package-lock.json'), 'utf8'),
    ) as {
      packages: Record<string, LockEntry>;
    };
    const withAddress = Object.entries(lock.packages).filter(([, e]) => /^https?:/.test(e.resolved ?? ''));
    expect(withAddress).toEqual([]);
  });
});

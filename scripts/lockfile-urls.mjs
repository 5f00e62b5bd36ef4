// The tarball address of each registry package in package-lock.json, from the registry npm is configured
// with (scripts/install.mjs says why the lock is kept without them).

/** The registry npm fetches a package from: its scope's own (`@scope:registry`), else the default one. */
export function registryFor(name, config) {
  const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined;
  const registry = (scope && config[`${scope}:registry`]) || config.registry;
  return registry.endsWith('/') ? registry : `${registry}/`;
}

/**
 * A copy of the lock whose registry packages have a `resolved` address: the registry's tarball of that
 * name and version (`<registry><name>/-/<name without scope>-<version>.tgz`, the layout of npm's registry
 * and of the servers that mirror it). An alias (`"x": "npm:y@1.0.0"`) is the package it names. Left as they
 * are: the project itself, links, packages inside another package's tarball, and any package with an
 * address or without an integrity (git, a file, a URL), whose `version` is no registry version.
 */
export function withTarballUrls(lock, config) {
  let added = 0;
  const packages = {};
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    const fromRegistry =
      path !== '' && !entry.link && !entry.inBundle && !entry.resolved && entry.integrity && entry.version;
    if (!fromRegistry) {
      packages[path] = entry;
      continue;
    }
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const file = `${name.slice(name.lastIndexOf('/') + 1)}-${entry.version}.tgz`;
    packages[path] = { ...entry, resolved: `${registryFor(name, config)}${name}/-/${file}` };
    added++;
  }
  return { lock: { ...lock, packages }, added };
}

// @ts-check
/// <reference lib="webworker" />
/**
 * Offline shell for the browser-served app (the Electron app loads from app:// and does not use this).
 * Install caches the page and the assets it references; navigations go to the network first and fall back
 * to the cached page, so a reload with no link still opens the app and its local data.
 */
const CACHE = 'otklik-shell-v2';
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

/** Vite's build names its assets by their content: a name the cache holds is already the right bytes. */
const hashed = (/** @type {string} */ path) => path.startsWith('./assets/');

/**
 * The page and every same-origin script, style, worker and icon of the build. Run at install and after
 * every navigation online, so it fetches only what the cache lacks (a new build's assets, and the few
 * files without a hash in their name), stores the page last (it never names a file the cache lacks) and
 * drops what the build no longer lists. It fetched the whole shell, 18 files and 3.6 MB, on every
 * reload before (issue 17).
 */
async function cacheShell() {
  const cache = await caches.open(CACHE);
  const response = await fetch('./', { cache: 'no-store' });
  if (!response.ok) return;
  const html = await response.clone().text();
  const linked = [...html.matchAll(/(?:src|href)="(\.\/[^"]+)"/g)].map((m) => m[1]);
  // Files the page loads later (the image worker): listed by the build (vite.config.ts shellFileList).
  const listed = await fetch('./shell-files.json', { cache: 'no-store' })
    .then((r) => (r.ok ? r.json() : []))
    .catch(() => []);
  const files = [...new Set([...linked, ...listed])];
  const held = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  const pathOf = (/** @type {string} */ file) => new URL(file, sw.registration.scope).pathname;
  await cache.addAll(files.filter((f) => !hashed(f) || !held.has(pathOf(f))));
  await cache.put('./', response);
  const wanted = new Set(['./', ...files].map(pathOf));
  await Promise.all(
    [...held].filter((path) => !wanted.has(path)).map((path) => cache.delete(path, { ignoreVary: true })),
  );
}

sw.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== sw.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          // A newer build was deployed: refresh the cached shell in the background.
          if (response.ok) event.waitUntil(cacheShell().catch(() => undefined));
          return response;
        })
        .catch(async () => (await caches.match('./', { ignoreVary: true })) ?? Response.error()),
    );
    return;
  }
  // ignoreVary: a static server may answer "Vary: Origin", and module scripts are requested with an Origin header.
  event.respondWith(caches.match(request, { ignoreVary: true }).then((hit) => hit ?? fetch(request)));
});

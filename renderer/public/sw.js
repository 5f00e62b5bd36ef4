// @ts-check
/// <reference lib="webworker" />
/**
 * Offline shell for the browser-served app (the Electron app loads from app:// and does not use this).
 * Install caches the page and the assets it references; navigations go to the network first and fall back
 * to the cached page, so a reload with no link still opens the app and its local data.
 */
const CACHE = 'otklik-shell-v2';
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

/** The page and every same-origin script, style, worker and icon of the build. */
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
  await cache.put('./', response);
  await cache.addAll([...new Set([...linked, ...listed])]);
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

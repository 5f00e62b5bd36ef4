// @ts-check
/// <reference lib="webworker" />
/**
 * Offline shell for the browser-served app (the Electron app loads from app:// and does not use this).
 * Install caches the page and the assets it references; navigations go to the network first and fall back
 * to the cached page, so a reload with no link still opens the app and its local data.
 */
const CACHE = 'otklik-shell-v2';
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

/** The page and every same-origin script, style and icon it links to, and the workers its scripts start. */
async function cacheShell() {
  const cache = await caches.open(CACHE);
  const response = await fetch('./', { cache: 'no-store' });
  if (!response.ok) return;
  const html = await response.clone().text();
  const assets = [...html.matchAll(/(?:src|href)="(\.\/[^"]+)"/g)].map((m) => m[1] ?? '');
  await cache.put('./', response);
  await cache.addAll(assets);
  // The sync worker is started by the app script (new Worker(new URL('…', import.meta.url))).
  for (const script of assets.filter((a) => a.endsWith('.js'))) {
    const hit = await cache.match(script);
    const code = hit ? await hit.text() : '';
    const base = new URL(script, sw.location.href);
    const workers = [...code.matchAll(/new URL\([`'"]([^`'"]+\.js)[`'"],\s*import\.meta\.url\)/g)].map(
      (m) => new URL(m[1] ?? '', base).href,
    );
    if (workers.length > 0) await cache.addAll(workers);
  }
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

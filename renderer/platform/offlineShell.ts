/**
 * In a plain browser, a service worker keeps the app loadable with no link (see public/sw.js). Electron
 * serves the app from disk over app:// and needs none.
 */
export function registerOfflineShell(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
  navigator.serviceWorker.register('./sw.js').catch((err: unknown) => {
    console.warn('Offline shell not installed; the app will need the server to reload', err);
  });
}

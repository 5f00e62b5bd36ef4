import { requestSync } from './channel';

/**
 * Starts this window's sync worker and forwards the browser's hints to it: the link came back, the window
 * got focus. (Timers, backoff and the watchdog run in the worker.)
 */
export function startSync(): void {
  if (typeof Worker === 'undefined' || !('locks' in navigator)) return;
  const worker = new Worker(new URL('./sync.worker.ts', import.meta.url), {
    type: 'module',
    name: 'otklik-sync',
  });
  worker.addEventListener('error', (e) => console.warn('Sync worker failed to start', e.message));
  window.addEventListener('online', () => requestSync('online'));
  window.addEventListener('focus', () => requestSync('focus'));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') requestSync('focus');
  });
}

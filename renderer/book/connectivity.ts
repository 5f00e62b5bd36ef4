import { useSyncExternalStore } from 'react';

/**
 * Since when this PC has been without a network link (R7: "connectivity lost for long" puts an entry at
 * risk). Kept in localStorage, so a restart while offline does not reset the clock.
 */
const KEY = 'otklik.offlineSince';

function read(): number | null {
  if (navigator.onLine) return null;
  const stored = Number(localStorage.getItem(KEY));
  if (Number.isFinite(stored) && stored > 0) return stored;
  const now = Date.now();
  try {
    localStorage.setItem(KEY, String(now));
  } catch {
    // Storage blocked: the clock starts now, every time.
  }
  return now;
}

function update(): void {
  try {
    if (navigator.onLine) localStorage.removeItem(KEY);
    else if (!localStorage.getItem(KEY)) localStorage.setItem(KEY, String(Date.now()));
  } catch {
    // Nothing to keep.
  }
}

function subscribe(onChange: () => void): () => void {
  const handler = () => {
    update();
    onChange();
  };
  window.addEventListener('online', handler);
  window.addEventListener('offline', handler);
  return () => {
    window.removeEventListener('online', handler);
    window.removeEventListener('offline', handler);
  };
}

/** Milliseconds since the epoch when the link went down, or null while online. */
export function useOfflineSince(): number | null {
  return useSyncExternalStore(subscribe, read);
}

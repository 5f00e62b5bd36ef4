import { useSyncExternalStore } from 'react';
import { hqReach, unreachableSince, type HqReach } from '../../shared/book/risk';
import { useHqLink, useSyncStatus } from '../sync/hooks';

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

/** Milliseconds since the epoch when the network link went down, or null while online. */
function useNetworkOfflineSince(): number | null {
  return useSyncExternalStore(subscribe, read);
}

/**
 * Since when nothing has reached HQ: the network is down, or it is up but HQ keeps failing (down, refusing,
 * unreachable) — counted from the last successful sync. Null while the link to HQ works.
 */
function useOfflineSince(): number | null {
  const network = useNetworkOfflineSince();
  const status = useSyncStatus();
  return unreachableSince(
    network,
    status && {
      failures: status.failures,
      lastSuccessAt: status.lastSuccessAt,
      lastErrorAt: status.lastError?.at,
    },
  );
}

/**
 * The way to HQ as the at-risk rule sees it (R7): a workstation never connected to HQ is "not connected",
 * whatever the network says — its entries can leave only by the fallback e-mail.
 */
export function useHqReach(): HqReach {
  const unreachable = useOfflineSince();
  const link = useHqLink();
  return hqReach(link === undefined ? undefined : link !== null, unreachable);
}

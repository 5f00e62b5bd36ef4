export type PersistResult = 'granted' | 'denied' | 'unsupported';

/**
 * Asks the browser not to evict our IndexedDB under storage pressure. Electron grants it; a plain
 * browser decides by its own heuristics, and may refuse.
 */
export async function requestPersistentStorage(): Promise<PersistResult> {
  const storage = navigator.storage;
  if (!storage?.persist || !storage.persisted) return 'unsupported';
  try {
    if (await storage.persisted()) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}

/**
 * Whether a failed write means that the disk — or the browser's quota for this app — is full (R22, issue
 * 13). IndexedDB says so as a `QuotaExceededError`; Dexie passes it on as its own error of that name, or
 * as the `AbortError` of the transaction the failed write aborted, with the quota error inside (`inner`),
 * or inside a bulk write's failures.
 */
export function isStorageFull(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as {
    name?: unknown;
    message?: unknown;
    inner?: unknown;
    cause?: unknown;
    failures?: unknown;
  };
  if (e.name === 'QuotaExceededError') return true;
  if (e.name === 'AbortError' && typeof e.message === 'string' && /QuotaExceeded/.test(e.message))
    return true;
  if (Array.isArray(e.failures) && e.failures.some((f) => isStorageFull(f, depth + 1))) return true;
  if (
    e.failures &&
    typeof e.failures === 'object' &&
    Object.values(e.failures).some((f) => isStorageFull(f, depth + 1))
  )
    return true;
  return isStorageFull(e.inner, depth + 1) || isStorageFull(e.cause, depth + 1);
}

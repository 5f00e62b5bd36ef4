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

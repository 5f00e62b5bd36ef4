/**
 * One-shot hand-over between pages (e.g. "just registered" for the detail page, a preset channel for the
 * form). Read once, then gone; never persisted.
 */
const slots = new Map<string, unknown>();

export function setFlash(key: string, value: unknown): void {
  slots.set(key, value);
}

export function takeFlash<T>(key: string): T | undefined {
  const value = slots.get(key) as T | undefined;
  slots.delete(key);
  return value;
}

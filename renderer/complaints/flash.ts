/**
 * One-shot hand-over between pages: read once, then gone; never persisted. The New complaint form leaves
 * the id of the complaint it just registered for the detail page, which then says "registered" once.
 */
const slots = new Map<string, unknown>();

export const JUST_REGISTERED = 'complaint.justRegistered';

export function setFlash(key: string, value: unknown): void {
  slots.set(key, value);
}

export function takeFlash<T>(key: string): T | undefined {
  const value = slots.get(key) as T | undefined;
  slots.delete(key);
  return value;
}

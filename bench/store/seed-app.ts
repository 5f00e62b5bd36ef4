/**
 * Seeds the production build's own database (origin of `vite preview`) with a branch's years of complaints
 * and a configured workstation, for the "open the app" benchmark. bench/run.mjs bundles this file and runs
 * it in a page of that origin.
 */
import { OtklikDatabase } from '../../renderer/db/database';
import { withListKeys } from '../../renderer/db/listKeys';
import { benchSettings, syntheticComplaint } from './synthetic';

export async function seedApp(size: number, years: number): Promise<number> {
  const db = new OtklikDatabase();
  const now = Date.now();
  const stepMs = (years * 365 * 86_400_000) / size;
  await db.settings.put({ key: 'workstation', value: benchSettings });
  for (let from = 0; from < size; from += 5000) {
    const chunk = Array.from({ length: Math.min(5000, size - from) }, (_, k) =>
      withListKeys(syntheticComplaint(from + k, stepMs, now), benchSettings),
    );
    await db.complaints.bulkAdd(chunk);
  }
  const count = await db.complaints.count();
  db.close();
  return count;
}

declare global {
  interface Window {
    seedApp: typeof seedApp;
  }
}
window.seedApp = seedApp;

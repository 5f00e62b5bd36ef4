/**
 * Seeds the production build's own database (origin of `vite preview`) with a branch's years of complaints
 * and a configured workstation, for the "open the app" benchmark. bench/run.mjs bundles this file and runs
 * it in a page of that origin.
 */
import { OtklikDatabase } from '../../renderer/db/database';
import { withListKeys } from '../../renderer/db/listKeys';
import { SESSION_KEY } from '../../renderer/people/session';
import { completeFirstRun } from '../../renderer/settings/firstRun';
import { benchSettings, syntheticComplaint } from './synthetic';

/**
 * The workstation set up as its first run does (issue 14: its branch manager, who signs in), then the
 * complaints. Gives their count, the employee the bench signs in as and where the session is kept.
 */
export async function seedApp(
  size: number,
  years: number,
): Promise<{ count: number; employeeId: string; sessionKey: string }> {
  const db = new OtklikDatabase();
  const now = Date.now();
  const stepMs = (years * 365 * 86_400_000) / size;
  await completeFirstRun(db, benchSettings, [{ key: 'bench', name: 'Bench', role: 'branch_manager' }]);
  const employeeId = (await db.employees.toCollection().first())!.id;
  for (let from = 0; from < size; from += 5000) {
    const chunk = Array.from({ length: Math.min(5000, size - from) }, (_, k) =>
      withListKeys(syntheticComplaint(from + k, stepMs, now), benchSettings),
    );
    await db.complaints.bulkAdd(chunk);
  }
  const count = await db.complaints.count();
  db.close();
  return { count, employeeId, sessionKey: SESSION_KEY };
}

declare global {
  interface Window {
    seedApp: typeof seedApp;
  }
}
window.seedApp = seedApp;

/**
 * Store benchmark, run in Chromium by bench/run.mjs: real IndexedDB through the app's own Dexie code, with a
 * branch's years of data seeded first. It measures; it does not judge.
 */
import { Dexie } from 'dexie';
import { emptyComplaintInput, STATUSES } from '../../shared/complaints/model';
import { isOpenStatus } from '../../shared/lifecycle';
import { OtklikDatabase, SCHEMA_VERSIONS } from '../../renderer/db/database';
import { withListKeys } from '../../renderer/db/listKeys';
import { registerComplaint } from '../../renderer/complaints/actions';
import {
  cursorOf,
  listComplaintPages,
  listComplaints,
  urgencyCounts,
} from '../../renderer/complaints/queries';
import { benchSettings as settings, syntheticComplaint, time } from './synthetic';

/** Issue 14: who every action is attributed to. */
const signer = { id: '0190c3a0-0000-7000-8000-0000000000b1', name: 'Bench' };

/** Seeds `size` complaints over `years` as the given schema stores them (with list keys from version 3). */
async function seed(db: OtklikDatabase, size: number, years: number, listKeys: boolean): Promise<number> {
  const now = Date.now();
  const stepMs = (years * 365 * 86_400_000) / size;
  const start = performance.now();
  await db.settings.put({ key: 'workstation', value: settings });
  for (let from = 0; from < size; from += 5000) {
    const chunk = Array.from({ length: Math.min(5000, size - from) }, (_, k) => {
      const c = syntheticComplaint(from + k, stepMs, now);
      return listKeys ? withListKeys(c, settings) : c;
    });
    await db.table('complaints').bulkAdd(chunk);
  }
  return performance.now() - start;
}

export async function runStoreBench(size: number, years: number) {
  const name = `otklik-bench-${size}-${Date.now()}`;
  const db = new OtklikDatabase(name);
  const seedMs = await seed(db, size, years, true);

  const input = () => ({
    ...emptyComplaintInput('in_person', new Date()),
    description: 'Кассир не выдал чек и отказался принять возврат',
    customer: {
      name: 'Пётр Сидоров',
      phone: '+7 916 555-12-34',
      email: '',
      address: '',
      preferredContact: 'phone' as const,
    },
    consent: true,
  });
  const filter = {
    query: '',
    status: '' as const,
    channel: '' as const,
    register: 'customers' as const,
    limit: 50,
  };
  // The last row of the 19th page, as the list keeps it when the 20th is asked for.
  const shown = await listComplaintPages(db, { ...filter, limit: 950 }, []);
  const after = cursorOf(shown.rows.at(-1)!);
  const openStatuses = STATUSES.filter(isOpenStatus);
  const results = {
    size,
    seedSeconds: seedMs / 1000,
    register: await time(30, () =>
      registerComplaint(db, input(), settings, signer, new Date(), { acknowledged: true }),
    ),
    firstPage: await time(30, () => listComplaints(db, filter)),
    page20: await time(30, () => listComplaints(db, { ...filter, after })),
    statusPage: await time(30, () => listComplaints(db, { ...filter, status: 'in_review' })),
    statusChannelPage: await time(30, () =>
      listComplaints(db, { ...filter, status: 'in_review', channel: 'phone' }),
    ),
    overduePage: await time(30, () => listComplaints(db, { ...filter, urgency: 'overdue' })),
    searchSurname: await time(30, () => listComplaints(db, { ...filter, query: 'петрова' })),
    searchWithStatus: await time(30, () =>
      listComplaints(db, { ...filter, query: 'петрова', status: 'in_review' }),
    ),
    searchNumber: await time(30, (i) =>
      listComplaints(db, { ...filter, query: `2${String(i * 97).padStart(6, '0')}` }),
    ),
    searchPhone: await time(30, (i) =>
      listComplaints(db, { ...filter, query: `9${String(100000000 + i * 31).slice(-9)}` }),
    ),
    // Every open complaint's record, by index: what the list used to read to count; it reads none now.
    openOnly: await time(40, async () =>
      (
        await Promise.all(
          openStatuses.map((s) =>
            db.complaints
              .where('[status+registeredAt]')
              .between([s, Dexie.minKey], [s, Dexie.maxKey])
              .toArray(),
          ),
        )
      )
        .flat()
        .filter((c) => !c.confidential),
    ),
    urgencyCounts: await time(40, () => urgencyCounts(db, 'customers', new Date())),
    storageMB: ((await navigator.storage.estimate()).usage ?? 0) / 1024 / 1024,
    upgradeSeconds: 0,
  };
  db.close();
  await OtklikDatabase.delete(name);

  // The one-time upgrade of a branch PC's data to schema version 3 (list keys and indexes).
  const old = new OtklikDatabase(`${name}-upgrade`, SCHEMA_VERSIONS.slice(0, 2));
  await seed(old, size, years, false);
  old.close();
  const upgradeStart = performance.now();
  const upgraded = new OtklikDatabase(`${name}-upgrade`);
  await upgraded.open();
  results.upgradeSeconds = (performance.now() - upgradeStart) / 1000;
  upgraded.close();
  await OtklikDatabase.delete(`${name}-upgrade`);
  return results;
}

declare global {
  interface Window {
    runStoreBench: typeof runStoreBench;
  }
}
window.runStoreBench = runStoreBench;

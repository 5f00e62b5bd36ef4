/**
 * Store benchmark, run in Chromium by bench/run.mjs: real IndexedDB through the app's own Dexie code, with a
 * branch's years of data seeded first. It measures; it does not judge.
 */
import { emptyComplaintInput } from '../../shared/complaints/model';
import { OtklikDatabase } from '../../renderer/db/database';
import { registerComplaint } from '../../renderer/complaints/actions';
import { urgencyOf } from '../../renderer/complaints/deadlines';
import { listComplaints, openComplaints } from '../../renderer/complaints/queries';
import { benchSettings as settings, syntheticComplaint, time } from './synthetic';

export async function runStoreBench(size: number, years: number) {
  const name = `otklik-bench-${size}-${Date.now()}`;
  const db = new OtklikDatabase(name);
  const now = Date.now();
  const stepMs = (years * 365 * 86_400_000) / size;
  const seedStart = performance.now();
  for (let from = 0; from < size; from += 5000) {
    const chunk = Array.from({ length: Math.min(5000, size - from) }, (_, k) =>
      syntheticComplaint(from + k, stepMs, now),
    );
    await db.complaints.bulkAdd(chunk);
  }
  const seedMs = performance.now() - seedStart;

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
  const overdue = (c: Parameters<typeof urgencyOf>[0]) => urgencyOf(c, settings, new Date()) === 'overdue';
  const results = {
    size,
    seedSeconds: seedMs / 1000,
    register: await time(30, () =>
      registerComplaint(db, input(), settings, new Date(), { acknowledged: true }),
    ),
    firstPage: await time(30, () => listComplaints(db, filter)),
    // "Show more" after 950 rows: the 20th page.
    page20: await time(10, () => listComplaints(db, { ...filter, limit: 1000 })),
    statusPage: await time(30, () => listComplaints(db, { ...filter, status: 'in_review' })),
    statusChannelPage: await time(30, () =>
      listComplaints(db, { ...filter, status: 'in_review', channel: 'phone' }),
    ),
    overduePage: await time(10, () => listComplaints(db, { ...filter, match: overdue })),
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
    openOnly: await time(40, () => openComplaints(db, 'customers')),
    urgencyCounts: await time(40, async () => {
      const open = await openComplaints(db, 'customers');
      const date = new Date();
      const counts = { overdue: 0, due_soon: 0 };
      for (const c of open) {
        const state = urgencyOf(c, settings, date);
        if (state === 'overdue' || state === 'due_soon') counts[state]++;
      }
      return counts;
    }),
    storageMB: ((await navigator.storage.estimate()).usage ?? 0) / 1024 / 1024,
  };
  db.close();
  await OtklikDatabase.delete(name);
  return results;
}

declare global {
  interface Window {
    runStoreBench: typeof runStoreBench;
  }
}
window.runStoreBench = runStoreBench;

/**
 * Store benchmark, run in Chromium by bench/run.mjs: real IndexedDB through the app's own Dexie code, with a
 * branch's years of data seeded first. It measures; it does not judge.
 */
import { v7 as uuidv7 } from 'uuid';
import { CHANNELS, emptyComplaintInput, type Complaint } from '../../shared/complaints/model';
import { searchWordsOf } from '../../shared/complaints/search';
import { milestonesFromEvents } from '../../shared/lifecycle';
import { withSettingsDefaults } from '../../shared/settings/workstation';
import { OtklikDatabase } from '../../renderer/db/database';
import { registerComplaint } from '../../renderer/complaints/actions';
import { urgencyOf } from '../../renderer/complaints/deadlines';
import { listComplaints, openComplaints } from '../../renderer/complaints/queries';

const settings = withSettingsDefaults({
  branchCode: 'MSK-01',
  branchName: 'Bench',
  country: 'RU',
  timeZone: 'Europe/Moscow',
  language: 'ru',
  station: 1,
});
/** Issue 14: who every action is attributed to. */
const signer = { id: '0190c3a0-0000-7000-8000-0000000000b1', name: 'Bench' };

const SURNAMES = ['Иванов', 'Петрова', 'Сидоров', 'Кузнецова', 'Смирнов', 'Попова', 'Волков', 'Соколова'];
const WORDS = [
  'чайник',
  'возврат',
  'доставка',
  'кассир',
  'очередь',
  'гарантия',
  'ремонт',
  'скидка',
  'чек',
  'упаковка',
];

/** The i-th newest complaint as the app stores it, `stepMs` apart going back from now; 2 % still open. */
function syntheticComplaint(i: number, stepMs: number, now: number): Complaint {
  const registeredAt = new Date(now - (i + 1) * stepMs).toISOString();
  const year = registeredAt.slice(0, 4);
  const open = i % 50 === 0;
  const input = emptyComplaintInput(CHANNELS[i % CHANNELS.length]!, new Date(registeredAt));
  const c: Complaint = {
    ...input,
    id: uuidv7(),
    number: `MSK-01-${year}-2${String(i).padStart(6, '0')}`,
    branchCode: 'MSK-01',
    status: open ? 'in_review' : 'closed',
    receivedBy: 'Bench',
    confidential: input.channel === 'internal',
    registeredAt,
    updatedAt: registeredAt,
    customer: {
      name: `${SURNAMES[i % SURNAMES.length]} ${i}`,
      phone: `+7 9${String(100000000 + i).slice(-9)}`,
      email: '',
      address: '',
      preferredContact: 'phone',
    },
    description: `Жалоба ${i}: ${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${WORDS[(i * 3) % WORDS.length]}`,
    consent: true,
    searchWords: [],
    progress: milestonesFromEvents([]),
  };
  c.progress = { ...c.progress, status: c.status, acknowledgedAt: registeredAt };
  c.searchWords = searchWordsOf(c);
  return c;
}

async function time<T>(
  runs: number,
  fn: (i: number) => Promise<T>,
): Promise<{ median: number; p95: number; max: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { median: at(0.5), p95: at(0.95), max: samples[samples.length - 1]! };
}

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
  const results = {
    size,
    seedSeconds: seedMs / 1000,
    register: await time(30, () =>
      registerComplaint(db, input(), settings, signer, new Date(), { acknowledged: true }),
    ),
    firstPage: await time(30, () => listComplaints(db, filter)),
    searchSurname: await time(30, () => listComplaints(db, { ...filter, query: 'петрова' })),
    searchNumber: await time(30, (i) =>
      listComplaints(db, { ...filter, query: `2${String(i * 97).padStart(6, '0')}` }),
    ),
    searchPhone: await time(30, (i) =>
      listComplaints(db, { ...filter, query: `9${String(100000000 + i * 31).slice(-9)}` }),
    ),
    openOnly: await time(10, () => openComplaints(db, 'customers')),
    urgencyCounts: await time(10, async () => {
      const open = await openComplaints(db, 'customers');
      const date = new Date();
      return open.filter((c) => urgencyOf(c, settings, date) === 'overdue').length;
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

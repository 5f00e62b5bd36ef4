/**
 * A branch's years of complaints as the app stores them, for the benchmarks: the store bench (its own
 * database) and the app-open bench (the production build's database).
 */
import { v7 as uuidv7 } from 'uuid';
import { CHANNELS, emptyComplaintInput, type Complaint } from '../../shared/complaints/model';
import { searchWordsOf } from '../../shared/complaints/search';
import { milestonesFromEvents } from '../../shared/lifecycle';
import { settings as workstation } from '../../tests/fixtures';

export const benchSettings = workstation(1, { branchName: 'Bench' });

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

/**
 * The i-th newest complaint, `stepMs` apart going back from now; 2 % still open. Its id is a UUIDv7 of its
 * registration time, as the app makes it.
 */
export function syntheticComplaint(i: number, stepMs: number, now: number): Complaint {
  const registeredMs = now - (i + 1) * stepMs;
  const registeredAt = new Date(registeredMs).toISOString();
  const year = registeredAt.slice(0, 4);
  const open = i % 50 === 0;
  const input = emptyComplaintInput(CHANNELS[i % CHANNELS.length]!, new Date(registeredAt));
  const c: Complaint = {
    ...input,
    id: uuidv7({ msecs: registeredMs }),
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

/** Timings of `runs` calls: median, 95th percentile and maximum, in ms. */
export async function time<T>(
  runs: number,
  fn: (i: number) => Promise<T>,
): Promise<{ median: number; p95: number; max: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return quantiles(samples);
}

export function quantiles(samples: number[]): { median: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

/**
 * The console benchmark's seeding and probes (bench/console.mjs builds this file for Node with Vite, so it
 * uses HQ's and shared/'s own code): complaints as HQ stores them — the record, and the console's columns
 * computed by the same shared rule HQ uses (shared/console/complaint-row.ts) — written in large batches.
 */
import type { Pool } from 'pg';
import type { Category, Channel, Complaint, ComplaintStatus, Severity } from '../../shared/complaints/model';
import { CATEGORIES, CHANNELS, SEVERITIES } from '../../shared/complaints/model';
import { complaintRow } from '../../shared/console/complaint-row';
import { POLICY_PRESETS } from '../../shared/deadlines';
import { listComplaints } from '../../hq/console/list';
import type { ConsolePrincipal } from '../../hq/people/sessions';

export { listComplaints };
export type { ConsolePrincipal };

/** Words each country's complaints are written with; the first is common, `RARE` ones are planted. */
const WORDS: Record<string, string[]> = {
  RU: 'жалоба заказ доставка курьер чайник пылесос холодильник чек гарантия ремонт возврат деньги магазин продавец кассир очередь скидка упаковка сломался опоздал грубо вежливо долго неделю вчера сегодня товар брак замена претензия обмен'.split(
    ' ',
  ),
  UA: 'скарга замовлення доставка кур’єр чайник пилосос холодильник чек гарантія ремонт повернення гроші магазин продавець касир черга знижка пакування зламався запізнився ґудзик їжак відповідь тиждень вчора сьогодні товар брак заміна'.split(
    ' ',
  ),
  CZ: 'stížnost objednávka doprava kurýr konvice vysavač lednička účtenka záruka oprava vrácení peníze obchod prodavač pokladna fronta sleva obal rozbitý pozdě žluťoučký kůň úpěl ďábelské ódy týden včera dnes zboží vada výměna'.split(
    ' ',
  ),
  KR: '불만 주문 배송 택배 주전자 청소기 냉장고 영수증 보증 수리 반품 환불 매장 직원 계산원 대기 할인 포장 고장 지연 고객이 불만을 제기했습니다 늦었어요 어제 오늘 제품 불량 교환 요청'.split(
    ' ',
  ),
};
const NAMES: Record<string, string[]> = {
  RU: ['Пётр Иванов', 'Семён Ёлкин', 'Анна Смирнова', 'Ольга Петрова'],
  UA: ['Олена Коваленко', 'Тарас Шевчук', 'Ігор Бондар'],
  CZ: ['Jiří Dvořák', 'Jana Nováková', 'Petr Svoboda'],
  KR: ['김민준', '이서연', '박지훈'],
};
export const RARE_WORD = 'электрогриль';

export interface BenchBranch {
  id: number;
  code: string;
  country: string;
  time_zone: string;
}

/** A deterministic generator, so two runs seed the same data. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4_294_967_296;
  };
}

const STATUS_MIX: Array<[ComplaintStatus, number]> = [
  ['registered', 0.12],
  ['in_review', 0.12],
  ['decided', 0.06],
  ['customer_informed', 0.05],
  ['follow_up', 0.03],
  ['closed', 0.62],
];

function progressOf(status: ComplaintStatus, registeredAt: Date): Complaint['progress'] {
  const at = (days: number) => new Date(registeredAt.getTime() + days * 86_400_000).toISOString();
  const order: ComplaintStatus[] = [
    'registered',
    'in_review',
    'decided',
    'customer_informed',
    'follow_up',
    'closed',
  ];
  const reached = (s: ComplaintStatus) => order.indexOf(status) >= order.indexOf(s);
  return {
    status,
    reopenCount: 0,
    acknowledgedAt: registeredAt.toISOString(),
    ...(reached('decided')
      ? { decidedAt: at(5), decision: { outcome: 'upheld', factsMissing: false, findingDefaulted: false } }
      : {}),
    ...(reached('customer_informed') ? { customerInformedAt: at(6) } : {}),
    ...(reached('follow_up') ? { followUpDoneAt: at(12), followUpOutcome: 'accepted' } : {}),
    ...(reached('closed') ? { closedAt: at(13) } : {}),
  } as Complaint['progress'];
}

/**
 * Seeds `count` complaints spread over `branches` and the `years` before `now`. `ownerId`: a head of sales
 * who took over about one complaint in 2 000 (the escalated and owned-by-me queues).
 */
export async function seedComplaints(
  pool: Pool,
  options: {
    branches: BenchBranch[];
    count: number;
    now: Date;
    years: number;
    ownerId: string;
    batch?: number;
  },
  progress: (done: number) => void = () => {},
): Promise<void> {
  const random = rng(20261202);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const policy = POLICY_PRESETS.working_days_10;
  const span = options.years * 365 * 86_400_000;
  const batch = options.batch ?? 2_000;
  for (let start = 0; start < options.count; start += batch) {
    const rows = [];
    for (let i = start; i < Math.min(options.count, start + batch); i++) {
      const branch = options.branches[i % options.branches.length]!;
      const words = WORDS[branch.country] ?? WORDS.RU!;
      // Newest complaints are the most frequent (a growing business), and some are this week's.
      const registeredAt = new Date(options.now.getTime() - Math.floor(span * random() ** 2));
      let roll = random();
      const status = STATUS_MIX.find(([, p]) => (roll -= p) < 0)?.[0] ?? 'closed';
      const text = Array.from({ length: 8 + Math.floor(random() * 10) }, () =>
        random() < 0.2 ? words[0]! : pick(words),
      );
      if (i % 100_000 === 7) text.push(RARE_WORD);
      const id = crypto.randomUUID();
      const healthAndSafety = random() < 0.01;
      const owned = i % 2_000 === 3;
      const complaint: Complaint = {
        id,
        number: `${branch.code}-${registeredAt.getUTCFullYear()}-${String(i).padStart(7, '0')}`,
        branchCode: branch.code,
        status,
        channel: pick(CHANNELS.filter((c) => c !== 'internal')) as Channel,
        receivedAt: registeredAt.toISOString(),
        registeredAt: registeredAt.toISOString(),
        updatedAt: registeredAt.toISOString(),
        receivedBy: 'Bench',
        confidential: false,
        customer: {
          name: pick(NAMES[branch.country] ?? NAMES.RU!),
          phone: `+7 916 ${String(1_000_000 + i).slice(-7)}`,
          email: '',
          address: '',
          preferredContact: 'phone',
        },
        noContactReason: '',
        description: text.join(' '),
        remedy: pick(words),
        concerns: { product: '', service: '', employee: '' },
        category: (healthAndSafety ? 'health_safety' : pick(CATEGORIES)) as Category,
        severity: pick(SEVERITIES) as Severity,
        healthAndSafety,
        consent: true,
        searchWords: [],
        progress: progressOf(status, registeredAt),
      };
      if (owned && status !== 'closed') {
        complaint.progress.owner = { id: options.ownerId, name: 'Bench head of sales' };
        complaint.progress.escalatedAt = registeredAt.toISOString();
      }
      const row = complaintRow(complaint, { country: branch.country, timeZone: branch.time_zone }, policy);
      rows.push({
        id,
        branch_id: branch.id,
        number: complaint.number,
        status,
        channel: complaint.channel,
        at: complaint.registeredAt,
        record: complaint,
        category: row.category,
        severity: row.severity,
        health_safety: row.healthAndSafety,
        owner_id: row.ownerId,
        owner_name: row.ownerName,
        escalated: row.escalated,
        next_due_at: row.nextDueAt,
        next_due_kind: row.nextDueKind,
        due_soon_at: row.dueSoonAt,
        words: row.searchWords,
      });
    }
    await pool.query(
      `INSERT INTO complaints (id, branch_id, number, status, channel, confidential, received_at, registered_at,
         updated_at, record, version, category, severity, health_safety, owner_id, owner_name, escalated,
         next_due_at, next_due_kind, due_soon_at, due_sort, search)
       SELECT r.id, r.branch_id, r.number, r.status, r.channel, false, r.at, r.at, r.at, r.record, 1, r.category,
              r.severity, r.health_safety, r.owner_id, r.owner_name, r.escalated, r.next_due_at, r.next_due_kind,
              r.due_soon_at, coalesce(r.next_due_at, 'infinity'),
              array_to_tsvector(ARRAY(SELECT jsonb_array_elements_text(r.words)))
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, branch_id bigint, number text, status text, channel text,
           at timestamptz, record jsonb, category text, severity text, health_safety boolean, owner_id uuid,
           owner_name text, escalated boolean, next_due_at timestamptz, next_due_kind text,
           due_soon_at timestamptz, words jsonb)`,
      [JSON.stringify(rows)],
    );
    progress(Math.min(options.count, start + batch));
  }
}

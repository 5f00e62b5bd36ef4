import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint } from '../../../../shared/complaints/model';
import {
  CONSOLE_PATHS,
  type ComplaintList,
  type ComplaintListItem,
} from '../../../../shared/console/protocol';
import { complaintDueMoments, mostUrgentState, POLICY_PRESETS } from '../../../../shared/deadlines';
import { timelineOf } from '../../../../shared/lifecycle';
import { HQ_PATHS } from '../../../../shared/sync/protocol';
import {
  call,
  DATABASE_KINDS,
  enroll,
  op,
  registration,
  startHq,
  startReview,
  type RunningHq,
  type TestDevice,
} from '../../harness';
import { consoleUser, type ConsoleClient } from '../../console-client';

/**
 * Issue 14: the console's register — every filter, health-and-safety first, both orders with keyset pages
 * that neither skip nor repeat a row, and full-text search in the five languages (accents and ё do not
 * matter; a word is found by its beginning, Korean particles included).
 */
describe.each(DATABASE_KINDS)('console register on %s', (kind) => {
  let hq: RunningHq;
  let msk: TestDevice;
  let cz: TestDevice;
  let head: ConsoleClient;
  const now = new Date();
  const day = 86_400_000;
  const registered: Complaint[] = [];

  async function push(device: TestDevice, at: Date, change: (c: Complaint) => void, review = false) {
    const reg = registration(device.branchCode, at);
    change(reg.complaint);
    const ops = [op(device, 'complaint.register', reg)];
    if (review) ops.push(op(device, 'complaint.transition', startReview(reg.complaint.id)));
    const res = await call(hq, device, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops }) });
    const body = (await res.json()) as { results: Array<{ outcome: string }> };
    expect(body.results.every((r) => r.outcome === 'applied')).toBe(true);
    registered.push(reg.complaint);
    return reg.complaint;
  }

  beforeAll(async () => {
    hq = await startHq(kind);
    msk = await enroll(hq, 'MSK-01');
    cz = await enroll(hq, 'PRG-01', { country: 'CZ', timeZone: 'Europe/Prague', language: 'cs' });
    const ago = (days: number) => new Date(now.getTime() - days * day);
    await push(msk, ago(300), (c) => {
      c.description = 'Пётр жалуется: чайник протекает';
      c.customer.name = 'Семён Ёлкин';
    });
    await push(msk, ago(200), (c) => {
      c.description = 'Відповідь не отримали, ґудзик відірвався';
      c.channel = 'email';
      c.category = 'product_quality';
      c.severity = 'high';
    });
    await push(cz, ago(100), (c) => {
      c.description = 'Příliš žluťoučký kůň úpěl ďábelské ódy';
      c.category = 'staff_conduct';
      c.severity = 'low';
    });
    await push(cz, ago(0.05), (c) => {
      c.description = '고객이 불만을 제기했습니다 배송이 늦었어요';
      c.severity = 'critical';
    });
    await push(
      msk,
      ago(50),
      (c) => {
        c.description = 'Broken kettle, customer wants a refund';
        c.healthAndSafety = true;
        c.category = 'health_safety';
      },
      true,
    );
    await push(msk, ago(12), (c) => {
      c.description = 'Обычная жалоба';
    });
    for (let i = 0; i < 7; i++) await push(msk, ago(30 + i), (c) => (c.description = `Жалоба номер ${i}`));
    head = await consoleUser(hq, 'head_of_sales');
  });
  afterAll(async () => {
    await hq?.close();
  });

  const get = async (query: string) => {
    const res = await head.call(`${CONSOLE_PATHS.complaints}?${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as ComplaintList;
  };
  const numbers = (items: ComplaintListItem[]) => items.map((i) => i.number);
  const numberOf = (pred: (c: Complaint) => boolean) => registered.filter(pred).map((c) => c.number);

  it('health and safety first, then newest first; keyset pages of 2 give the same rows in the same order', async () => {
    const all = await get('limit=200');
    expect(all.items).toHaveLength(registered.length);
    expect(all.nextCursor).toBeUndefined();
    expect(all.items[0]!.healthAndSafety).toBe(true);
    const rest = all.items.slice(1).map((i) => i.registeredAt);
    expect(rest).toEqual([...rest].sort().reverse());
    const paged: ComplaintListItem[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await get(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(Math.ceil(registered.length / 2));
    expect(numbers(paged)).toEqual(numbers(all.items));
  });

  it('sort by due: health and safety first, then the earliest next due moment; keyset pages agree', async () => {
    const all = await get('sort=due&limit=200');
    expect(all.items[0]!.healthAndSafety).toBe(true);
    const dues = all.items.slice(1).map((i) => i.nextDueAt ?? '9999');
    expect(dues).toEqual([...dues].sort());
    const paged: ComplaintListItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await get(`sort=due&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(numbers(paged)).toEqual(numbers(all.items));
    // A cursor of the other order, or a forged one, is refused with a clear 400.
    const first = await get('sort=due&limit=1');
    expect(
      (await head.call(`${CONSOLE_PATHS.complaints}?sort=registered&cursor=${first.nextCursor}`)).status,
    ).toBe(400);
    expect((await head.call(`${CONSOLE_PATHS.complaints}?cursor=bm90IGpzb24`)).status).toBe(400);
  });

  it('filters: branch, status, channel, category, severity, and several values at once', async () => {
    expect(new Set(numbers((await get('branch=PRG-01')).items))).toEqual(
      new Set(numberOf((c) => c.branchCode === 'PRG-01')),
    );
    expect(numbers((await get('status=in_review')).items)).toEqual(numberOf((c) => c.healthAndSafety));
    expect(numbers((await get('channel=email')).items)).toEqual(numberOf((c) => c.channel === 'email'));
    expect(numbers((await get('category=staff_conduct')).items)).toEqual(
      numberOf((c) => c.category === 'staff_conduct'),
    );
    expect(new Set(numbers((await get('severity=critical,low')).items))).toEqual(
      new Set(numberOf((c) => c.severity === 'critical' || c.severity === 'low')),
    );
    expect((await get('severity=critical&branch=MSK-01')).items).toEqual([]);
    const bad = await head.call(`${CONSOLE_PATHS.complaints}?status=lost`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid_body' });
  });

  it('due: overdue, soon and ok are what the deadline engine says for the branch calendar at this moment', async () => {
    const policy = POLICY_PRESETS.working_days_10;
    const expected = { overdue: [] as string[], soon: [] as string[], ok: [] as string[] };
    const { rows } = await hq.db.pool.query<{ record: Complaint; country: string; time_zone: string }>(
      'SELECT c.record, b.country, b.time_zone FROM complaints c JOIN branches b ON b.id = c.branch_id',
    );
    const at = new Date();
    for (const r of rows) {
      const state = mostUrgentState(
        complaintDueMoments(
          timelineOf(r.record),
          { country: r.country, timeZone: r.time_zone },
          policy,
          at,
        ).filter((m) => !m.projected),
      );
      if (state === 'overdue') expected.overdue.push(r.record.number);
      if (state === 'due_soon') expected.soon.push(r.record.number);
      if (state === 'ok') expected.ok.push(r.record.number);
    }
    expect(expected.overdue.length).toBeGreaterThan(0);
    expect(expected.ok.length).toBeGreaterThan(0);
    for (const due of ['overdue', 'soon', 'ok'] as const) {
      const page = await get(`due=${due}&limit=200`);
      expect(new Set(numbers(page.items)), due).toEqual(new Set(expected[due]));
      expect(page.items.every((i) => i.dueState === due)).toBe(true);
    }
  });

  it.each([
    ['ru, ё typed as е', 'семен', 'Пётр жалуется'],
    ['ru, a name with Ё', 'ЕЛКИН', 'Пётр жалуется'],
    ['uk, ґ and the apostrophe-free word', 'ґудзик', 'Відповідь'],
    ['uk, two prefixes', 'відпов отрим', 'Відповідь'],
    ['cs without diacritics', 'zlutoucky kun', 'Příliš'],
    ['cs with diacritics, a prefix', 'ďábel', 'Příliš'],
    ['ko, a word without its particle', '고객', '고객이'],
    ['ko, a prefix', '배송', '고객이'],
    ['en, any case, a prefix', 'KETT', 'Broken kettle'],
  ])('search %s: «%s»', async (_what, q, found) => {
    const page = await get(`q=${encodeURIComponent(q)}`);
    expect(page.items.map((i) => i.summary)).toEqual([expect.stringContaining(found)]);
  });

  it('search by number, its tail, and phone digits; nothing for a word nobody wrote or only punctuation', async () => {
    const c = registered[2]!;
    expect(numbers((await get(`q=${c.number}`)).items)).toEqual([c.number]);
    expect(numbers((await get(`q=${c.number.split('-').slice(-2).join('-')}`)).items)).toEqual([c.number]);
    // Every complaint of the fixture has the same phone: its last 7 digits find them all.
    expect((await get(`q=${encodeURIComponent('555 12 34')}&limit=200`)).items).toHaveLength(
      registered.length,
    );
    expect((await get(`q=${encodeURIComponent('холодильник')}`)).items).toEqual([]);
    expect((await get(`q=${encodeURIComponent("'&|!:*()")}`)).items).toEqual([]);
  });

  it('search combines with filters and pages', async () => {
    const q = `q=${encodeURIComponent('жалоба')}`;
    const all = await get(`${q}&limit=200`);
    expect(all.items.length).toBe(8);
    const first = await get(`${q}&limit=5`);
    const second = await get(`${q}&limit=5&cursor=${first.nextCursor}`);
    expect([...numbers(first.items), ...numbers(second.items)]).toEqual(numbers(all.items));
    expect(second.nextCursor).toBeUndefined();
  });
});

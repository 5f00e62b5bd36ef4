import { describe, expect, it } from 'vitest';
import type { ComplaintInput } from '../../../../shared/complaints/model';
import { changeStatus, registerComplaint } from '../../../../renderer/complaints/actions';
import { changeRecord } from '../../../../renderer/complaints/handling/decisionActions';
import { urgencyOf } from '../../../../renderer/complaints/deadlines';
import {
  cursorOf,
  listComplaintPages,
  listComplaints,
  urgencyCounts,
  type ComplaintFilter,
} from '../../../../renderer/complaints/queries';
import type { OtklikDatabase } from '../../../../renderer/db/database';
import { registerOf } from '../../../../renderer/db/listKeys';
import { saveWorkstationSettings } from '../../../../renderer/db/settings';
import { SyncEngine } from '../../../../renderer/sync/engine';
import type { HqClient } from '../../../../renderer/sync/client';
import { OLGA, input, now, openDb, settings } from '../fixtures';

// Issue 17 (R11, R26): the complaint list reads indexes — keyset pages, filters with search, and the
// overdue / due-soon counts kept right by every write — in Chromium's real IndexedDB.

const actor = OLGA;
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const base: ComplaintFilter = { query: '', status: '', channel: '', register: 'customers', limit: 50 };
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

const letter = (description: string, name = 'Петров'): ComplaintInput =>
  input(description, {
    channel: 'post',
    customer: { name, phone: '', email: '', address: 'Москва, ул. Ленина, 5', preferredContact: 'post' },
  });

const internal = (description: string): ComplaintInput =>
  input(description, {
    channel: 'internal',
    customer: { name: 'Сергей Орлов', phone: '', email: '', address: '', preferredContact: '' },
    noContactReason: 'Работает в этом отделении',
  });

/** Registers `n` complaints a minute apart from `start`; returns them newest first. */
async function registerMany(
  db: OtklikDatabase,
  n: number,
  start = 0,
  make = (i: number) => input(`Жалоба ${i}`),
) {
  const made = [];
  for (let i = 0; i < n; i++)
    made.push(await registerComplaint(db, make(i), settings(), OLGA, minutes(start + i)));
  return made.reverse();
}

describe('keyset paging', () => {
  it('pages follow each other from the last row, without gaps or repeats, newest first', async () => {
    const db = openDb();
    const all = await registerMany(db, 7);
    const pages = [];
    let after: ComplaintFilter['after'];
    for (;;) {
      const page = await listComplaints(db, { ...base, limit: 3, after });
      pages.push(ids(page.rows));
      if (!page.more) break;
      after = cursorOf(page.rows.at(-1)!);
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(ids(all));
  });

  it('a page read from its cursor is not shifted by a complaint registered meanwhile', async () => {
    const db = openDb();
    const all = await registerMany(db, 6);
    const first = await listComplaints(db, { ...base, limit: 3 });
    const newer = await registerComplaint(db, input('Новая жалоба'), settings(), OLGA, minutes(100));
    const second = await listComplaints(db, { ...base, limit: 3, after: cursorOf(first.rows.at(-1)!) });
    expect(ids(second.rows)).toEqual(ids(all.slice(3)));
    // The list's pages keep their ends: the new complaint joins the first page, nothing is skipped.
    const shown = await listComplaintPages(db, { ...base, limit: 3 }, [cursorOf(first.rows.at(-1)!)]);
    expect(ids(shown.rows)).toEqual([newer.id, ...ids(all)]);
    expect(shown.more).toBe(false);
  });

  it('complaints registered in the same millisecond are each shown once, across pages', async () => {
    const db = openDb();
    const same = [];
    for (let i = 0; i < 5; i++)
      same.push(await registerComplaint(db, input(`Жалоба ${i}`), settings(), OLGA, now));
    const seen: string[] = [];
    let after: ComplaintFilter['after'];
    for (let guard = 0; guard < 10; guard++) {
      const page = await listComplaints(db, { ...base, limit: 2, after });
      seen.push(...ids(page.rows));
      if (!page.more) break;
      after = cursorOf(page.rows.at(-1)!);
    }
    expect(seen).toEqual(ids(same).sort().reverse());
  });

  it('the customers list skips the internal register between its rows, page after page', async () => {
    const db = openDb();
    const customers = [];
    for (let i = 0; i < 4; i++) {
      customers.push(await registerComplaint(db, input(`Жалоба ${i}`), settings(), OLGA, minutes(i * 10)));
      for (let k = 1; k <= 6; k++)
        await registerComplaint(db, internal(`Служебная ${i}.${k}`), settings(), OLGA, minutes(i * 10 + k));
    }
    const pages = await listComplaintPages(db, { ...base, limit: 1 }, []);
    expect(ids(pages.rows)).toEqual([customers[3]!.id]);
    const all = [];
    let after: ComplaintFilter['after'];
    for (;;) {
      const page = await listComplaints(db, { ...base, limit: 1, after });
      all.push(...page.rows);
      if (!page.more) break;
      after = cursorOf(page.rows.at(-1)!);
    }
    expect(ids(all)).toEqual(ids(customers.reverse()));
    const internalRows = (await listComplaints(db, { ...base, register: 'internal' })).rows;
    expect(internalRows).toHaveLength(24);
    expect(internalRows.every((c) => c.confidential)).toBe(true);
  });
});

describe('filters read their own index, alone and with search', () => {
  it('status, channel, both, and the registers', async () => {
    const db = openDb();
    const counter = await registerComplaint(db, input('Кассир нагрубил'), settings(), OLGA, minutes(1), {
      acknowledged: true,
    });
    const mail = await registerComplaint(db, letter('Письмо про чайник'), settings(), OLGA, minutes(2));
    const phone = await registerComplaint(
      db,
      input('Не перезвонили про чайник', { channel: 'phone' }),
      settings(),
      OLGA,
      minutes(3),
      { acknowledged: true },
    );
    const staff = await registerComplaint(
      db,
      internal('Склад не выдаёт чайник'),
      settings(),
      OLGA,
      minutes(4),
    );

    const list = async (f: Partial<ComplaintFilter>) =>
      ids((await listComplaints(db, { ...base, ...f })).rows);
    expect(await list({})).toEqual([phone.id, mail.id, counter.id]);
    expect(await list({ status: 'registered' })).toEqual([phone.id, counter.id]);
    expect(await list({ status: 'received' })).toEqual([mail.id]);
    expect(await list({ channel: 'phone' })).toEqual([phone.id]);
    expect(await list({ status: 'registered', channel: 'in_person' })).toEqual([counter.id]);
    expect(await list({ status: 'received', channel: 'in_person' })).toEqual([]);
    expect(await list({ register: 'internal' })).toEqual([staff.id]);
    expect(await list({ register: 'internal', status: 'received' })).toEqual([staff.id]);
    // The channel is the register: an internal complaint is never listed among a customer channel's.
    expect(await list({ register: 'internal', channel: 'phone' })).toEqual([]);
    expect(await list({ channel: 'internal' })).toEqual([]);

    expect(await list({ query: 'чайник' })).toEqual([phone.id, mail.id]);
    expect(await list({ query: 'чайник', status: 'received' })).toEqual([mail.id]);
    expect(await list({ query: 'чайник', channel: 'phone' })).toEqual([phone.id]);
    expect(await list({ query: 'чайник', status: 'registered', channel: 'phone' })).toEqual([phone.id]);
    expect(await list({ query: 'чайник', status: 'closed' })).toEqual([]);
    expect(await list({ query: 'чайник', register: 'internal' })).toEqual([staff.id]);
    expect(await list({ query: 'кассир', register: 'internal' })).toEqual([]);
  });

  it('a rare status among the many matches of a common word: keyset pages of the intersection', async () => {
    const db = openDb();
    const made = [];
    for (let i = 0; i < 12; i++) {
      // A letter waits to be acknowledged ("received"); at the counter it is acknowledged at once.
      const written = i % 4 === 0;
      const raw = written
        ? letter(`Письмо ${i}`, 'Петрова')
        : input(`Жалоба ${i}`, { customer: { ...input().customer, name: 'Петрова' } });
      made.unshift(
        await registerComplaint(db, raw, settings(), OLGA, minutes(i), { acknowledged: !written }),
      );
    }
    const letters = made.filter((c) => c.channel === 'post');
    expect(letters).toHaveLength(3);
    const first = await listComplaints(db, { ...base, query: 'петрова', status: 'received', limit: 2 });
    expect(ids(first.rows)).toEqual(ids(letters.slice(0, 2)));
    expect(first.more).toBe(true);
    const next = await listComplaints(db, {
      ...base,
      query: 'петрова',
      status: 'received',
      limit: 2,
      after: cursorOf(first.rows.at(-1)!),
    });
    expect(ids(next.rows)).toEqual(ids(letters.slice(2)));
    expect(next.more).toBe(false);
  });
});

/** The counts and the urgency filter from the indexes, beside the deadline engine run over every record. */
async function expectUrgencyAt(
  db: OtklikDatabase,
  at: Date,
  expected: { overdue: number; due_soon: number },
) {
  const engine = { overdue: [] as string[], due_soon: [] as string[] };
  for (const c of await db.complaints.toArray()) {
    const state = urgencyOf(c, settings(), at);
    if (registerOf(c) === 'customers' && (state === 'overdue' || state === 'due_soon'))
      engine[state].push(c.id);
  }
  expect(await urgencyCounts(db, 'customers', at)).toEqual(expected);
  expect({ overdue: engine.overdue.length, due_soon: engine.due_soon.length }).toEqual(expected);
  for (const urgency of ['overdue', 'due_soon'] as const) {
    const rows = (await listComplaints(db, { ...base, urgency, now: at })).rows;
    expect(ids(rows).sort()).toEqual(engine[urgency].sort());
  }
}

describe('R11 overdue and due-soon counts', () => {
  // Monday 23 November 2026, 12:00 in Moscow; the branch works Monday to Friday.
  const at = (iso: string) => new Date(iso);

  it('stay right as time passes a due moment, and when complaints are decided, closed and reopened', async () => {
    const db = openDb();
    // Each step reads the calendar and policy the workstation has stored.
    await saveWorkstationSettings(db, settings());
    const mail = await registerComplaint(db, letter('Письмо: сломался чайник'), settings(), OLGA, now);
    const counter = await registerComplaint(db, input('Кассир нагрубил'), settings(), OLGA, now, {
      acknowledged: true,
    });
    await registerComplaint(db, internal('Склад не выдаёт товар'), settings(), OLGA, now);

    // Time passes, nothing is written: the letter's acknowledgement (2 working days) turns due soon on
    // Tuesday and overdue after Wednesday; the internal register is counted apart.
    await expectUrgencyAt(db, now, { overdue: 0, due_soon: 0 });
    await expectUrgencyAt(db, at('2026-11-24T09:00:00Z'), { overdue: 0, due_soon: 1 });
    await expectUrgencyAt(db, at('2026-11-26T09:00:00Z'), { overdue: 1, due_soon: 0 });
    expect((await urgencyCounts(db, 'internal', at('2026-11-26T09:00:00Z'))).overdue).toBe(1);

    // Acknowledged late: nothing of the letter is overdue any more.
    await changeStatus(
      db,
      mail.id,
      { to: 'registered', expectedFrom: 'received' },
      actor,
      at('2026-11-26T09:00:00Z'),
    );
    await expectUrgencyAt(db, at('2026-11-26T10:00:00Z'), { overdue: 0, due_soon: 0 });

    // The final answers (10 working days) run out on 7 December: both overdue on the 8th.
    const dec8 = at('2026-12-08T09:00:00Z');
    await expectUrgencyAt(db, dec8, { overdue: 2, due_soon: 0 });

    // Decided is not answered: still overdue. The customer informed: the answer is done, the follow-up
    // term starts (not overdue).
    await changeStatus(db, counter.id, { to: 'in_review', expectedFrom: 'registered' }, actor, dec8);
    await changeStatus(
      db,
      counter.id,
      { to: 'decided', expectedFrom: 'in_review', decision: { outcome: 'upheld' } },
      actor,
      dec8,
    );
    await expectUrgencyAt(db, dec8, { overdue: 2, due_soon: 0 });
    await changeStatus(db, counter.id, { to: 'customer_informed', expectedFrom: 'decided' }, actor, dec8);
    await expectUrgencyAt(db, dec8, { overdue: 1, due_soon: 0 });

    // Followed up and closed: nothing left to count, not even later.
    await changeStatus(
      db,
      counter.id,
      {
        to: 'follow_up',
        expectedFrom: 'customer_informed',
        followUp: { outcome: 'accepted', satisfaction: 5 },
      },
      actor,
      dec8,
    );
    await changeStatus(db, counter.id, { to: 'closed', expectedFrom: 'follow_up' }, actor, dec8);
    expect((await db.complaints.get(counter.id))!.urgency).toBeUndefined();
    await expectUrgencyAt(db, at('2027-03-01T09:00:00Z'), { overdue: 1, due_soon: 0 });

    // Reopened: the final answer runs again from the reopening, overdue once that term passes too.
    await changeStatus(
      db,
      counter.id,
      { to: 'in_review', expectedFrom: 'closed', reason: 'Клиент принёс новые документы' },
      actor,
      dec8,
    );
    await expectUrgencyAt(db, dec8, { overdue: 1, due_soon: 0 });
    await expectUrgencyAt(db, at('2026-12-21T09:00:00Z'), { overdue: 1, due_soon: 1 });
    await expectUrgencyAt(db, at('2026-12-23T09:00:00Z'), { overdue: 2, due_soon: 0 });
  });

  it('follow a change of the calendar or the policy, saved in the same transaction', async () => {
    const db = openDb();
    await saveWorkstationSettings(db, settings());
    await registerComplaint(db, letter('Письмо: сломался чайник'), settings(), OLGA, now);
    const wednesdayNoon = at('2026-11-25T09:00:00Z');
    await expectUrgencyAt(db, wednesdayNoon, { overdue: 0, due_soon: 1 });
    // The branch was closed on Tuesday: the acknowledgement moves to Thursday.
    await saveWorkstationSettings(db, settings(1, { extraDaysOff: ['2026-11-24'] }));
    const closedTuesday = settings(1, { extraDaysOff: ['2026-11-24'] });
    const [stored] = await db.complaints.toArray();
    expect(urgencyOf(stored!, closedTuesday, wednesdayNoon)).toBe('due_soon');
    expect(stored!.urgency?.dueAt).toBe('2026-11-26T20:59:59.999Z');
    // A 24-hour policy: Tuesday noon is already overdue.
    await saveWorkstationSettings(db, settings(1, { policyId: 'respond_24h_resolve_1m' }));
    expect(await urgencyCounts(db, 'customers', at('2026-11-24T10:00:00Z'))).toEqual({
      overdue: 1,
      due_soon: 0,
    });
  });

  it('a complaint pulled from HQ is counted under this branch calendar', async () => {
    const db = openDb();
    await saveWorkstationSettings(db, settings());
    const mail = await registerComplaint(db, letter('Письмо: сломался чайник'), settings(), OLGA, now);
    // HQ has it (nothing queued here any more), and it is what a pull brings to another workstation.
    await db.outbox.clear();
    const { urgency: _keys, ...atHq } = (await db.complaints.get(mail.id))!;
    await db.complaints.delete(mail.id);
    const engine = new SyncEngine(db, {} as HqClient);
    const thursday = at('2026-11-26T09:00:00Z');
    await engine.applyChanges([{ version: 1, kind: 'complaint', complaint: atHq }], 1);
    await expectUrgencyAt(db, thursday, { overdue: 1, due_soon: 0 });
    // HQ closed it.
    const closed = {
      ...atHq,
      status: 'closed' as const,
      progress: { ...atHq.progress, status: 'closed' as const },
    };
    await engine.applyChanges([{ version: 2, kind: 'complaint', complaint: closed }], 2);
    expect((await db.complaints.get(mail.id))!.urgency).toBeUndefined();
    await expectUrgencyAt(db, thursday, { overdue: 0, due_soon: 0 });
  });
});

describe('R13: health-and-safety complaints first in the paged list (issue 15 item 4)', () => {
  /** Every page from the first, `limit` rows each, by the cursor of each page's last row. */
  async function allPages(db: OtklikDatabase, f: ComplaintFilter) {
    const pages: string[][] = [];
    let after: ComplaintFilter['after'];
    for (;;) {
      const page = await listComplaints(db, { ...f, after });
      pages.push(ids(page.rows));
      if (!page.more) return pages;
      after = cursorOf(page.rows.at(-1)!);
    }
  }

  it('first, newest first among them, across pages; then the rest; filters and search too', async () => {
    const db = openDb();
    const plain = await registerMany(db, 5);
    const safety = await registerMany(db, 2, 10, (i) =>
      input(`Обжёгся ${i}`, { healthAndSafety: true, category: 'health_safety' }),
    );
    // Re-assessed later as health and safety (R13): it joins the first part at once.
    await changeRecord(
      db,
      plain[3]!.id,
      'assessment',
      { set: { healthAndSafety: true }, reason: 'Ожог' },
      OLGA,
      minutes(30),
    );
    const first = [...ids(safety), plain[3]!.id];
    const rest = ids(plain).filter((id) => id !== plain[3]!.id);
    expect((await allPages(db, { ...base, limit: 2 })).flat()).toEqual([...first, ...rest]);
    expect(await allPages(db, { ...base, limit: 2 })).toEqual([
      first.slice(0, 2),
      [first[2]!, rest[0]!],
      rest.slice(1, 3),
      [rest[3]!],
    ]);
    // A page that ends exactly with the last of them.
    expect(await allPages(db, { ...base, limit: 3 })).toEqual([first, rest.slice(0, 3), [rest[3]!]]);
    // Pages already shown are re-read by their ends (the live list), across the two parts.
    const shown = await listComplaintPages(db, { ...base, limit: 2 }, [
      cursorOf((await db.complaints.get(first[1]!))!),
      cursorOf((await db.complaints.get(rest[0]!))!),
    ]);
    expect(ids(shown.rows)).toEqual([...first, ...rest.slice(0, 3)]);
    // Search and a status filter keep the order, and only their rows.
    expect(ids((await listComplaints(db, { ...base, query: 'обжёгся' })).rows)).toEqual(ids(safety));
    await changeStatus(db, safety[0]!.id, { to: 'registered', expectedFrom: 'received' }, OLGA, minutes(40));
    expect(ids((await listComplaints(db, { ...base, status: 'received', limit: 3 })).rows)).toEqual([
      safety[1]!.id,
      plain[3]!.id,
      rest[0]!,
    ]);
    // Corrected back: the flag off, the row goes back to its place among the rest.
    await changeRecord(
      db,
      plain[3]!.id,
      'assessment',
      { set: { healthAndSafety: false }, reason: 'Ошибка' },
      OLGA,
      minutes(50),
    );
    expect(await db.complaints.where('safetyAt').above('').primaryKeys()).toEqual(
      expect.arrayContaining(ids(safety)),
    );
    expect((await allPages(db, { ...base, limit: 4 })).flat()).toEqual([...ids(safety), ...ids(plain)]);
  });
});

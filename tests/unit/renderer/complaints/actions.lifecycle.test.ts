import { describe, expect, it } from 'vitest';
import {
  TransitionRefused,
  changeStatus,
  recordEvent,
  registerComplaint,
} from '../../../../renderer/complaints/actions';
import { dueMomentsOf, urgencyOf } from '../../../../renderer/complaints/deadlines';
import { nextDue } from '../../../../shared/deadlines';
import { complaintHistory } from '../../../../renderer/complaints/queries';
import type { OtklikDatabase } from '../../../../renderer/db/database';
import { OLGA, input, now, openDb, settings } from '../fixtures';

// R9–R12, R15, R17 through the real store (Chromium IndexedDB): each step is one transaction with its
// history event and its outbox operation, and a refused step writes nothing.

const actor = OLGA;
const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

async function counts(db: OtklikDatabase) {
  return { events: await db.events.count(), outbox: await db.outbox.count() };
}

async function refusal(promise: Promise<unknown>): Promise<string[]> {
  const err = await promise.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TransitionRefused);
  return (err as TransitionRefused).reasons;
}

describe('R9 acknowledgement at registration', () => {
  it('a customer at the counter is acknowledged at once: registered, two events, one outbox operation', async () => {
    const db = openDb();
    const c = await registerComplaint(db, input(), settings(), OLGA, now, { acknowledged: true });
    expect(c.status).toBe('registered');
    expect(c.progress.acknowledgedAt).toBe(now.toISOString());
    const history = await complaintHistory(db, c.id);
    expect(history.map((e) => e.type)).toEqual(['created', 'status_changed']);
    const ops = await db.outbox.toArray();
    expect(ops.map((o) => o.type)).toEqual(['complaint.register']);
    expect((ops[0]!.payload as { events: unknown[] }).events).toHaveLength(2);
    const ack = dueMomentsOf(c, settings(), now).find((m) => m.kind === 'acknowledge');
    expect(ack).toMatchObject({ state: 'done', late: false });
  });

  it('a letter is only received until someone acknowledges it; after 2 working days it is overdue', async () => {
    const db = openDb();
    const letter = input('Письмо: прошу вернуть деньги за бракованный чайник', {
      channel: 'post',
      customer: {
        name: 'Петров',
        phone: '',
        email: '',
        address: 'Москва, ул. Ленина, 5',
        preferredContact: 'post',
      },
    });
    const c = await registerComplaint(db, letter, settings(), OLGA, now);
    expect(c.status).toBe('received');
    // Received Monday 23 Nov 2026 → due by the end of Wednesday 25 Nov, Moscow time.
    const ack = (at: Date) => dueMomentsOf(c, settings(), at).find((m) => m.kind === 'acknowledge')!;
    expect(ack(now).state).toBe('ok');
    expect(ack(new Date('2026-11-24T21:30:00Z')).state).toBe('due_soon');
    expect(ack(new Date('2026-11-25T21:00:01Z')).state).toBe('overdue');
    expect(urgencyOf(c, settings(), new Date('2026-11-25T21:00:01Z'))).toBe('overdue');
    expect(nextDue(dueMomentsOf(c, settings(), now))?.kind).toBe('acknowledge');
  });
});

describe('R12 lifecycle through the store', () => {
  it('walks a complaint from registration to closing, with refusals that write nothing', async () => {
    const db = openDb();
    const c = await registerComplaint(db, input(), settings(), OLGA, now, { acknowledged: true });
    await changeStatus(db, c.id, { to: 'in_review', expectedFrom: 'registered' }, actor, later(1));

    // R15: a rejection without justification and alternative is refused, and nothing is written.
    const before = await counts(db);
    expect(
      await refusal(
        changeStatus(
          db,
          c.id,
          { to: 'decided', expectedFrom: 'in_review', decision: { outcome: 'rejected' } },
          actor,
          later(2),
        ),
      ),
    ).toEqual(['justification_required', 'alternative_required']);
    expect(await counts(db)).toEqual(before);
    expect((await db.complaints.get(c.id))!.status).toBe('in_review');

    await changeStatus(
      db,
      c.id,
      {
        to: 'decided',
        expectedFrom: 'in_review',
        decision: {
          outcome: 'rejected',
          justification: 'Товар исправен, акт проверки № 12',
          alternativeOffered: 'Бесплатная настройка',
        },
      },
      actor,
      later(2),
    );
    await changeStatus(db, c.id, { to: 'customer_informed', expectedFrom: 'decided' }, actor, later(3));

    // R17: a customer who rejects the decision must be told about recourse…
    expect(
      await refusal(
        changeStatus(
          db,
          c.id,
          {
            to: 'follow_up',
            expectedFrom: 'customer_informed',
            followUp: { outcome: 'rejected', satisfaction: 1 },
          },
          actor,
          later(4),
        ),
      ),
    ).toEqual(['recourse_notice_required']);
    await changeStatus(
      db,
      c.id,
      {
        to: 'follow_up',
        expectedFrom: 'customer_informed',
        followUp: { outcome: 'rejected', satisfaction: 1, recourseInformed: true },
      },
      actor,
      later(4),
    );
    // …and the complaint stays open: it cannot be closed, only reopened.
    expect(
      await refusal(changeStatus(db, c.id, { to: 'closed', expectedFrom: 'follow_up' }, actor, later(5))),
    ).toEqual(['customer_rejected_decision']);
    await changeStatus(
      db,
      c.id,
      { to: 'in_review', expectedFrom: 'follow_up', reason: 'Клиент принёс новые документы' },
      actor,
      later(5),
    );

    const stored = (await db.complaints.get(c.id))!;
    expect(stored.status).toBe('in_review');
    expect(stored.progress).toMatchObject({ reopenCount: 1, reopenedAt: later(5).toISOString() });
    expect(stored.progress.decision).toBeUndefined();

    const ops = await db.outbox.orderBy('deviceSeq').toArray();
    expect(ops.map((o) => o.type)).toEqual([
      'complaint.register',
      'complaint.transition',
      'complaint.transition',
      'complaint.transition',
      'complaint.transition',
      'complaint.transition',
    ]);
    expect(
      ops.slice(1).map((o) => {
        const p = o.payload as { from: string; to: string };
        return `${p.from}→${p.to}`;
      }),
    ).toEqual([
      'registered→in_review',
      'in_review→decided',
      'decided→customer_informed',
      'customer_informed→follow_up',
      'follow_up→in_review',
    ]);
    const history = await complaintHistory(db, c.id);
    expect(
      history
        .filter((e) => e.type === 'status_changed')
        .every((e) => e.actor === actor.name && e.actorId === actor.id),
    ).toBe(true);
  });

  it('refuses a step whose precondition is stale (the complaint moved in another window)', async () => {
    const db = openDb();
    const c = await registerComplaint(db, input(), settings(), OLGA, now, { acknowledged: true });
    await changeStatus(db, c.id, { to: 'in_review', expectedFrom: 'registered' }, actor, later(1));
    expect(
      await refusal(changeStatus(db, c.id, { to: 'in_review', expectedFrom: 'registered' }, actor, later(2))),
    ).toEqual(['stale_status']);
  });

  it('a preliminary answer is recorded in the history and closes that due moment (R10)', async () => {
    const db = openDb();
    const written = settings(1, { policyId: 'written_2d_2w' });
    const c = await registerComplaint(
      db,
      input('E-mail: заказ пришёл не полностью', {
        channel: 'email',
        customer: {
          name: 'Петров',
          phone: '',
          email: 'petrov@example.ru',
          address: '',
          preferredContact: 'email',
        },
      }),
      written,
      OLGA,
      now,
    );
    expect(dueMomentsOf(c, written, now).map((m) => m.kind)).toEqual([
      'acknowledge',
      'preliminary_answer',
      'final_answer',
      'follow_up',
    ]);
    await recordEvent(
      db,
      c.id,
      'preliminary_answer_sent',
      'Поблагодарили, обещали ответ до 7 декабря',
      actor,
      later(1),
    );
    const stored = (await db.complaints.get(c.id))!;
    expect(stored.progress.preliminaryAnswerAt).toBe(later(1).toISOString());
    const moments = dueMomentsOf(stored, written, later(2));
    expect(moments.find((m) => m.kind === 'preliminary_answer')).toMatchObject({
      state: 'done',
      late: false,
    });
    // Any answer to the customer also acknowledges the complaint.
    expect(moments.find((m) => m.kind === 'acknowledge')).toMatchObject({ state: 'done' });
    expect((await db.outbox.orderBy('deviceSeq').last())?.type).toBe('complaint.event');
  });
});

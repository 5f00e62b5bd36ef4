import { describe, expect, it } from 'vitest';
import { TransitionRefused, registerComplaint } from '../../../../../renderer/complaints/actions';
import { dueMomentsOf } from '../../../../../renderer/complaints/deadlines';
import { complaintHistory } from '../../../../../renderer/complaints/queries';
import {
  addCustomerInfo,
  conversationAidStep,
  explainRecourse,
  handToSenior,
  markCallbackDone,
  passToHeadOfSales,
  promiseCallback,
} from '../../../../../renderer/complaints/handling/actions';
import type { OtklikDatabase } from '../../../../../renderer/db/database';
import { IVAN, OLGA, input, now, openDb, settings } from '../../fixtures';

// Issue 15 (R4, R5, R14, R17) through the real store (Chromium IndexedDB): each handling step is one
// transaction with its history event and its `complaint.event` operation; a refusal writes nothing.

const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

async function phoneComplaint(db: OtklikDatabase) {
  // The list's urgency keys are computed under the stored workstation settings.
  await db.settings.put({ key: 'workstation', value: settings() });
  return registerComplaint(db, input('Курьер не привёз заказ', { channel: 'phone' }), settings(), IVAN, now, {
    acknowledged: true,
  });
}

async function counts(db: OtklikDatabase) {
  return { events: await db.events.count(), outbox: await db.outbox.count() };
}

async function refusal(promise: Promise<unknown>): Promise<string[]> {
  const err = await promise.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TransitionRefused);
  return (err as TransitionRefused).reasons;
}

describe('R4 conversation guide recorded with the registration', () => {
  it('the ticked steps travel in the registration operation, in guide order', async () => {
    const db = openDb();
    const step = conversationAidStep(['thank', 'greeting', 'listen']);
    const checked = step.check({} as never);
    expect(checked.ok).toBe(true);
    const c = await registerComplaint(db, input(), settings(), IVAN, now, {
      acknowledged: true,
      handling: [
        { type: 'conversation_aid_recorded', data: (checked as { data: Record<string, unknown> }).data },
      ],
    });
    const history = await complaintHistory(db, c.id);
    expect(history.map((e) => e.type)).toEqual(['created', 'status_changed', 'conversation_aid_recorded']);
    expect(history[2]!.data).toEqual({ steps: ['greeting', 'listen', 'thank'] });
    const ops = await db.outbox.toArray();
    expect(ops.map((o) => o.type)).toEqual(['complaint.register']);
    expect((ops[0]!.payload as { events: unknown[] }).events).toHaveLength(3);
  });
});

describe('R4 promised callback', () => {
  it('is a due moment of its own, rescheduled by a new promise, done with its outcome', async () => {
    const db = openDb();
    const c = await phoneComplaint(db);
    const [promised] = await promiseCallback(
      db,
      c.id,
      { dueAt: at(120).toISOString(), phone: '+7 916 123-45-67' },
      IVAN,
      at(1),
    );
    let stored = (await db.complaints.get(c.id))!;
    expect(stored.progress.callback).toMatchObject({ dueAt: at(120).toISOString() });
    const moment = () => dueMomentsOf(stored, settings(), at(130)).find((m) => m.kind === 'callback');
    expect(moment()).toMatchObject({ state: 'overdue' });
    // The list's urgency keys see it too: the callback is the earliest open deadline.
    expect(stored.urgency?.dueAt).toBe(at(120).toISOString());

    const [rescheduled] = await promiseCallback(
      db,
      c.id,
      { dueAt: at(240).toISOString(), phone: '+7 916 123-45-67' },
      IVAN,
      at(2),
    );
    stored = (await db.complaints.get(c.id))!;
    expect(stored.progress.callback?.id).toBe(rescheduled!.data.callbackId);

    // The older, rescheduled promise cannot be marked done; nothing is written.
    const before = await counts(db);
    expect(
      await refusal(
        markCallbackDone(
          db,
          c.id,
          { callbackId: promised!.data.callbackId as string, outcome: 'reached' },
          IVAN,
          at(3),
        ),
      ),
    ).toEqual(['callback_not_pending']);
    expect(await counts(db)).toEqual(before);

    // Not reached: a new time is promised in the same transaction.
    const written = await markCallbackDone(
      db,
      c.id,
      { callbackId: rescheduled!.data.callbackId as string, outcome: 'not_reached' },
      IVAN,
      at(241),
      { dueAt: at(300).toISOString(), phone: '+7 916 123-45-67' },
    );
    expect(written.map((e) => e.type)).toEqual(['callback_done', 'callback_promised']);
    stored = (await db.complaints.get(c.id))!;
    expect(stored.progress.callback?.dueAt).toBe(at(300).toISOString());
    const ops = await db.outbox.toArray();
    expect(ops.filter((o) => o.type === 'complaint.event')).toHaveLength(4);

    await markCallbackDone(
      db,
      c.id,
      { callbackId: stored.progress.callback!.id, outcome: 'reached' },
      IVAN,
      at(299),
    );
    stored = (await db.complaints.get(c.id))!;
    expect(stored.progress.callback).toBeUndefined();
  });

  it('a time in the past or a number that cannot be dialled is refused', async () => {
    const db = openDb();
    const c = await phoneComplaint(db);
    expect(
      await refusal(promiseCallback(db, c.id, { dueAt: at(-60).toISOString(), phone: 'абв' }, IVAN, now)),
    ).toEqual(['callback_in_past', 'callback_phone_invalid']);
  });
});

describe('R5, R14, R17 events', () => {
  it('later information, a pass to the head of sales, a senior colleague and recourse', async () => {
    const db = openDb();
    const c = await phoneComplaint(db);
    expect(await refusal(addCustomerInfo(db, c.id, { from: '', channel: 'phone', text: ' ' }, IVAN))).toEqual(
      ['info_text_required'],
    );
    await addCustomerInfo(
      db,
      c.id,
      { from: 'Петров', channel: 'email', text: 'Номер заказа 4411' },
      IVAN,
      at(1),
    );
    expect(
      await refusal(handToSenior(db, c.id, { seniorName: IVAN.name, reason: 'threatening' }, IVAN)),
    ).toEqual(['senior_required']);
    await handToSenior(
      db,
      c.id,
      { seniorName: OLGA.name, seniorId: OLGA.id, reason: 'threatening' },
      IVAN,
      at(2),
    );
    await passToHeadOfSales(db, c.id, 'Требует руководство', IVAN, at(3));
    expect(await refusal(passToHeadOfSales(db, c.id, 'Ещё раз', IVAN, at(4)))).toEqual([
      'already_with_head_of_sales',
    ]);
    await explainRecourse(
      db,
      c.id,
      { routes: ['internal_appeal', 'ru_court'], country: 'RU', language: 'ru' },
      IVAN,
      at(5),
    );
    const stored = (await db.complaints.get(c.id))!;
    expect(stored.progress).toMatchObject({
      senior: { name: OLGA.name, reason: 'threatening' },
      passedToHeadOfSalesAt: at(3).toISOString(),
      recourseExplainedAt: at(5).toISOString(),
    });
    const types = (await complaintHistory(db, c.id)).map((e) => e.type).slice(2);
    expect(types).toEqual([
      'customer_info_added',
      'handed_to_senior',
      'passed_to_head_of_sales',
      'recourse_explained',
    ]);
    expect((await db.outbox.toArray()).map((o) => o.type)).toEqual([
      'complaint.register',
      ...types.map(() => 'complaint.event'),
    ]);
  });
});

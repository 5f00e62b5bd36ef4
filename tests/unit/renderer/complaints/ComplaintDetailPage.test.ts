import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  appendEvent,
  changeStatus,
  recordDocumentPrinted,
  recordEvent,
  registerComplaint,
} from '../../../../renderer/complaints/actions';
import { ComplaintDetailPage } from '../../../../renderer/complaints/ComplaintDetailPage';
import { complaintHistory } from '../../../../renderer/complaints/queries';
import { DbProvider } from '../../../../renderer/db/context';
import type { OtklikDatabase } from '../../../../renderer/db/database';
import { initI18n, i18next } from '../../../../renderer/i18n';
import { historyEventKey } from '../../../../shared/complaints/history';
import {
  EVENT_TYPES,
  type ComplaintEventType,
  type ComplaintStatus,
} from '../../../../shared/complaints/model';
import { VALID } from '../../shared/handling/fixtures';
import { TRANSITIONS, type DecisionInput, type StatusChangeData } from '../../../../shared/lifecycle';
import { LANGUAGES } from '../../../../shared/settings/workstation';
import { OLGA, input, now, openDb, settings, signedInAs, pageRoots } from '../fixtures';

// R12/R25, issue 19 in a real Chromium: the detail page's history of a complaint that went through every
// event type and every status change reads as events in all five languages. Before the fix, the preliminary
// answer and the term extension showed their button labels («Іваненко Записати попередню відповідь»).

const actor = OLGA;
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const upheld: DecisionInput = { outcome: 'upheld', justification: 'Чек подтверждает покупку' };

/** Registers a letter and walks it through every event type and every transition of the lifecycle. */
async function fullHistory(db: OtklikDatabase): Promise<string> {
  const s = settings();
  const letter = input('Письмо: не вернули деньги за чайник', {
    channel: 'post',
    customer: {
      name: 'Петров',
      phone: '',
      email: '',
      address: 'Москва, ул. Ленина, 5',
      preferredContact: 'post',
    },
  });
  const c = await registerComplaint(db, letter, s, OLGA, now);
  let minute = 0;
  let status: ComplaintStatus = c.status;
  const step = async (to: ComplaintStatus, extra: Record<string, unknown> = {}) => {
    await changeStatus(db, c.id, { to, expectedFrom: status, ...extra }, actor, at(++minute));
    status = to;
  };
  await recordEvent(db, c.id, 'note_added', 'Клиент прислал фото чека', actor, at(++minute));
  await step('registered');
  await recordEvent(db, c.id, 'preliminary_answer_sent', 'Сообщили, что проверяем', actor, at(++minute));
  await recordEvent(db, c.id, 'term_extended', 'Ждём ответа поставщика', actor, at(++minute));
  // The feedback-book flow (renderer/book/actions submitEntry, see book.test.ts) appends this very event.
  const complaint = (await db.complaints.get(c.id))!;
  await appendEvent(db, complaint, {
    id: crypto.randomUUID(),
    complaintId: c.id,
    type: 'book_entry_linked',
    at: at(++minute).toISOString(),
    actor: actor.name,
    actorId: actor.id,
    data: { entryId: '0193b8a0-0000-7000-8000-000000000009', pages: 2 },
  });
  // R14: the head of sales took it over at HQ; the branch receives this event with its pull.
  await appendEvent(db, (await db.complaints.get(c.id))!, {
    id: crypto.randomUUID(),
    complaintId: c.id,
    type: 'owner_changed',
    at: at(++minute).toISOString(),
    actor: actor.name,
    actorId: '0193b8a0-0000-7000-8000-00000000000a',
    data: { owner: { id: '0193b8a0-0000-7000-8000-00000000000a', name: 'Соколова' }, escalated: true },
  });
  // Issue 16: the acknowledgement printed on the receipt roll, in Czech.
  await recordDocumentPrinted(
    db,
    c.id,
    { document: 'acknowledgement', paper: 'receipt80', language: 'cs' },
    actor,
    at(++minute),
  );
  await step('in_review');
  await step('decided', { decision: upheld });
  await step('in_review', { reason: 'Руководство не утвердило' }); // reopen from decided
  await step('decided', { decision: upheld });
  await step('customer_informed');
  await step('in_review', { reason: 'Клиент сразу оспорил' }); // reopen from customer_informed
  await step('decided', { decision: upheld });
  await step('customer_informed');
  await step('follow_up', { followUp: { outcome: 'rejected', satisfaction: 2, recourseInformed: true } });
  await step('in_review', { reason: 'Клиент не удовлетворён' }); // reopen from follow_up
  await step('decided', { decision: upheld });
  await step('customer_informed');
  await step('follow_up', { followUp: { outcome: 'accepted', satisfaction: 5 } });
  await step('closed');
  await step('in_review', { reason: 'Новые факты' }); // reopen from closed
  // Issue 15's events (callbacks, corrections, merge, escalation, compensation, tasks, recourse…) whose
  // screens are being built: stored as a pull from HQ stores them, with the data the app will write.
  const present = new Set((await db.events.where('complaintId').equals(c.id).toArray()).map((e) => e.type));
  const later = Object.entries(VALID).filter(([type]) => !present.has(type as ComplaintEventType));
  await db.events.bulkAdd(
    later.map(([type, data], i) => ({
      id: `019a1f52-7c3e-7d10-9b7e-${(0xf000 + i).toString(16).padStart(12, '0')}`,
      complaintId: c.id,
      type: type as ComplaintEventType,
      at: new Date(now.getTime() + (i + 1) * 60_000).toISOString(),
      actor: OLGA.name,
      actorId: OLGA.id,
      data,
    })),
  );
  return c.id;
}

const errors: string[] = [];
const roots = pageRoots();
beforeAll(async () => {
  const original = console.error;
  console.error = (...args: unknown[]) => {
    errors.push(args.map(String).join(' '));
    original(...args);
  };
  await initI18n('ru');
});

async function renderHistory(db: OtklikDatabase, id: string, expected: number): Promise<HTMLElement[]> {
  const { root, host } = roots.mount();
  root.render(
    createElement(
      I18nextProvider,
      { i18n: i18next },
      createElement(DbProvider, {
        db,
        children: signedInAs(OLGA, createElement(ComplaintDetailPage, { id, settings: settings() })),
      }),
    ),
  );
  await expect.poll(() => host.querySelectorAll('[data-testid="history-event"]').length).toBe(expected);
  return [...host.querySelectorAll<HTMLElement>('[data-testid="history-event"]')];
}

describe('complaint history', () => {
  it('the walk covers every event type and every transition of the lifecycle', async () => {
    const db = openDb();
    await fullHistory(db);
    const events = await db.events.toArray();
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
    const moves = events
      .filter((e) => e.type === 'status_changed')
      .map((e) => `${(e.data as StatusChangeData).from}→${(e.data as StatusChangeData).to}`);
    expect(new Set(moves)).toEqual(new Set(TRANSITIONS.map((r) => `${r.from}→${r.to}`)));
  });

  it.each(LANGUAGES)('%s: every line is an event that happened, never a button label', async (lng) => {
    const db = openDb();
    const id = await fullHistory(db);
    const events = await complaintHistory(db, id);
    const { number } = (await db.complaints.get(id))!;
    await i18next.changeLanguage(lng);
    const lines = await renderHistory(db, id, events.length);

    const t = i18next.getFixedT(lng, 'complaints');
    const lifecycle = i18next.getResourceBundle(lng, 'lifecycle') as Record<string, Record<string, string>>;
    const buttons = [...Object.values(lifecycle.timeline!), ...Object.values(lifecycle.transition!)];
    for (const line of lines) {
      const type = line.dataset.type as (typeof EVENT_TYPES)[number];
      const text = line.textContent!;
      expect(text).toContain(actor.name);
      expect(text).toContain(t(historyEventKey(type), { number, count: 2 }));
      // What a line quotes is the event's data (a note, a document's name: ko «불만 접수 확인서» holds the
      // button «접수 확인»), not its phrase.
      const phrase = [...line.childNodes]
        .map((n) => (n instanceof HTMLElement ? [...n.childNodes] : [n]))
        .flat()
        .filter((n) => !(n instanceof HTMLElement && n.tagName === 'Q'))
        .map((n) => n.textContent)
        .join('');
      for (const label of buttons)
        expect(phrase.toLowerCase(), `${type}: «${text}» shows the button «${label}»`).not.toContain(
          label.toLowerCase(),
        );
    }
    // Every status change names both statuses.
    const changes = lines.filter((l) => l.dataset.type === 'status_changed');
    const data = events.filter((e) => e.type === 'status_changed').map((e) => e.data as StatusChangeData);
    expect(changes).toHaveLength(data.length);
    changes.forEach((line, i) => {
      expect(line.textContent).toContain(`${t(`status.${data[i]!.from}`)} → ${t(`status.${data[i]!.to}`)}`);
    });
    // Issue 16: a print names the document and its paper in the screen's language.
    const printed = lines.find((l) => l.dataset.type === 'document_printed')!;
    const docs = i18next.getFixedT(lng, 'documents');
    expect(printed.textContent).toContain(docs('print.kind.acknowledgement'));
    expect(printed.textContent).toContain(docs('print.format.receipt80'));
    expect(errors).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { addPage, recordFallback, removePage, submitEntry } from '../../../../renderer/book/actions';
import { decodeImport, encodePage } from '../../../../renderer/book/imaging';
import {
  addNote,
  changeStatus,
  recordEvent,
  registerComplaint,
} from '../../../../renderer/complaints/actions';
import { complaintHistory } from '../../../../renderer/complaints/queries';
import { emptyComplaintInput } from '../../../../shared/complaints/model';
import { operationPayloads, type OutboxOperation } from '../../../../shared/sync/operations';
import { IVAN, OLGA, input, now, openDb, settings } from '../fixtures';

// Issue 14, R12, R24: every event and operation is attributed to the signed-in employee — their id
// (`actorId`) and their name (`actor`, `receivedBy`, `capturedBy`, `by`) — not to a name typed in settings.
const later = (min: number) => new Date(now.getTime() + min * 60_000);

async function page(seed: number) {
  const canvas = new OffscreenCanvas(600, 800);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 600, 800);
  ctx.fillStyle = '#123';
  ctx.fillText(`Страница ${seed}`, 40, 40 + seed);
  const { bitmap, sourceSha256 } = await decodeImport(await canvas.convertToBlob({ type: 'image/png' }));
  return {
    image: await encodePage(bitmap, { longEdge: 2000, quality: 0.85 }, sourceSha256),
    source: 'import' as const,
  };
}

const payloads = async (db: ReturnType<typeof openDb>) =>
  (await db.outbox.orderBy('deviceSeq').toArray()).map((o: OutboxOperation) => ({
    type: o.type,
    payload: operationPayloads[o.type].parse(o.payload) as Record<string, unknown>,
  }));

describe('attribution to the signed-in employee', () => {
  it('a complaint and each step of it carry who did it, in the history and in the ops for HQ', async () => {
    const db = openDb();
    const c = await registerComplaint(db, input(), settings(), OLGA, now, { acknowledged: true });
    expect(c.receivedBy).toBe(OLGA.name);
    // Ivan takes over at the counter (switch of user): his steps are his.
    await changeStatus(db, c.id, { to: 'in_review', expectedFrom: 'registered' }, IVAN, later(1));
    await addNote(db, c.id, 'Клиент принёс чек', IVAN, later(2));
    await recordEvent(db, c.id, 'term_extended', 'Ждём поставщика', OLGA, later(3));

    const history = await complaintHistory(db, c.id);
    expect(history.map((e) => [e.type, e.actor, e.actorId])).toEqual([
      ['created', OLGA.name, OLGA.id],
      ['status_changed', OLGA.name, OLGA.id],
      ['status_changed', IVAN.name, IVAN.id],
      ['note_added', IVAN.name, IVAN.id],
      ['term_extended', OLGA.name, OLGA.id],
    ]);
    const ops = await payloads(db);
    const sent = ops.flatMap(({ payload }) =>
      'events' in payload
        ? (payload.events as typeof history)
        : 'event' in payload
          ? [payload.event as (typeof history)[0]]
          : [],
    );
    expect(sent.map((e) => [e.id, e.actor, e.actorId])).toEqual(
      history.map((e) => [e.id, e.actor, e.actorId]),
    );
    expect((ops[0]!.payload.complaint as { receivedBy: string }).receivedBy).toBe(OLGA.name);
  });

  it('feedback-book pages, their removal, the entry’s link to its complaint and the fallback name the employee', async () => {
    const db = openDb();
    const s = settings();
    const { entry } = await addPage(db, null, await page(1), s, OLGA, now);
    const second = await addPage(db, entry.id, await page(2), s, IVAN, now);
    await removePage(db, second.page.id, IVAN, now);
    expect(entry.capturedBy).toBe(OLGA.name);
    const raw = {
      ...emptyComplaintInput('feedback_book', now),
      description: 'Запись в книге: долго ждал',
      noContactReason: 'Не оставил контактов',
    };
    await submitEntry(db, entry.id, { kind: 'new', input: raw }, s, IVAN, later(1));
    const pages0 = await db.bookPages.where('entryId').equals(entry.id).toArray();
    await recordFallback(db, entry.id, [pages0[0]!.sha256], IVAN, later(2));

    const pages = await db.bookPages.where('entryId').equals(entry.id).toArray();
    expect(pages.map((p) => p.capturedBy).sort()).toEqual([IVAN.name, OLGA.name].sort());
    const ops = await payloads(db);
    const byType = (t: string) => ops.filter((o) => o.type === t).map((o) => o.payload);
    expect(byType('book.page.add').map((p) => (p.page as { capturedBy: string }).capturedBy)).toEqual([
      OLGA.name,
      IVAN.name,
    ]);
    expect(byType('book.page.remove').map((p) => p.by)).toEqual([IVAN.name]);
    expect(byType('book.entry.fallback').map((p) => p.by)).toEqual([IVAN.name]);
    const registered = byType('complaint.register')[0]!;
    expect((registered.complaint as { receivedBy: string }).receivedBy).toBe(IVAN.name);
    expect((registered.events as Array<{ actorId: string }>).map((e) => e.actorId)).toEqual([IVAN.id]);
    const linked = byType('complaint.event').map(
      (p) => p.event as { type: string; actor: string; actorId: string },
    );
    expect(linked).toEqual([
      expect.objectContaining({ type: 'book_entry_linked', actor: IVAN.name, actorId: IVAN.id }),
    ]);
  });
});

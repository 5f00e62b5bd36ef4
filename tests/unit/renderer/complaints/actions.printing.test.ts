import { describe, expect, it } from 'vitest';
import { recordDocumentPrinted, registerComplaint } from '../../../../renderer/complaints/actions';
import { complaintHistory } from '../../../../renderer/complaints/queries';
import { operationPayloads } from '../../../../shared/sync/operations';
import { OLGA, input, now, openDb, settings } from '../fixtures';

// Issue 16 (R9, R25) through the real store (Chromium IndexedDB): a print is a history event with its outbox
// operation, written together; a malformed one or one for a complaint that is not here writes nothing.

const later = new Date(now.getTime() + 60_000);

describe('recordDocumentPrinted', () => {
  it('appends document_printed to the history and queues it as complaint.event, in one step', async () => {
    const db = openDb();
    const c = await registerComplaint(db, input(), settings(), OLGA, now, { acknowledged: true });
    await db.outbox.clear();
    const event = await recordDocumentPrinted(
      db,
      c.id,
      { document: 'acknowledgement', paper: 'receipt80', language: 'ko' },
      OLGA,
      later,
    );
    expect(event).toMatchObject({
      complaintId: c.id,
      type: 'document_printed',
      at: later.toISOString(),
      actor: OLGA.name,
      actorId: OLGA.id,
      data: { document: 'acknowledgement', paper: 'receipt80', language: 'ko' },
    });
    expect((await complaintHistory(db, c.id)).map((e) => e.type)).toEqual([
      'created',
      'status_changed',
      'document_printed',
    ]);
    const ops = await db.outbox.toArray();
    expect(ops.map((o) => o.type)).toEqual(['complaint.event']);
    expect(ops[0]!.payload).toEqual({ event });
    // What HQ will accept from a branch (shared/sync/operations): the op syncs.
    expect(operationPayloads['complaint.event'].safeParse(ops[0]!.payload).success).toBe(true);
    // Printing does not move the complaint along its lifecycle.
    expect((await db.complaints.get(c.id))?.status).toBe('registered');
  });

  it('refuses a paper or language it does not know, and writes nothing', async () => {
    const db = openDb();
    const c = await registerComplaint(db, input(), settings(), OLGA, now);
    const before = { events: await db.events.count(), outbox: await db.outbox.count() };
    await expect(
      recordDocumentPrinted(
        db,
        c.id,
        // @ts-expect-error: a value the contract does not have, as a corrupted caller would send it
        { document: 'record', paper: 'napkin', language: 'ru' },
        OLGA,
        later,
      ),
    ).rejects.toThrow();
    await expect(
      recordDocumentPrinted(
        db,
        c.id,
        // @ts-expect-error: see above
        { document: 'record', paper: 'a4', language: 'de' },
        OLGA,
        later,
      ),
    ).rejects.toThrow();
    expect({ events: await db.events.count(), outbox: await db.outbox.count() }).toEqual(before);
  });

  it('fails for a complaint that is not in this store, and writes nothing', async () => {
    const db = openDb();
    await expect(
      recordDocumentPrinted(
        db,
        '0190c3a0-0000-7000-8000-00000000abcd',
        { document: 'record', paper: 'a4', language: 'ru' },
        OLGA,
        later,
      ),
    ).rejects.toThrow(/No complaint/);
    expect(await db.events.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { HqClient } from '../../../../renderer/sync/client';
import { SyncEngine } from '../../../../renderer/sync/engine';
import type { BookEntry } from '../../../../shared/book/model';
import { pullResponseSchema } from '../../../../shared/sync/protocol';
import { openDb } from '../fixtures';

// R7, R8, R11: what HQ says on pull about a feedback-book entry's e-mail lands on the entry, as validated
// by the shared pull schema (an unknown newer state is accepted, not a failed pull).

const entry: BookEntry = {
  id: '0193b8a0-0000-7000-8000-0000000000aa',
  branchCode: 'MSK-01',
  state: 'submitted',
  capturedAt: '2026-11-23T07:00:00Z',
  capturedBy: 'Ольга Иванова',
  deadline: '2026-11-24T08:00:00Z',
  pageHashes: [],
  fallbacks: [],
  updatedAt: '2026-11-23T07:00:00Z',
};

describe('pull of a feedback-book entry', () => {
  it('stores the mail state, then the named delivery and the escalation', async () => {
    const db = openDb();
    await db.bookEntries.put(entry);
    const engine = new SyncEngine(db, {} as HqClient);
    const failed = pullResponseSchema.parse({
      changes: [
        {
          version: 3,
          kind: 'book_entry',
          entry: {
            id: entry.id,
            mail: { state: 'failed', attempts: 1, lastError: '550 5.1.1 Recipient address rejected' },
            escalatedAt: '2026-11-23T07:05:00Z',
            escalatedTo: 'Сергей Кузнецов',
          },
        },
      ],
      cursor: 3,
      more: false,
    });
    await engine.applyChanges(failed.changes, failed.cursor);
    expect(await db.bookEntries.get(entry.id)).toMatchObject({
      mail: { state: 'failed', attempts: 1, lastError: '550 5.1.1 Recipient address rejected' },
      escalatedTo: 'Сергей Кузнецов',
    });

    const sent = pullResponseSchema.parse({
      changes: [
        {
          version: 4,
          kind: 'book_entry',
          entry: {
            id: entry.id,
            delivery: {
              sentAt: '2026-11-23T07:12:00Z',
              to: ['manager@example.ru'],
              cc: [],
              messageId: '<m@otklik>',
              onTime: true,
              toName: 'Ирина Смирнова',
            },
            mail: { state: 'sent', attempts: 2 },
          },
        },
      ],
      cursor: 4,
      more: false,
    });
    await engine.applyChanges(sent.changes, sent.cursor);
    const stored = await db.bookEntries.get(entry.id);
    expect(stored?.delivery?.toName).toBe('Ирина Смирнова');
    expect(stored?.mail).toEqual({ state: 'sent', attempts: 2 });
    expect(stored?.escalatedTo).toBe('Сергей Кузнецов');
  });

  it('a mail state this version does not know still parses', () => {
    expect(() =>
      pullResponseSchema.parse({
        changes: [
          {
            version: 1,
            kind: 'book_entry',
            entry: { id: entry.id, mail: { state: 'queued_v9', attempts: 0 } },
          },
        ],
        cursor: 1,
        more: false,
      }),
    ).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { addNote, registerComplaint } from '../../../renderer/complaints/actions';
import { createHqClient, HqRequestError, type HqClient } from '../../../renderer/sync/client';
import { SyncEngine } from '../../../renderer/sync/engine';
import {
  META,
  readMeta,
  syncStatus,
  type HqLink,
  type OutboxRow,
  type Rejection,
} from '../../../renderer/sync/state';
import type { PushOperation, PullResponse } from '../../../shared/sync/protocol';
import { input, now, openDb, settings } from './fixtures';

// The engine against real IndexedDB, with HQ's answers scripted: what leaves the outbox, what stays, what
// the Sync screen learns. (Against a real HQ: tests/e2e/sync-faults.spec.ts.)

const link: HqLink = {
  hqUrl: 'http://hq.invalid',
  token: 't'.repeat(43),
  deviceId: '0190c3a0-0000-7000-8000-000000000001',
  branch: {
    code: 'MSK-01',
    name: 'Москва',
    country: 'RU',
    timeZone: 'Europe/Moscow',
    language: 'ru',
    managerName: '',
    managerEmail: '',
    headOfSalesName: '',
    headOfSalesEmail: '',
  },
  enrolledAt: now.toISOString(),
};

function scripted(overrides: Partial<HqClient>): HqClient {
  const fail = async () => {
    throw new Error('not scripted');
  };
  return {
    enroll: fail,
    push: fail,
    hasPhoto: fail,
    putPhoto: fail,
    pull: async (): Promise<PullResponse> => ({ changes: [], cursor: 0, more: false }),
    ...overrides,
  } as HqClient;
}

async function connectedDb() {
  const db = openDb();
  await db.meta.put({ key: META.link, value: link });
  return db;
}

describe('sync engine', () => {
  it('removes acknowledged ops (applied or rejected) and keeps the refusals for the Sync screen', async () => {
    const db = await connectedDb();
    const c = await registerComplaint(db, input(), settings(), now);
    await addNote(db, c.id, 'Перезвонил', 'Ольга', now);
    await addNote(db, c.id, 'Ещё раз', 'Ольга', now);
    const pushed: PushOperation[][] = [];
    const engine = new SyncEngine(
      db,
      scripted({
        push: async (_c, ops) => {
          pushed.push(ops);
          return {
            results: ops.map((o, i) => ({
              opId: o.opId,
              outcome: i === 1 ? ('rejected' as const) : ('applied' as const),
              ...(i === 1 ? { reason: 'stale_status' } : {}),
              duplicate: false,
            })),
          };
        },
      }),
      { batchSize: 2 },
    );
    expect(await engine.runCycle()).toBe('synced');
    expect(pushed.map((b) => b.map((o) => o.deviceSeq))).toEqual([[1, 2], [3]]);
    expect(await db.outbox.count()).toBe(0);
    const rejections = await readMeta<Rejection[]>(db, META.rejections);
    expect(rejections?.map((r) => [r.deviceSeq, r.reason])).toEqual([[2, 'stale_status']]);
    expect((await syncStatus(db)).lastSuccessAt).toBeDefined();
  });

  it('a failed push keeps every op, counts the attempt and says why', async () => {
    const db = await connectedDb();
    await registerComplaint(db, input(), settings(), now);
    const engine = new SyncEngine(
      db,
      scripted({
        push: async () => {
          throw new HqRequestError('server', 'HTTP 500', 500, 'internal_error');
        },
      }),
    );
    expect(await engine.runCycle()).toBe('failed');
    expect(await engine.runCycle()).toBe('failed');
    const [row] = (await db.outbox.toArray()) as OutboxRow[];
    expect(row).toMatchObject({ attempts: 2, lastError: 'HTTP 500' });
    expect((await syncStatus(db)).lastError).toMatchObject({ kind: 'server', code: 'internal_error' });
  });

  it('an op HQ did not acknowledge stays queued and the cycle counts as failed', async () => {
    const db = await connectedDb();
    await registerComplaint(db, input(), settings(), now);
    await registerComplaint(db, input(), settings(), now);
    const engine = new SyncEngine(
      db,
      scripted({
        push: async (_c, ops) => ({
          results: ops
            .slice(0, 1)
            .map((o) => ({ opId: o.opId, outcome: 'applied' as const, duplicate: false })),
        }),
      }),
    );
    expect(await engine.runCycle()).toBe('failed');
    expect((await db.outbox.toArray()).map((o) => o.deviceSeq)).toEqual([2]);
  });

  it('pull: HQ state replaces the local complaint unless local changes are still queued; the cursor moves', async () => {
    const db = await connectedDb();
    const c = await registerComplaint(db, input(), settings(), now, { acknowledged: true });
    const atHq = {
      ...c,
      status: 'in_review' as const,
      progress: { ...c.progress, status: 'in_review' as const },
    };
    const engine = new SyncEngine(
      db,
      scripted({
        pull: async (_c, cursor) =>
          cursor === 0
            ? { changes: [{ version: 7, kind: 'complaint', complaint: atHq }], cursor: 7, more: true }
            : { changes: [], cursor, more: false },
      }),
    );
    // The registration is still queued: the local record stays as it is.
    await engine.pullChanges({ hqUrl: link.hqUrl, token: link.token });
    expect((await db.complaints.get(c.id))?.status).toBe('registered');
    expect(await readMeta<number>(db, META.cursor)).toBe(7);

    await db.outbox.clear();
    await db.meta.put({ key: META.cursor, value: 0 });
    await engine.pullChanges({ hqUrl: link.hqUrl, token: link.token });
    expect((await db.complaints.get(c.id))?.status).toBe('in_review');
  });

  it('photos: uploaded ones are marked; a failing one keeps its attempts and error; others still go', async () => {
    const db = await connectedDb();
    const at = now.toISOString();
    for (const sha of ['a', 'b', 'c'].map((x) => x.repeat(64)))
      await db.photos.add({
        sha256: sha,
        blob: new Blob([sha]),
        mime: 'image/jpeg',
        size: 64,
        createdAt: at,
        uploadState: 'pending',
      });
    const put: string[] = [];
    const engine = new SyncEngine(
      db,
      scripted({
        putPhoto: async (_c, sha) => {
          if (sha.startsWith('b')) throw new HqRequestError('refused', 'hash mismatch', 422, 'hash_mismatch');
          put.push(sha);
        },
      }),
      { photoSlots: 2 },
    );
    expect(await engine.runCycle()).toBe('failed');
    expect(put.sort()).toEqual(['a'.repeat(64), 'c'.repeat(64)]);
    expect(await db.photos.get('b'.repeat(64))).toMatchObject({
      uploadState: 'pending',
      attempts: 1,
      lastError: 'hash mismatch',
    });
    expect((await db.photos.get('a'.repeat(64)))?.uploadState).toBe('uploaded');
  });

  it('photos: every one is marked when the upload returns; one removed meanwhile is not sent', async () => {
    const db = await connectedDb();
    const at = now.toISOString();
    const shas = ['1', '2', '3', '4'].map((x) => x.repeat(64));
    for (const sha of shas)
      await db.photos.add({
        sha256: sha,
        blob: new Blob([sha]),
        mime: 'image/jpeg',
        size: 64,
        createdAt: at,
        uploadState: 'pending',
      });
    const put: string[] = [];
    const engine = new SyncEngine(
      db,
      scripted({
        putPhoto: async (_c, sha) => {
          put.push(sha);
          // The page of photo 4 is removed while photo 1 is on its way.
          if (sha === shas[0]) await db.photos.delete(shas[3]!);
        },
      }),
      { photoSlots: 1 },
    );
    expect(await engine.uploadPhotos({ hqUrl: 'http://hq.invalid', token: 'x' })).toBeUndefined();
    expect(put).toEqual(shas.slice(0, 3));
    expect((await db.photos.toArray()).map((p) => [p.sha256, p.uploadState, p.attempts])).toEqual(
      shas.slice(0, 3).map((sha) => [sha, 'uploaded', 1]),
    );
  });
});

describe('HQ client', () => {
  it('a request that hangs is cut off by its time limit, freeing the slot', async () => {
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
      );
    const client = createHqClient(hanging);
    const started = performance.now();
    const error = await client
      .putPhoto({ hqUrl: 'http://hq.invalid', token: 'x' }, 'a'.repeat(64), new Blob(['x']), 100)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HqRequestError);
    expect((error as HqRequestError).kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("keeps HQ's code and message and sorts statuses into kinds", async () => {
    const answer =
      (status: number, body: unknown): typeof fetch =>
      async () =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const conn = { hqUrl: 'http://hq.invalid', token: 'x' };
    const cases: Array<[number, string]> = [
      [401, 'unauthorized'],
      [500, 'server'],
      [503, 'server'],
      [413, 'refused'],
    ];
    for (const [status, kind] of cases) {
      const e = (await createHqClient(answer(status, { code: 'c', message: 'why' }))
        .pull(conn, 0)
        .catch((x: unknown) => x)) as HqRequestError;
      expect([e.kind, e.status, e.code, e.message]).toEqual([kind, status, 'c', 'why']);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { attachmentBytes } from '../../../../../renderer/complaints/handling/attachmentBytes';
import { addPhoto } from '../../../../../renderer/db/photoBytes';
import { sha256Hex } from '../../../../../renderer/platform/sha256';
import { createHqClient, type Fetch } from '../../../../../renderer/sync/client';
import { META } from '../../../../../renderer/sync/state';
import { HQ_PATHS } from '../../../../../shared/sync/protocol';
import { hqLink, openDb } from '../../fixtures';

// Issue 15 (R3, R23) in a real Chromium: a file attached on another PC of the branch is fetched from HQ when
// it is opened here, checked against its SHA-256, kept in IndexedDB from then on, and never uploaded again;
// offline, not yet at HQ, damaged or refused, it says which, and nothing is kept.

const link = hqLink();
const bytes = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');

async function file() {
  return { sha256: await sha256Hex(bytes.buffer), mime: 'application/pdf' as const, size: bytes.length };
}

/** A client whose fetch answers with `answer` (or throws it), recording the requests. */
function hq(answer: () => Response | Promise<Response>) {
  const asked: Array<{ url: string; authorization: string | null }> = [];
  const fetchImpl: Fetch = async (input, init) => {
    asked.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
    return answer();
  };
  return { client: createHqClient(fetchImpl), asked };
}

async function connectedDb() {
  const db = openDb();
  await db.meta.put({ key: META.link, value: link });
  return db;
}

describe('attachmentBytes', () => {
  it('this PC’s own copy is used as it is, without asking HQ', async () => {
    const db = await connectedDb();
    const f = await file();
    const blob = new Blob([bytes], { type: f.mime });
    await db.transaction('rw', db.photos, db.photoBytes, () =>
      addPhoto(
        db,
        { ...f, use: 'attachment', createdAt: '2026-03-02T09:00:00.000Z', uploadState: 'pending' },
        blob,
      ),
    );
    const { client, asked } = hq(() => new Response(null, { status: 500 }));
    const got = await attachmentBytes(db, f, client);
    expect(got.ok && (await got.blob.text())).toBe('%PDF-1.7\n%%EOF\n');
    expect(asked).toEqual([]);
  });

  it('a file added on another PC: fetched with the device token, checked, kept as at HQ, then local', async () => {
    const db = await connectedDb();
    const f = await file();
    const { client, asked } = hq(() => new Response(bytes, { status: 200 }));
    const got = await attachmentBytes(db, f, client, () => new Date('2026-03-02T10:00:00Z'));
    expect(got.ok).toBe(true);
    expect(got.ok && got.blob.type).toBe('application/pdf');
    expect(asked).toEqual([
      { url: link.hqUrl + HQ_PATHS.attachment(f.sha256), authorization: `Bearer ${link.token}` },
    ]);
    const kept = (await db.photos.get(f.sha256))!;
    expect(kept).toEqual({
      ...f,
      use: 'attachment',
      createdAt: '2026-03-02T10:00:00.000Z',
      uploadedAt: '2026-03-02T10:00:00.000Z',
      uploadState: 'uploaded',
    });
    expect(await db.photos.where('uploadState').equals('pending').count()).toBe(0);
    expect(await (await db.photoBytes.get(f.sha256))?.text()).toBe('%PDF-1.7\n%%EOF\n');
    // Opened again: from here.
    const again = hq(() => new Response(null, { status: 500 }));
    expect((await attachmentBytes(db, f, again.client)).ok).toBe(true);
    expect(again.asked).toEqual([]);
  });

  it('issue 17: a file whose row is here but whose bytes were lost is fetched, and its bytes are kept again', async () => {
    const db = await connectedDb();
    const f = await file();
    const refusal = { reason: 'damaged_here' as const, at: '2026-03-02T09:30:00.000Z' };
    await db.photos.add({
      ...f,
      use: 'attachment',
      createdAt: '2026-03-02T09:00:00.000Z',
      uploadState: 'refused',
      attempts: 1,
      refusal,
    });
    const { client, asked } = hq(() => new Response(bytes, { status: 200 }));
    const got = await attachmentBytes(db, f, client);
    expect(got.ok && (await got.blob.text())).toBe('%PDF-1.7\n%%EOF\n');
    expect(asked).toHaveLength(1);
    expect(await (await db.photoBytes.get(f.sha256))?.text()).toBe('%PDF-1.7\n%%EOF\n');
    // Refused for want of its bytes, it goes again (the engine asks HQ first: it was tried before).
    expect(await db.photos.get(f.sha256)).toMatchObject({ uploadState: 'pending', attempts: 1 });
    expect((await db.photos.get(f.sha256))?.refusal).toBeUndefined();
  });

  it('bytes that do not hash to the file’s address are neither kept nor shown', async () => {
    const db = await connectedDb();
    const f = await file();
    const { client } = hq(
      () => new Response(new TextEncoder().encode('%PDF-1.7\nsomething else'), { status: 200 }),
    );
    expect(await attachmentBytes(db, f, client)).toEqual({ ok: false, reason: 'damaged' });
    expect(await db.photos.count()).toBe(0);
  });

  it.each([
    ['not connected to HQ', null, 'not_connected'],
    ['HQ unreachable', () => Promise.reject(new TypeError('Failed to fetch')), 'offline'],
    ['HQ has no such file of the branch (yet)', () => new Response('{}', { status: 404 }), 'not_at_hq'],
    [
      'HQ answers with an error',
      () => new Response(JSON.stringify({ code: 'internal_error', message: 'x' }), { status: 500 }),
      'failed',
    ],
    ['HQ says the token is no good', () => new Response('{}', { status: 401 }), 'failed'],
  ] as const)('%s: says why, keeps nothing', async (_what, answer, reason) => {
    const db = answer ? await connectedDb() : openDb();
    const { client } = hq(answer ?? (() => new Response(bytes)));
    expect(await attachmentBytes(db, await file(), client)).toEqual({ ok: false, reason });
    expect(await db.photos.count()).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { registerComplaint } from '../../../../renderer/complaints/actions';
import { addAttachment, removeAttachment } from '../../../../renderer/complaints/handling/attachmentActions';
import type { PhotoRow } from '../../../../renderer/db/database';
import { pendingCounts, refusedAttachments, retryRefusedPhoto } from '../../../../renderer/sync/state';
import { IVAN, input, now, openDb, settings } from '../fixtures';

// Issue 17 (R22, R26): the header badges read indexes, not every photo waiting for HQ.

const sha = (n: number) => String(n).padStart(64, 'a');
const day = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString();

describe('header badges', () => {
  it('the oldest photo not yet at HQ comes from the index, whatever was uploaded before it', async () => {
    const db = openDb();
    const photo = (n: number, createdAt: string, uploadState: 'pending' | 'uploaded') => ({
      sha256: sha(n),
      blob: new Blob(['x']),
      mime: 'image/jpeg' as const,
      size: 1,
      createdAt,
      uploadState,
    });
    await db.photos.bulkPut([
      photo(1, day(-3), 'uploaded'),
      photo(2, day(-2), 'pending'),
      photo(3, day(-1), 'pending'),
    ]);
    expect(await pendingCounts(db)).toEqual({ records: 0, photos: 2, oldestAt: Date.parse(day(-2)) });
  });
});

// Issue 15 (R3, R22): attached files HQ refuses or holds back are listed for the Sync screen with their
// complaint, name and why — until they are taken off every complaint they were on.
describe('refused attached files', () => {
  const pdf = (name: string, text = '%PDF-1.7\n%%EOF\n') =>
    Object.assign(new Blob([text], { type: 'application/pdf' }), { name });

  async function attached(name: string, text?: string) {
    const db = openDb();
    const c = await registerComplaint(db, input('Чек не пробили'), settings(), IVAN, now);
    const e = await addAttachment(db, c.id, pdf(name, text), IVAN, now);
    const sha256 = (e.data as { sha256: string }).sha256;
    return { db, c, sha256, attachmentId: (e.data as { attachmentId: string }).attachmentId };
  }

  it.each<[string, Partial<PhotoRow>, string | undefined]>([
    ['too large (413)', { uploadState: 'refused', refusal: { reason: 'too_large', at: '' } }, 'too_large'],
    ['damaged here', { uploadState: 'refused', refusal: { reason: 'damaged_here', at: '' } }, 'damaged_here'],
    [
      'damaged on the way',
      { uploadState: 'refused', refusal: { reason: 'damaged_on_the_way', at: '' } },
      'damaged_on_the_way',
    ],
    [
      'the branch’s storage at HQ used up (507, still pending)',
      { lastError: { kind: 'http', status: 507, code: 'branch_quota_exceeded' } },
      'quota',
    ],
    [
      'HQ’s disk full (507, still pending)',
      { lastError: { kind: 'http', status: 507, code: 'insufficient_storage' } },
      'hq_full',
    ],
    [
      'HQ unreachable (not a refusal: the pending list says so)',
      { lastError: { kind: 'offline' } },
      undefined,
    ],
    ['at HQ', { uploadState: 'uploaded' }, undefined],
  ])('%s', async (_what, patch, reason) => {
    const { db, c, sha256 } = await attached('Чек № 5.pdf');
    await db.photos.update(sha256, patch);
    const found = await refusedAttachments(db);
    if (!reason) return expect(found).toEqual([]);
    expect(found.map((r) => [r.photo.sha256, r.reason, r.files])).toEqual([
      [sha256, reason, [{ complaintId: c.id, number: c.number, fileName: 'Чек № 5.pdf' }]],
    ]);
  });

  it('a page image HQ refused is not a file (its own list says which page)', async () => {
    const db = openDb();
    await db.photos.add({
      sha256: 'a'.repeat(64),
      blob: new Blob(['x']),
      mime: 'image/jpeg',
      size: 1,
      createdAt: now.toISOString(),
      uploadState: 'refused',
      refusal: { reason: 'too_large', at: '' },
    });
    expect(await refusedAttachments(db)).toEqual([]);
  });

  it('taken off its complaint: nothing left to fix, not listed; "try again" sends it once more', async () => {
    const { db, c, sha256, attachmentId } = await attached('скан.pdf');
    await db.photos.update(sha256, {
      uploadState: 'refused',
      refusal: { reason: 'damaged_on_the_way', at: '' },
    });
    expect(await refusedAttachments(db)).toHaveLength(1);
    await retryRefusedPhoto(db, sha256);
    expect(await db.photos.get(sha256)).toMatchObject({ uploadState: 'pending' });
    expect(await refusedAttachments(db)).toEqual([]);
    await db.photos.update(sha256, { uploadState: 'refused', refusal: { reason: 'too_large', at: '' } });
    await removeAttachment(db, c.id, attachmentId, 'слишком большой', IVAN, now);
    expect(await refusedAttachments(db)).toEqual([]);
  });

  it('the same bytes on two complaints: listed once, with both', async () => {
    const { db, c, sha256 } = await attached('акт.pdf');
    const second = await registerComplaint(db, input('Опять чек'), settings(), IVAN, now);
    await addAttachment(db, second.id, pdf('акт-копия.pdf'), IVAN, now);
    await db.photos.update(sha256, { uploadState: 'refused', refusal: { reason: 'too_large', at: '' } });
    const found = await refusedAttachments(db);
    expect(found.map((r) => r.files.map((f) => [f.number, f.fileName]))).toEqual([
      [
        [c.number, 'акт.pdf'],
        [second.number, 'акт-копия.pdf'],
      ],
    ]);
  });
});

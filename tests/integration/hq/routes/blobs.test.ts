import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HQ_PATHS } from '../../../../shared/sync/protocol';
import {
  call,
  DATABASE_KINDS,
  enroll,
  op,
  registration,
  startHq,
  type RunningHq,
  type TestDevice,
} from '../../harness';
import { event, eventOp, push } from '../complaints/handling';

/**
 * Issue 15 (R3, R23, R24): GET /v1/attachments/{sha256} — a PC of the branch fetches a file attached on
 * another PC of the same branch. Device-authenticated; only bytes attached to a complaint of the device's
 * own branch and uploaded by that branch (scope in SQL); another branch's file is a 404 like one that does
 * not exist; the answer is opaque bytes, never a type the page would run.
 */
describe.each(DATABASE_KINDS)('attachment download on %s', (kind) => {
  let hq: RunningHq;
  let msk1: TestDevice;
  let msk2: TestDevice;
  let spb: TestDevice;
  const complaint: Record<string, string> = {};
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const pdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096)]);
  const put = (device: TestDevice, bytes: Buffer) =>
    call(hq, device, HQ_PATHS.attachment(sha(bytes)), { method: 'PUT', body: new Uint8Array(bytes) });
  const get = (device: TestDevice | null, hash: string, init: RequestInit = {}) =>
    call(hq, device, HQ_PATHS.attachment(hash), init);
  const attach = async (device: TestDevice, complaintId: string, bytes: Buffer) => {
    const added = event(complaintId, 'attachment_added', {
      attachmentId: uuidv7(),
      sha256: sha(bytes),
      fileName: 'Акт.pdf',
      mime: 'application/pdf',
      size: bytes.length,
      kind: 'pdf',
    });
    return (await push(hq, device, [eventOp(device, added)]))[0]!;
  };

  beforeAll(async () => {
    hq = await startHq(kind);
    [msk1, msk2, spb] = [await enroll(hq, 'MSK-01'), await enroll(hq, 'MSK-01'), await enroll(hq, 'SPB-02')];
    for (const [name, device] of [
      ['msk', msk1],
      ['spb', spb],
    ] as const) {
      const reg = registration(device.branchCode);
      expect((await push(hq, device, [op(device, 'complaint.register', reg)]))[0]!.outcome).toBe('applied');
      complaint[name] = reg.complaint.id;
    }
  });
  afterAll(async () => hq?.close());

  it('a file attached on PC 1 is fetched by PC 2 of the same branch: the very bytes, opaque, not cached', async () => {
    const bytes = pdf();
    expect((await attach(msk1, complaint.msk!, bytes)).outcome).toBe('applied');
    // Recorded but its bytes not arrived yet: nothing to give.
    expect((await get(msk2, sha(bytes))).status).toBe(404);
    expect((await put(msk1, bytes)).status).toBe(201);
    const res = await get(msk2, sha(bytes));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    // HEAD still says whether the branch's upload has arrived (the uploader's question), with no body.
    const head = await get(msk2, sha(bytes), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('another branch’s file is a 404 like a file that does not exist, also when its hash is named in an own attachment', async () => {
    const theirs = pdf();
    expect((await attach(spb, complaint.spb!, theirs)).outcome).toBe('applied');
    expect((await put(spb, theirs)).status).toBe(201);
    expect((await get(spb, sha(theirs))).status).toBe(200);
    const refused = await get(msk1, sha(theirs));
    expect(refused.status).toBe(404);
    const body = (await refused.json()) as { code: string };
    expect(body.code).toBe('not_found');
    expect((await get(msk1, sha(randomBytes(32)))).status).toBe(404);
    // Naming their hash on an own complaint proves no possession of the bytes: still 404.
    expect((await attach(msk1, complaint.msk!, theirs)).outcome).toBe('applied');
    expect((await get(msk1, sha(theirs))).status).toBe(404);
    // Sending the very bytes does: now the branch has them itself.
    expect((await put(msk1, theirs)).status).toBe(201);
    expect((await get(msk1, sha(theirs))).status).toBe(200);
  });

  it('a page image of the branch that is no attachment is not served here (photos have no GET for devices)', async () => {
    const image = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2048)]);
    expect(
      (await call(hq, msk1, HQ_PATHS.photo(sha(image)), { method: 'PUT', body: new Uint8Array(image) }))
        .status,
    ).toBe(201);
    expect((await get(msk1, sha(image))).status).toBe(404);
    expect((await call(hq, msk1, HQ_PATHS.photo(sha(image)))).status).toBe(404);
  });

  it('authenticated before anything else; a malformed address is a 400', async () => {
    const bytes = pdf();
    await attach(msk1, complaint.msk!, bytes);
    await put(msk1, bytes);
    expect((await get(null, sha(bytes))).status).toBe(401);
    expect(
      (await call(hq, null, HQ_PATHS.attachment(sha(bytes)), { headers: { authorization: 'Bearer nope' } }))
        .status,
    ).toBe(401);
    expect((await get(msk1, 'not-a-hash')).status).toBe(400);
    expect((await get(msk1, sha(bytes).toUpperCase())).status).toBe(400);
  });

  it('a removed file stays fetchable by its branch (its bytes stay for the record)', async () => {
    const bytes = pdf();
    const added = event(complaint.msk!, 'attachment_added', {
      attachmentId: uuidv7(),
      sha256: sha(bytes),
      fileName: 'x.pdf',
      mime: 'application/pdf',
      size: bytes.length,
      kind: 'pdf',
    });
    const removed = event(complaint.msk!, 'attachment_removed', {
      attachmentId: (added.data as { attachmentId: string }).attachmentId,
      reason: 'не тот файл',
    });
    const results = await push(hq, msk1, [eventOp(msk1, added), eventOp(msk1, removed)]);
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    await put(msk1, bytes);
    expect((await get(msk2, sha(bytes))).status).toBe(200);
    expect((await get(spb, sha(bytes))).status).toBe(404);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_PATHS, type ComplaintDetail } from '../../../../shared/console/protocol';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_COMPLAINT } from '../../../../shared/handling/attachments';
import { HQ_PATHS } from '../../../../shared/sync/protocol';
import { consoleUser, type ConsoleClient } from '../../console-client';
import {
  call,
  count,
  DATABASE_KINDS,
  enroll,
  op,
  registration,
  startHq,
  type RunningHq,
  type TestDevice,
} from '../../harness';
import { event, eventOp, pullAll, push } from './handling';

/**
 * Issue 15 item 2 (R3, R5, R23, R24): files attached to complaints at HQ — the bytes by their own
 * content-addressed upload (stored once, hash verified, at most 25 MiB, a branch device only), the
 * `attachment_added` event applied once with the shared rules within the device's branch, and the
 * console's list and download scoped to the user's branches.
 */
describe.each(DATABASE_KINDS)('attachments at HQ on %s', (kind) => {
  let hq: RunningHq;
  let msk: TestDevice;
  let msk2: TestDevice;
  let spb: TestDevice;
  let mskManager: ConsoleClient;
  let spbManager: ConsoleClient;
  const complaint: Record<string, string> = {};
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(64 * 1024)]);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const put = (device: TestDevice | null, bytes: Buffer, init: RequestInit = {}, address = sha(bytes)) =>
    call(hq, device, HQ_PATHS.attachment(address), { method: 'PUT', body: new Uint8Array(bytes), ...init });
  const added = (complaintId: string, bytes: Buffer, patch: Record<string, unknown> = {}) =>
    event(complaintId, 'attachment_added', {
      attachmentId: uuidv7(),
      sha256: sha(bytes),
      fileName: 'Чек № 5.pdf',
      mime: 'application/pdf',
      size: bytes.length,
      kind: 'pdf',
      ...patch,
    });

  beforeAll(async () => {
    hq = await startHq(kind);
    [msk, spb] = [await enroll(hq, 'MSK-01'), await enroll(hq, 'SPB-02')];
    msk2 = await enroll(hq, 'MSK-01');
    for (const [name, device] of [
      ['msk', msk],
      ['spb', spb],
    ] as const) {
      const reg = registration(device.branchCode);
      expect((await push(hq, device, [op(device, 'complaint.register', reg)]))[0]!.outcome).toBe('applied');
      complaint[name] = reg.complaint.id;
    }
    [mskManager, spbManager] = await Promise.all([
      consoleUser(hq, 'manager', ['MSK-01']),
      consoleUser(hq, 'manager', ['SPB-02']),
    ]);
  });
  afterAll(async () => hq?.close());

  it('the bytes: stored once by their hash, again "already"; the same bytes from another branch are that branch’s but not stored twice', async () => {
    expect((await put(null, pdf)).status).toBe(401);
    expect((await put(msk, pdf)).status).toBe(201);
    const again = await put(msk, pdf);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ sha256: sha(pdf), stored: 'already' });
    expect((await call(hq, msk, HQ_PATHS.attachment(sha(pdf)), { method: 'HEAD' })).status).toBe(200);
    expect((await call(hq, spb, HQ_PATHS.attachment(sha(pdf)), { method: 'HEAD' })).status).toBe(404);
    expect((await put(spb, pdf)).status).toBe(201);
    expect(await count(hq, 'SELECT 1 FROM photos WHERE sha256 = $1', [sha(pdf)])).toBe(1);
    expect(await count(hq, 'SELECT 1 FROM branch_photos WHERE sha256 = $1', [sha(pdf)])).toBe(2);
  });

  it('bytes that do not hash to their address are refused (422) and nothing is kept', async () => {
    const bytes = Buffer.from('%PDF-1.4 damaged on the way');
    const res = await put(msk, bytes, {}, sha(Buffer.from('something else')));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { code: string }).code).toBe('hash_mismatch');
    expect(
      await count(hq, 'SELECT 1 FROM photos WHERE sha256 = $1', [sha(Buffer.from('something else'))]),
    ).toBe(0);
    expect(await count(hq, 'SELECT 1 FROM photos WHERE sha256 = $1', [sha(bytes)])).toBe(0);
    expect((await put(msk, bytes, {}, 'not-a-hash')).status).toBe(400);
    // No bytes are no file.
    expect((await put(msk, Buffer.alloc(0))).status).toBe(400);
  });

  it(`a file over ${MAX_ATTACHMENT_BYTES} bytes is refused with the limit, declared or streamed`, async () => {
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x25);
    const declared = await put(msk, big);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { message: string }).message).toContain(String(MAX_ATTACHMENT_BYTES));
    const streamed = await put(msk, big, { body: new Blob([big]).stream(), duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await count(hq, 'SELECT 1 FROM photos WHERE sha256 = $1', [sha(big)])).toBe(0);
  });

  it('attachment_added: applied once, pulled by the branch’s other PC, waiting for its bytes in the console until they arrive', async () => {
    const late = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2048)]);
    const first = added(complaint.msk!, pdf);
    const second = added(complaint.msk!, late, { fileName: 'photo.jpg', mime: 'image/jpeg', kind: 'photo' });
    const ops = [eventOp(msk, first), eventOp(msk, second)];
    expect((await push(hq, msk, ops)).map((r) => r.outcome)).toEqual(['applied', 'applied']);
    // A retry of the same ops (the answer was lost) changes nothing.
    expect((await push(hq, msk, ops)).map((r) => r.duplicate)).toEqual([true, true]);
    expect(
      await count(hq, 'SELECT 1 FROM complaint_attachments WHERE complaint_id = $1', [complaint.msk]),
    ).toBe(2);
    const { complaints, events } = await pullAll(hq, msk2);
    expect(events.filter((e) => e.type === 'attachment_added').map((e) => e.id)).toEqual([
      first.id,
      second.id,
    ]);
    expect(complaints.get(complaint.msk!)!.progress.attachments).toBe(2);

    const detail = async () =>
      ((await (await mskManager.call(CONSOLE_PATHS.complaint(complaint.msk!))).json()) as ComplaintDetail)
        .attachments!;
    expect((await detail()).map((a) => [a.fileName, a.size, a.arrived])).toEqual([
      ['Чек № 5.pdf', pdf.length, true],
      ['photo.jpg', late.length, false],
    ]);
    const lateId = (second.data as { attachmentId: string }).attachmentId;
    expect((await mskManager.call(CONSOLE_PATHS.attachment(complaint.msk!, lateId))).status).toBe(404);
    expect((await put(msk, late)).status).toBe(201);
    expect((await detail()).map((a) => a.arrived)).toEqual([true, true]);
  });

  it('another branch’s complaint is unknown to a device; a reused attachment id is a conflict; a merged complaint takes no files', async () => {
    const theirs = added(complaint.spb!, pdf);
    const mine = added(complaint.msk!, pdf);
    const reused = added(complaint.msk!, pdf, {
      attachmentId: (mine.data as { attachmentId: string }).attachmentId,
    });
    const results = await push(hq, msk, [eventOp(msk, theirs), eventOp(msk, mine), eventOp(msk, reused)]);
    expect(results.map((r) => r.reason ?? r.outcome)).toEqual(['unknown_complaint', 'applied', 'conflict']);
    expect(
      await count(hq, 'SELECT 1 FROM complaint_attachments WHERE complaint_id = $1', [complaint.spb]),
    ).toBe(0);
  });

  it(`at most ${MAX_ATTACHMENTS_PER_COMPLAINT} files a complaint, by the shared rule`, async () => {
    const reg = registration('MSK-01');
    await push(hq, msk, [op(msk, 'complaint.register', reg)]);
    const ops = Array.from({ length: MAX_ATTACHMENTS_PER_COMPLAINT + 1 }, () =>
      eventOp(msk, added(reg.complaint.id, pdf)),
    );
    const results = await push(hq, msk, ops);
    expect(results.slice(0, -1).every((r) => r.outcome === 'applied')).toBe(true);
    expect(results.at(-1)!.reason).toBe('attachment_limit_reached');
  });

  it('a file taken off: off the console’s list and its downloads, its bytes kept; an unknown or other branch’s file is refused', async () => {
    const reg = registration('MSK-01');
    await push(hq, msk, [op(msk, 'complaint.register', reg)]);
    const file = added(reg.complaint.id, pdf);
    const fileId = (file.data as { attachmentId: string }).attachmentId;
    const removal = (complaintId: string, attachmentId: string) =>
      event(complaintId, 'attachment_removed', { attachmentId, reason: 'Приложен не тот файл' });
    // Not a file of this complaint: none by that id, or another complaint's.
    const results = await push(hq, msk, [
      eventOp(msk, file),
      eventOp(msk, removal(reg.complaint.id, uuidv7())),
      eventOp(msk, removal(complaint.msk!, fileId)),
    ]);
    expect(results.map((r) => r.reason ?? r.outcome)).toEqual([
      'applied',
      'attachment_unknown',
      'attachment_unknown',
    ]);
    // Another branch's device: the complaint is not its own.
    expect((await push(hq, spb, [eventOp(spb, removal(reg.complaint.id, fileId))]))[0]!.reason).toBe(
      'unknown_complaint',
    );
    expect((await push(hq, msk, [eventOp(msk, removal(reg.complaint.id, fileId))]))[0]!.outcome).toBe(
      'applied',
    );
    const detail = (await (
      await mskManager.call(CONSOLE_PATHS.complaint(reg.complaint.id))
    ).json()) as ComplaintDetail;
    expect(detail.attachments).toEqual([]);
    expect(detail.complaint.progress.attachments).toBe(0);
    expect((await mskManager.call(CONSOLE_PATHS.attachment(reg.complaint.id, fileId))).status).toBe(404);
    expect(await count(hq, 'SELECT 1 FROM branch_photos WHERE sha256 = $1', [sha(pdf)])).toBe(2);
  });

  it('the console: a download in scope, as an attachment with a safe type and audited; another branch’s is 404', async () => {
    const html = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
    expect((await put(msk, html)).status).toBe(201);
    const disguised = added(complaint.msk!, html, { fileName: 'scan.png', mime: 'image/png', kind: 'scan' });
    await push(hq, msk, [eventOp(msk, disguised)]);
    const list = (
      (await (await mskManager.call(CONSOLE_PATHS.complaint(complaint.msk!))).json()) as ComplaintDetail
    ).attachments!;
    const pdfId = list.find((a) => a.fileName === 'Чек № 5.pdf')!.id;
    const res = await mskManager.call(CONSOLE_PATHS.attachment(complaint.msk!, pdfId));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="___ _ 5.pdf"; filename*=UTF-8''${encodeURIComponent('Чек № 5.pdf')}`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
    expect(
      await count(
        hq,
        "SELECT 1 FROM admin_audit WHERE action = 'attachment.download' AND after->>'attachmentId' = $1",
        [pdfId],
      ),
    ).toBe(1);
    // Bytes that are not what the branch called them are served as opaque bytes, never as a page.
    const disguisedId = (disguised.data as { attachmentId: string }).attachmentId;
    const served = await mskManager.call(CONSOLE_PATHS.attachment(complaint.msk!, disguisedId));
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
    // Another branch's manager: not found, like a file that does not exist; no session: 401.
    const other = await spbManager.call(CONSOLE_PATHS.attachment(complaint.msk!, pdfId));
    const none = await spbManager.call(CONSOLE_PATHS.attachment(complaint.msk!, uuidv7()));
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual(await none.json());
    expect((await fetch(hq.url + CONSOLE_PATHS.attachment(complaint.msk!, pdfId))).status).toBe(401);
    expect(
      ((await (await spbManager.call(CONSOLE_PATHS.complaint(complaint.spb!))).json()) as ComplaintDetail)
        .attachments,
    ).toEqual([]);
  });
});

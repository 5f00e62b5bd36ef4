import { describe, expect, it } from 'vitest';
import { TransitionRefused, registerComplaint } from '../../../../../renderer/complaints/actions';
import {
  addAttachment,
  removeAttachment,
} from '../../../../../renderer/complaints/handling/attachmentActions';
import { mergeComplaints } from '../../../../../renderer/complaints/handling/mergeActions';
import { sha256Hex } from '../../../../../renderer/platform/sha256';
import { MAX_ATTACHMENT_BYTES } from '../../../../../shared/handling/attachments';
import type { RefusalReason } from '../../../../../shared/lifecycle';
import { IVAN, input, now, openDb, settings } from '../../fixtures';

// R3, R5, R22, R23 through the real store in Chromium: a file attached is its bytes (by SHA-256, once),
// its event and its outbox operation in one transaction; a refused file writes nothing.

const pdfBytes = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
const file = (bytes: BlobPart, name: string, type = '') => new File([bytes], name, { type });

async function refusal(action: Promise<unknown>): Promise<RefusalReason[]> {
  const error = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransitionRefused);
  return (error as TransitionRefused).reasons;
}

describe('addAttachment (R3, R5)', () => {
  it('the bytes, the event and its operation together; the same bytes again are stored once', async () => {
    const db = openDb();
    const c = await registerComplaint(db, input('Чек не пробили'), settings(), IVAN, now);
    const before = await db.outbox.count();
    const event = await addAttachment(
      db,
      c.id,
      file(pdfBytes, 'C:\\Users\\anna\\чек.pdf', 'text/html'),
      IVAN,
      now,
    );
    const sha = await sha256Hex(pdfBytes);
    expect(event.type).toBe('attachment_added');
    expect(event.data).toMatchObject({
      sha256: sha,
      fileName: 'чек.pdf',
      // From the content, not from what the browser said.
      mime: 'application/pdf',
      kind: 'pdf',
      size: pdfBytes.length,
    });
    const row = (await db.photos.get(sha))!;
    expect(row).toMatchObject({ uploadState: 'pending', use: 'attachment', mime: 'application/pdf' });
    expect(row.blob).toBeUndefined(); // the bytes are in their own store (issue 17)
    expect(new Uint8Array(await (await db.photoBytes.get(sha))!.arrayBuffer())).toEqual(pdfBytes);
    const ops = (await db.outbox.toArray()).slice(before);
    expect(ops.map((o) => o.type)).toEqual(['complaint.event']);
    expect((ops[0]!.payload as { event: { id: string } }).event.id).toBe(event.id);

    await addAttachment(db, c.id, file(pdfBytes, 'копия.pdf'), IVAN, now);
    expect(await db.photos.count()).toBe(1);
    expect((await db.complaints.get(c.id))!.progress.attachments).toBe(2);
    expect(
      (await db.events.where('complaintId').equals(c.id).toArray()).filter(
        (e) => e.type === 'attachment_added',
      ),
    ).toHaveLength(2);
  });

  it.each<[string, () => File, RefusalReason[]]>([
    [
      'an HTML page named .pdf',
      () => file('<!doctype html><script>1</script>', 'scan.pdf', 'application/pdf'),
      ['attachment_type_not_allowed'],
    ],
    [
      'a program',
      () => file(new Uint8Array([0x4d, 0x5a, 0x90, 0]), 'setup.jpg'),
      ['attachment_type_not_allowed'],
    ],
    ['an empty file', () => file('', 'empty.pdf'), ['attachment_empty', 'attachment_type_not_allowed']],
    [
      'a byte over the limit',
      () => new File(['%PDF-1.7\n', new Uint8Array(MAX_ATTACHMENT_BYTES + 1 - 9)], 'big.pdf'),
      ['attachment_too_large'],
    ],
  ])('%s is refused and nothing is written', async (_what, make, reasons) => {
    const db = openDb();
    const c = await registerComplaint(db, input('Чек не пробили'), settings(), IVAN, now);
    const before = { ops: await db.outbox.count(), events: await db.events.count() };
    expect(await refusal(addAttachment(db, c.id, make(), IVAN, now))).toEqual(reasons);
    expect(await db.photos.count()).toBe(0);
    expect({ ops: await db.outbox.count(), events: await db.events.count() }).toEqual(before);
  });

  it('a merged complaint takes no files (they go to the survivor)', async () => {
    const db = openDb();
    const older = await registerComplaint(db, input('Сломался чайник'), settings(), IVAN, now);
    const newer = await registerComplaint(
      db,
      input('Чайник опять'),
      settings(2),
      IVAN,
      new Date(now.getTime() + 60_000),
    );
    await mergeComplaints(db, newer.id, older.id, IVAN, new Date(now.getTime() + 120_000));
    expect(await refusal(addAttachment(db, newer.id, file(pdfBytes, 'a.pdf'), IVAN, now))).toEqual([
      'complaint_merged',
    ]);
    expect(await db.photos.count()).toBe(0);
  });

  it('a file taken off with why: its event and op; its bytes stay; not twice, nor without why', async () => {
    const db = openDb();
    const c = await registerComplaint(db, input('Чек не пробили'), settings(), IVAN, now);
    const added = await addAttachment(db, c.id, file(pdfBytes, 'чек.pdf'), IVAN, now);
    const { attachmentId } = added.data as { attachmentId: string };
    expect(await refusal(removeAttachment(db, c.id, attachmentId, '  ', IVAN, now))).toEqual([
      'change_reason_required',
    ]);
    const before = await db.outbox.count();
    const [removed] = await removeAttachment(db, c.id, attachmentId, 'Не тот файл', IVAN, now);
    expect(removed).toMatchObject({
      type: 'attachment_removed',
      data: { attachmentId, reason: 'Не тот файл' },
    });
    expect((await db.outbox.toArray()).slice(before).map((o) => o.type)).toEqual(['complaint.event']);
    expect((await db.complaints.get(c.id))!.progress.attachments).toBe(0);
    expect(await db.photos.count()).toBe(1);
    expect(await refusal(removeAttachment(db, c.id, attachmentId, 'ещё раз', IVAN, now))).toEqual([
      'attachment_unknown',
    ]);
  });
});

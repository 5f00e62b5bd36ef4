import { describe, expect, it } from 'vitest';
import {
  attachmentMimeOf,
  checkAttachment,
  checkCustomerInfo,
  defaultKindOf,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_COMPLAINT,
  MAX_FILE_NAME,
  safeFileName,
  type CustomerInfoInput,
} from '../../../../shared/handling/attachments';
import { HANDLING_EVENT_DATA } from '../../../../shared/handling/event-data';
import type { RefusalReason } from '../../../../shared/lifecycle';

// R3, R5: attachments (photos, scans, PDFs, e-mails) up to a size limit, and later information from the
// customer as its own event.

describe('attachment types', () => {
  it.each<[string, string, string | undefined, string | undefined]>([
    ['photo.JPG', 'image/jpeg', 'image/jpeg', 'photo'],
    ['scan.pdf', 'application/pdf; charset=binary', 'application/pdf', 'pdf'],
    ['letter.eml', '', 'message/rfc822', 'eml'],
    ['letter.eml', 'application/octet-stream', 'message/rfc822', 'eml'],
    ['receipt.docx', '', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'other'],
    ['run.exe', 'application/x-msdownload', undefined, undefined],
    ['page.html', 'text/html', undefined, undefined],
    ['image.svg', 'image/svg+xml', undefined, undefined],
    ['no-extension', '', undefined, undefined],
  ])('%s (%j): %s', (name, reported, mime, kind) => {
    const m = attachmentMimeOf(name, reported);
    expect(m).toBe(mime);
    if (m) expect(defaultKindOf(m)).toBe(kind);
  });
});

describe('safeFileName', () => {
  it.each([
    ['C:\\Users\\anna\\Desktop\\чек.pdf', 'чек.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['bad\u0000name\n.png', 'badname.png'],
    ['..', 'file'],
    ['   ', 'file'],
    ['dir/', 'file'],
  ])('%j → %j', (name, safe) => expect(safeFileName(name)).toBe(safe));

  it(`cuts at ${MAX_FILE_NAME} characters, never inside a character`, () => {
    const cut = safeFileName('😀'.repeat(300));
    expect([...cut]).toHaveLength(MAX_FILE_NAME);
    expect(cut.endsWith('😀')).toBe(true);
  });
});

describe('checkAttachment', () => {
  it.each<[string, { fileName: string; mime: string; size: number }, number, RefusalReason[]]>([
    ['a photo', { fileName: 'a.jpg', mime: 'image/jpeg', size: 2_000_000 }, 0, []],
    ['exactly the limit', { fileName: 'a.pdf', mime: '', size: MAX_ATTACHMENT_BYTES }, 3, []],
    [
      'a byte over',
      { fileName: 'a.pdf', mime: '', size: MAX_ATTACHMENT_BYTES + 1 },
      0,
      ['attachment_too_large'],
    ],
    ['empty', { fileName: 'a.pdf', mime: '', size: 0 }, 0, ['attachment_empty']],
    ['not a size', { fileName: 'a.pdf', mime: '', size: Number.NaN }, 0, ['attachment_empty']],
    ['a program', { fileName: 'a.exe', mime: '', size: 10 }, 0, ['attachment_type_not_allowed']],
    [
      'one too many',
      { fileName: 'a.jpg', mime: 'image/jpeg', size: 10 },
      MAX_ATTACHMENTS_PER_COMPLAINT,
      ['attachment_limit_reached'],
    ],
  ])('%s', (_what, file, existing, reasons) => {
    expect(checkAttachment(file, existing)).toEqual(reasons);
  });

  it('the attachment_added event data is bounded like the checks', () => {
    const data = {
      attachmentId: '019a1f52-7c3e-7d10-9b7e-000000000001',
      sha256: 'a'.repeat(64),
      fileName: 'чек.pdf',
      mime: 'application/pdf',
      size: 1000,
      kind: 'pdf',
    };
    const schema = HANDLING_EVENT_DATA.attachment_added;
    expect(schema.safeParse(data).success).toBe(true);
    expect(schema.safeParse({ ...data, size: MAX_ATTACHMENT_BYTES + 1 }).success).toBe(false);
    expect(schema.safeParse({ ...data, mime: 'text/html' }).success).toBe(false);
    expect(schema.safeParse({ ...data, sha256: 'A'.repeat(64) }).success).toBe(false);
    expect(schema.safeParse({ ...data, path: '/etc/passwd' }).success).toBe(false);
  });
});

describe('checkCustomerInfo', () => {
  const info = (patch: Partial<CustomerInfoInput> = {}): CustomerInfoInput => ({
    from: ' Анна Смирнова ',
    channel: 'phone',
    text: ' Нашла чек ',
    ...patch,
  });
  it.each<[string, CustomerInfoInput, RefusalReason[] | CustomerInfoInput]>([
    ['from the customer by phone', info(), { from: 'Анна Смирнова', channel: 'phone', text: 'Нашла чек' }],
    [
      'with when it arrived',
      info({ receivedAt: '2026-09-15T10:00:00+03:00' }),
      { from: 'Анна Смирнова', channel: 'phone', text: 'Нашла чек', receivedAt: '2026-09-15T07:00:00.000Z' },
    ],
    ['no text', info({ text: '  ' }), ['info_text_required']],
    ['an unknown channel', info({ channel: 'pigeon' as never }), ['change_value_invalid']],
    ['a date that is not one', info({ receivedAt: 'вчера' }), ['change_value_invalid']],
  ])('%s', (_what, input, expected) => {
    const result = checkCustomerInfo(input);
    if (Array.isArray(expected)) expect(result).toEqual({ ok: false, reasons: expected });
    else {
      expect(result).toEqual({ ok: true, info: expected });
      expect(HANDLING_EVENT_DATA.customer_info_added.safeParse(expected).success).toBe(true);
    }
  });
});

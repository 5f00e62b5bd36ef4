import { describe, expect, it } from 'vitest';
import {
  attachedFiles,
  checkAttachment,
  checkAttachmentRemoval,
  liveFiles,
  checkCustomerInfo,
  defaultKindOf,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_COMPLAINT,
  MAX_FILE_NAME,
  safeFileName,
  SNIFF_BYTES,
  sniffAttachmentMime,
  type AttachmentCandidate,
  type AttachmentSubject,
  type CustomerInfoInput,
} from '../../../../shared/handling/attachments';
import { LIMITS } from '../../../../shared/complaints/validation';
import { HANDLING_EVENT_DATA } from '../../../../shared/handling/event-data';
import type { RefusalReason } from '../../../../shared/lifecycle';

// R3, R5: attachments (photos, scans, PDFs, e-mails) up to a size limit, and later information from the
// customer as its own event.

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

describe('sniffAttachmentMime: the type from the content, whatever the name says', () => {
  it.each<[string, Uint8Array, string | undefined, string | undefined]>([
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg', 'photo'],
    ['PNG', bytes([0x89], 'PNG\r\n', [0x1a, 0x0a, 0, 0, 0, 13]), 'image/png', 'photo'],
    ['WebP', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image/webp', 'photo'],
    ['GIF', bytes('GIF89a', [1, 0]), 'image/gif', 'photo'],
    ['TIFF (little-endian)', bytes('II', [0x2a, 0]), 'image/tiff', 'photo'],
    ['TIFF (big-endian)', bytes('MM', [0, 0x2a]), 'image/tiff', 'photo'],
    ['PDF', bytes('%PDF-1.7\n%âãÏÓ'), 'application/pdf', 'pdf'],
    [
      'an e-mail',
      bytes('Received: from mx\r\n by x\r\nFrom: Анна <a@example.com>\r\nSubject: чек\r\n\r\nтекст'),
      'message/rfc822',
      'eml',
    ],
    [
      'an mbox export',
      bytes('From a@example.com Mon Jan 1\nDate: 1 Jan 2026\n\nhi'),
      'message/rfc822',
      'eml',
    ],
    ['RIFF but not WebP (a WAV)', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '), undefined, undefined],
    ['an HTML page named photo.jpg', bytes('<!doctype html><script>alert(1)</script>'), undefined, undefined],
    ['an SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'), undefined, undefined],
    ['a Windows program', bytes('MZ', [0x90, 0, 3, 0]), undefined, undefined],
    ['a ZIP (a .docx)', bytes('PK', [3, 4, 20, 0]), undefined, undefined],
    ['plain text with a colon', bytes('Note: call back tomorrow\n'), undefined, undefined],
    ['headers that are no mail fields', bytes('Host: x\nAccept: */*\n\n'), undefined, undefined],
    ['text with a NUL byte', bytes('From: a@example.com', [0]), undefined, undefined],
    ['empty', bytes(), undefined, undefined],
  ])('%s', (_what, head, mime, kind) => {
    const m = sniffAttachmentMime(head);
    expect(m).toBe(mime);
    if (m) expect(defaultKindOf(m)).toBe(kind);
  });

  it('an e-mail whose header block is longer than what was read is still one', () => {
    const head = bytes('From: a@example.com\n' + 'Received: from relay by mx\n'.repeat(400)).subarray(
      0,
      SNIFF_BYTES,
    );
    expect(sniffAttachmentMime(head)).toBe('message/rfc822');
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
  const none = { merged: false, existing: 0 };
  it.each<[string, AttachmentCandidate, AttachmentSubject, RefusalReason[]]>([
    ['a photo', { size: 2_000_000, sniffed: 'image/jpeg' }, none, []],
    [
      'exactly the limit',
      { size: MAX_ATTACHMENT_BYTES, sniffed: 'application/pdf' },
      { merged: false, existing: 3 },
      [],
    ],
    [
      'a byte over',
      { size: MAX_ATTACHMENT_BYTES + 1, sniffed: 'application/pdf' },
      none,
      ['attachment_too_large'],
    ],
    ['empty', { size: 0, sniffed: undefined }, none, ['attachment_empty', 'attachment_type_not_allowed']],
    ['not a size', { size: Number.NaN, sniffed: 'application/pdf' }, none, ['attachment_empty']],
    ['not a type accepted', { size: 10, sniffed: undefined }, none, ['attachment_type_not_allowed']],
    [
      'one too many',
      { size: 10, sniffed: 'image/jpeg' },
      { merged: false, existing: MAX_ATTACHMENTS_PER_COMPLAINT },
      ['attachment_limit_reached'],
    ],
    [
      'a merged complaint',
      { size: 10, sniffed: 'image/jpeg' },
      { merged: true, existing: 0 },
      ['complaint_merged'],
    ],
  ])('%s', (_what, file, subject, reasons) => {
    expect(checkAttachment(file, subject)).toEqual(reasons);
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

describe('attachedFiles', () => {
  const added = (id: string, attachmentId: string, fileName: string) => ({
    id,
    type: 'attachment_added',
    at: `2026-03-02T10:0${id}:00.000Z`,
    actor: 'Ольга',
    data: { attachmentId, sha256: 'a'.repeat(64), fileName, mime: 'application/pdf', size: 10, kind: 'pdf' },
  });
  const note = {
    id: '9',
    type: 'note_added',
    at: '2026-03-02T10:09:00.000Z',
    actor: 'Ольга',
    data: { text: 'x' },
  };
  it.each<[string, Parameters<typeof attachedFiles>[0], string[]]>([
    ['none', [note], []],
    [
      'in the order of the history',
      [added('1', 'f1', 'a.pdf'), note, added('2', 'f2', 'b.pdf')],
      ['a.pdf', 'b.pdf'],
    ],
    // The same event pulled twice (from HQ after it was written here) is one file.
    ['each once by its id', [added('1', 'f1', 'a.pdf'), added('1', 'f1', 'a.pdf')], ['a.pdf']],
  ])('%s', (_what, history, names) => {
    const files = attachedFiles(history);
    expect(files.map((f) => f.fileName)).toEqual(names);
    for (const f of files) expect(f).toMatchObject({ actor: 'Ольга', mime: 'application/pdf', size: 10 });
  });
});

describe('checkAttachmentRemoval', () => {
  const file = (attachmentId: string, removed = false) =>
    attachedFiles([
      {
        id: `e-${attachmentId}`,
        type: 'attachment_added',
        at: '2026-03-02T10:00:00.000Z',
        actor: 'Ольга',
        data: {
          attachmentId,
          sha256: 'a'.repeat(64),
          fileName: 'a.pdf',
          mime: 'application/pdf',
          size: 1,
          kind: 'pdf',
        },
      },
      ...(removed
        ? [
            {
              id: 'r',
              type: 'attachment_removed',
              at: '2026-03-02T10:05:00.000Z',
              actor: 'Иван',
              data: { attachmentId, reason: 'не тот' },
            },
          ]
        : []),
    ]);
  it.each<[string, ReturnType<typeof attachedFiles>, string, string, boolean, RefusalReason[] | string]>([
    ['one of its files, with why', file('f1'), 'f1', ' Не тот файл ', false, 'Не тот файл'],
    ['without why', file('f1'), 'f1', '  ', false, ['change_reason_required']],
    ['why too long', file('f1'), 'f1', 'я'.repeat(LIMITS.note + 1), false, ['change_value_invalid']],
    ['not one of its files', file('f1'), 'f2', 'x', false, ['attachment_unknown']],
    ['removed already', file('f1', true), 'f1', 'x', false, ['attachment_unknown']],
    ['a merged complaint', file('f1'), 'f1', 'x', true, ['complaint_merged']],
  ])('%s', (_what, files, id, reason, merged, expected) => {
    const result = checkAttachmentRemoval(files, id, reason, merged);
    if (Array.isArray(expected)) expect(result).toEqual({ ok: false, reasons: expected });
    else {
      expect(result).toEqual({ ok: true, data: { attachmentId: id, reason: expected } });
      expect(
        HANDLING_EVENT_DATA.attachment_removed.safeParse({
          ...(result.ok && result.data),
          attachmentId: '019a1f52-7c3e-7d10-9b7e-000000000001',
        }).success,
      ).toBe(true);
    }
  });

  it('a removed file keeps its removal; the first of two removals counts', () => {
    const files = attachedFiles([
      {
        id: 'a',
        type: 'attachment_added',
        at: '2026-03-02T10:00:00.000Z',
        actor: 'Ольга',
        data: {
          attachmentId: 'f1',
          sha256: 'a'.repeat(64),
          fileName: 'a.pdf',
          mime: 'application/pdf',
          size: 1,
          kind: 'pdf',
        },
      },
      {
        id: 'r1',
        type: 'attachment_removed',
        at: '2026-03-02T10:05:00.000Z',
        actor: 'Иван',
        data: { attachmentId: 'f1', reason: 'первый' },
      },
      {
        id: 'r2',
        type: 'attachment_removed',
        at: '2026-03-02T10:06:00.000Z',
        actor: 'Ольга',
        data: { attachmentId: 'f1', reason: 'второй' },
      },
    ]);
    expect(files.map((f) => f.removed)).toEqual([
      { at: '2026-03-02T10:05:00.000Z', actor: 'Иван', reason: 'первый' },
    ]);
    expect(liveFiles(files)).toEqual([]);
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

/**
 * R3, R5: files attached to a complaint — photos, scans, PDFs, e-mails (.eml) and a few office formats —
 * and later information from the customer. A file is stored content-addressed like a feedback-book page
 * (SHA-256 of its bytes), recorded by an `attachment_added` event in the same transaction, and uploaded once
 * to HQ (the route is not built yet: idempotent by hash, verified while streaming, as photos are).
 *
 * HQ serves a file back only with its recorded type from this list, `Content-Disposition: attachment` and
 * `X-Content-Type-Options: nosniff`: a customer's file never runs as a page of HQ's origin.
 */
import { LIMITS } from '../complaints/validation';
import type { RefusalReason } from '../lifecycle/reasons';
import { INFO_CHANNELS, type AttachmentKind, type InfoChannel } from './codes';

/** The largest file (what mail servers commonly accept, so it can be forwarded as it is). */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** Files per complaint. */
export const MAX_ATTACHMENTS_PER_COMPLAINT = 50;
/** A file's name as recorded (no folders, no control characters). */
export const MAX_FILE_NAME = 255;

/** The types accepted. Anything else is refused with a hint to save it as PDF or an image. */
export const ATTACHMENT_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/tiff',
  'application/pdf',
  'message/rfc822',
  'text/plain',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIME_TYPES)[number];

/** Browsers give `.eml` files no type or a generic one: the extension decides. */
const BY_EXTENSION: Record<string, AttachmentMime> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  pdf: 'application/pdf',
  eml: 'message/rfc822',
  txt: 'text/plain',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const isMime = (v: string): v is AttachmentMime => (ATTACHMENT_MIME_TYPES as readonly string[]).includes(v);

/** The file's type from what the browser says, or from its extension when that says nothing useful. */
export function attachmentMimeOf(fileName: string, reported: string): AttachmentMime | undefined {
  const type = reported.trim().toLowerCase().split(';')[0]!;
  if (isMime(type)) return type;
  const ext = /\.([a-z0-9]{1,5})$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  return ext ? BY_EXTENSION[ext] : undefined;
}

/** What kind of file it is by default (the employee may call an image a scan). */
export function defaultKindOf(mime: AttachmentMime): AttachmentKind {
  if (mime === 'application/pdf') return 'pdf';
  if (mime === 'message/rfc822') return 'eml';
  if (mime.startsWith('image/')) return 'photo';
  return 'other';
}

/** The name as recorded: the last path segment, control characters removed, at most MAX_FILE_NAME long. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const cut = [...clean].slice(0, MAX_FILE_NAME).join('');
  return cut === '' || cut === '.' || cut === '..' ? 'file' : cut;
}

export interface AttachmentCandidate {
  fileName: string;
  mime: string;
  size: number;
}

/** R3: may this file be attached to a complaint that already has `existing` files? */
export function checkAttachment(file: AttachmentCandidate, existing: number): RefusalReason[] {
  const reasons: RefusalReason[] = [];
  if (existing >= MAX_ATTACHMENTS_PER_COMPLAINT) reasons.push('attachment_limit_reached');
  if (!Number.isSafeInteger(file.size) || file.size <= 0) reasons.push('attachment_empty');
  else if (file.size > MAX_ATTACHMENT_BYTES) reasons.push('attachment_too_large');
  if (!attachmentMimeOf(file.fileName, file.mime)) reasons.push('attachment_type_not_allowed');
  return reasons;
}

export interface CustomerInfoInput {
  /** Who gave it: the customer, or someone on their behalf (named). */
  from: string;
  channel: InfoChannel;
  text: string;
  /** When it reached us (defaults to now). */
  receivedAt?: string;
}

/** R5: later information needs its text and a known channel; who defaults to the customer. */
export function checkCustomerInfo(
  input: CustomerInfoInput,
): { ok: true; info: CustomerInfoInput } | { ok: false; reasons: RefusalReason[] } {
  const reasons: RefusalReason[] = [];
  const text = input.text.trim();
  if (text === '') reasons.push('info_text_required');
  if (text.length > LIMITS.note || input.from.trim().length > LIMITS.name)
    reasons.push('change_value_invalid');
  if (!(INFO_CHANNELS as readonly string[]).includes(input.channel)) reasons.push('change_value_invalid');
  if (input.receivedAt !== undefined && Number.isNaN(Date.parse(input.receivedAt)))
    reasons.push('change_value_invalid');
  if (reasons.length > 0) return { ok: false, reasons: [...new Set(reasons)] };
  return {
    ok: true,
    info: {
      from: input.from.trim(),
      channel: input.channel,
      text,
      ...(input.receivedAt ? { receivedAt: new Date(input.receivedAt).toISOString() } : {}),
    },
  };
}

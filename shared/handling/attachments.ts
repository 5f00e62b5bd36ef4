/**
 * R3, R5: files attached to a complaint — photos, scans, PDFs, e-mails (.eml) — and later information from
 * the customer. A file is stored content-addressed like a feedback-book page (SHA-256 of its bytes, in the
 * branch's blob table), recorded by an `attachment_added` event in the same transaction, and uploaded once
 * to HQ (`PUT /v1/attachments/{sha256}`: idempotent by hash, verified while streaming, as photos are).
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

/**
 * The types accepted: images, PDF and e-mail messages — each recognised by its content (sniffAttachmentMime),
 * never by its name or by what the browser guessed from the name. Anything else is refused with a hint to
 * save it as PDF or an image.
 */
export const ATTACHMENT_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/tiff',
  'application/pdf',
  'message/rfc822',
] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIME_TYPES)[number];

/** How many leading bytes sniffAttachmentMime needs (an e-mail's first header lines). */
export const SNIFF_BYTES = 4096;

const startsWith = (head: Uint8Array, ...bytes: number[]) => bytes.every((b, i) => head[i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The header fields one of which every stored e-mail message has (RFC 5322, mbox exports too). */
const MAIL_FIELDS =
  /^(from|to|date|subject|message-id|received|return-path|mime-version|delivered-to|x-[a-z0-9-]+)$/i;

/**
 * An e-mail message (.eml): text, no NUL bytes, starting with header fields ("Name: value", folded lines
 * continued with white space) of which at least one is a mail field, up to the first empty line or the end
 * of what was read. An "mbox" separator line ("From …") may come first.
 */
function looksLikeMessage(head: Uint8Array): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  const lines = text.split(/\r?\n/);
  if (head.length >= SNIFF_BYTES) lines.pop(); // the last line may be cut off
  if (lines[0]?.startsWith('From ')) lines.shift();
  let fields = 0;
  let mail = false;
  for (const line of lines) {
    if (line === '') break;
    if (/^[ \t]/.test(line) && fields > 0) continue;
    const name = /^([!-9;-~]+):/.exec(line)?.[1];
    if (!name) return false;
    fields++;
    if (MAIL_FIELDS.test(name)) mail = true;
  }
  return fields > 0 && mail;
}

/**
 * R3: a file's type from its first bytes (at least SNIFF_BYTES of them, or the whole file when smaller):
 * the magic numbers of JPEG, PNG, WebP, GIF, TIFF and PDF, or the header of an e-mail message. undefined:
 * not a type accepted — an HTML page, a program or an SVG named "photo.jpg" is not taken for one.
 */
export function sniffAttachmentMime(head: Uint8Array): AttachmentMime | undefined {
  if (startsWith(head, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (startsWith(head, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (startsWith(head, ...ascii('RIFF')) && startsWith(head.subarray(8), ...ascii('WEBP')))
    return 'image/webp';
  if (startsWith(head, ...ascii('GIF87a')) || startsWith(head, ...ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, 0x49, 0x49, 0x2a, 0x00) || startsWith(head, 0x4d, 0x4d, 0x00, 0x2a))
    return 'image/tiff';
  if (startsWith(head, ...ascii('%PDF-'))) return 'application/pdf';
  if (looksLikeMessage(head)) return 'message/rfc822';
  return undefined;
}

/** What kind of file it is by default (the employee may call an image a scan). */
export function defaultKindOf(mime: AttachmentMime): AttachmentKind {
  if (mime === 'application/pdf') return 'pdf';
  if (mime === 'message/rfc822') return 'eml';
  return 'photo';
}

/** The name as recorded: the last path segment, control characters removed, at most MAX_FILE_NAME long. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const cut = [...clean].slice(0, MAX_FILE_NAME).join('');
  return cut === '' || cut === '.' || cut === '..' ? 'file' : cut;
}

/** The complaint a file is attached to, as both sides know it. */
export interface AttachmentSubject {
  /** Merged into another complaint: files go to the survivor. */
  merged: boolean;
  /** Files attached already (removed ones not counted). */
  existing: number;
}

/** R3, R5: may one more file be attached to this complaint? (HQ asks this of a branch's event.) */
export function attachmentSubjectRefusals(subject: AttachmentSubject): RefusalReason[] {
  const reasons: RefusalReason[] = [];
  if (subject.merged) reasons.push('complaint_merged');
  if (subject.existing >= MAX_ATTACHMENTS_PER_COMPLAINT) reasons.push('attachment_limit_reached');
  return reasons;
}

export interface AttachmentCandidate {
  size: number;
  /** What sniffAttachmentMime made of its first bytes. */
  sniffed: AttachmentMime | undefined;
}

/** R3: may this file be attached to this complaint? A file may be attached to a closed complaint too. */
export function checkAttachment(file: AttachmentCandidate, subject: AttachmentSubject): RefusalReason[] {
  const reasons = attachmentSubjectRefusals(subject);
  if (!Number.isSafeInteger(file.size) || file.size <= 0) reasons.push('attachment_empty');
  else if (file.size > MAX_ATTACHMENT_BYTES) reasons.push('attachment_too_large');
  if (!file.sniffed) reasons.push('attachment_type_not_allowed');
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

/** A file attached to a complaint, as its history says (R3): what was recorded, by whom, when. */
export interface AttachedFile {
  attachmentId: string;
  sha256: string;
  fileName: string;
  mime: AttachmentMime;
  size: number;
  kind: AttachmentKind;
  note?: string;
  eventId: string;
  at: string;
  actor: string;
  /** Taken off the complaint (attachment_removed): when, by whom, why. */
  removed?: { at: string; actor: string; reason: string };
}

type HistoryEvent = { id: string; type: string; at: string; actor: string; data: Record<string, unknown> };

/**
 * The files attached to a complaint, in the order of its history, each once by its id — a removed one
 * with its removal (the first one counts: two PCs may remove the same file offline).
 */
export function attachedFiles(history: ReadonlyArray<HistoryEvent>): AttachedFile[] {
  const files = new Map<string, AttachedFile>();
  for (const e of history) {
    if (e.type === 'attachment_added') {
      const d = e.data as Omit<AttachedFile, 'eventId' | 'at' | 'actor'>;
      if (!files.has(d.attachmentId))
        files.set(d.attachmentId, { ...d, eventId: e.id, at: e.at, actor: e.actor });
    } else if (e.type === 'attachment_removed') {
      const d = e.data as { attachmentId: string; reason: string };
      const file = files.get(d.attachmentId);
      if (file && !file.removed) file.removed = { at: e.at, actor: e.actor, reason: d.reason };
    }
  }
  return [...files.values()];
}

/** Files still on the complaint (what the per-complaint limit counts). */
export const liveFiles = (files: readonly AttachedFile[]) => files.filter((f) => !f.removed);

/**
 * R3: may this file be taken off the complaint? It must be one of its files still on it, and the removal
 * says why (the bytes stay at HQ for the record). Nothing is taken off a merged complaint.
 */
export function checkAttachmentRemoval(
  files: readonly AttachedFile[],
  attachmentId: string,
  reason: string,
  merged: boolean,
): { ok: true; data: { attachmentId: string; reason: string } } | { ok: false; reasons: RefusalReason[] } {
  const reasons: RefusalReason[] = [];
  if (merged) reasons.push('complaint_merged');
  if (!liveFiles(files).some((f) => f.attachmentId === attachmentId)) reasons.push('attachment_unknown');
  if (reason.trim() === '') reasons.push('change_reason_required');
  else if (reason.trim().length > LIMITS.note) reasons.push('change_value_invalid');
  return reasons.length > 0
    ? { ok: false, reasons }
    : { ok: true, data: { attachmentId, reason: reason.trim() } };
}

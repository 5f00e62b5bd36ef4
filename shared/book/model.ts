/**
 * The paper feedback book ("Книга отзывов и предложений", R6–R8). An entry is what one customer wrote:
 * one or more photographed pages, linked to the complaint registered for it (channel `feedback_book`).
 *
 * Lifecycle on the branch: `capturing` (pages are being taken; each page is durable and queued for HQ the
 * moment it is taken) → `submitted` (the page list is final; HQ mails it once every photo has arrived).
 */

/** Images the branch stores and mails. Imports of other image types are re-encoded to JPEG. */
export const PAGE_MIME_TYPES = ['image/jpeg', 'image/png'] as const;
export type PageMime = (typeof PAGE_MIME_TYPES)[number];

export const ENTRY_STATES = ['capturing', 'submitted'] as const;
export type EntryState = (typeof ENTRY_STATES)[number];

export type PageSource = 'camera' | 'import';

/** One photographed page. The image itself is content-addressed by `sha256` (the branch's photo store / HQ blob store). */
export interface BookPage {
  id: string;
  entryId: string;
  /** 1-based position in the entry; renumbered when pages are reordered or removed. */
  pageNo: number;
  /** Lower-case hex SHA-256 of the stored (processed) image bytes. */
  sha256: string;
  /** SHA-256 of the bytes as they came from the file or camera: finds an identical import. */
  sourceSha256: string;
  mime: PageMime;
  size: number;
  width: number;
  height: number;
  source: PageSource;
  /** File name of an import, for the employee's orientation. */
  originalName?: string;
  capturedAt: string;
  capturedBy: string;
  /** Set when the page was deleted or replaced (retake, rotation) before the entry was submitted. */
  removedAt?: string;
}

/** Proof that the fallback e-mail file was produced at the branch (R7 "fallback that still gets it out"). */
export interface FallbackRecord {
  at: string;
  by: string;
  /** Page sha256 values in the file, in order. */
  pages: string[];
}

/** Delivery proof from HQ (R8), synced down to the branch. */
export interface DeliveryRecord {
  sentAt: string;
  to: string[];
  cc: string[];
  messageId: string;
  onTime: boolean;
  /** The manager's name from HQ's directory (absent when HQ had none, or from an older HQ). */
  toName?: string;
}

/** Where HQ's e-mail of the entry stands, as last pulled (state: shared/mail/state MAIL_STATES). */
export interface EntryMailStatus {
  state: string;
  attempts: number;
  lastError?: string;
  missingPhotos?: number;
}

export interface BookEntry {
  id: string;
  branchCode: string;
  state: EntryState;
  /** The complaint registered for this entry; set when the entry is submitted. */
  complaintId?: string;
  complaintNumber?: string;
  /** When the first page was taken: R7 counts the deadline from the moment of capture. */
  capturedAt: string;
  capturedBy: string;
  /** R7: 11:00 of the next working day after the capture date, branch calendar (shared/deadlines). */
  deadline: string;
  submittedAt?: string;
  /** Final page order at submission (sha256 of each live page). */
  pageHashes: string[];
  fallbacks: FallbackRecord[];
  delivery?: DeliveryRecord;
  /** Set by HQ when the deadline passed without delivery and the head of sales was told (R11). */
  escalatedAt?: string;
  /** Whom HQ escalated to (head of sales' name or address). */
  escalatedTo?: string;
  mail?: EntryMailStatus;
  updatedAt: string;
}

/** Live pages of an entry in page order. */
export function livePages<P extends Pick<BookPage, 'pageNo' | 'removedAt'>>(pages: readonly P[]): P[] {
  return pages.filter((p) => !p.removedAt).sort((a, b) => a.pageNo - b.pageNo);
}

/** Largest file accepted for import; a phone photo or an A4 scan is well below. */
export const MAX_IMPORT_BYTES = 40 * 1024 * 1024;
/** An entry is a handful of pages; the limit keeps one e-mail within what mail servers accept. */
export const MAX_PAGES_PER_ENTRY = 20;

export const SHA256_HEX = /^[0-9a-f]{64}$/;

import { attachedFiles, liveFiles } from '../../shared/handling/attachments';
import { Dexie } from 'dexie';
import type { OutboxOperation } from '../../shared/sync/operations';
import type { OtklikDatabase, PhotoRefusal, PhotoRow } from '../db/database';
import { HQ_LINK_KEY } from '../db/device';
import type { SyncErrorKind } from './client';
import type { SyncProblem } from '../../shared/sync/problems';

export interface SyncError {
  /** HQ's or the network's kind of failure, or this computer's full disk (issue 13). */
  kind: SyncErrorKind | 'storage_full';
  /** HQ's machine-readable code, when HQ answered. */
  code?: string;
  /** The raw technical text, for support; the UI words `problem` instead. */
  message: string;
  /** What went wrong, as data (absent in statuses written by older versions). */
  problem?: SyncProblem;
  at: string;
}

/** What the badge and the Sync screen show; written by the one syncer that holds the lock. */
export interface SyncStatus {
  phase: 'idle' | 'pushing' | 'uploading' | 'pulling';
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  lastError?: SyncError;
  failures: number;
  nextAttemptAt?: string;
}

/** An op HQ acknowledged but refused (e.g. a status changed at HQ meanwhile): kept for the Sync screen. */
export interface Rejection {
  opId: string;
  deviceSeq: number;
  type: string;
  reason: string;
  at: string;
}

/** The outbox row as the sync engine annotates it. */
export interface OutboxRow extends OutboxOperation {
  attempts?: number;
  /** Why the last push failed; a plain string in rows written by older versions. */
  lastError?: SyncProblem | string;
  lastAttemptAt?: string;
}

export const META = {
  link: HQ_LINK_KEY,
  status: 'sync.status',
  cursor: 'sync.cursor',
  rejections: 'sync.rejections',
  clock: 'sync.clock',
} as const;

/** Issue 13: HQ's clock minus this one, as the last pull measured it (shared/sync/clock). */
export interface ClockReading {
  offsetMs: number;
  measuredAt: string;
}
export const MAX_REJECTIONS_KEPT = 200;

export async function readMeta<T>(db: OtklikDatabase, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function syncStatus(db: OtklikDatabase): Promise<SyncStatus> {
  return (await readMeta<SyncStatus>(db, META.status)) ?? { phase: 'idle', failures: 0 };
}

export async function updateStatus(db: OtklikDatabase, patch: Partial<SyncStatus>): Promise<SyncStatus> {
  return db.transaction('rw', db.meta, async () => {
    const next = { ...(await syncStatus(db)), ...patch };
    await db.meta.put({ key: META.status, value: next });
    return next;
  });
}

export interface PendingCounts {
  records: number;
  photos: number;
  /** Created time of the oldest item not yet at HQ (ms), for the watchdog. */
  oldestAt?: number;
}

/** The badges' counts, each from an index: no pending photo is read but the oldest. */
export async function pendingCounts(db: OtklikDatabase): Promise<PendingCounts> {
  const [records, photos, firstOp, firstPhoto] = await Promise.all([
    db.outbox.count(),
    db.photos.where('uploadState').equals('pending').count(),
    db.outbox.orderBy('deviceSeq').first(),
    db.photos
      .where('[uploadState+createdAt]')
      .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
      .first(),
  ]);
  const times = [firstOp?.createdAt, firstPhoto?.createdAt]
    .filter((t): t is string => typeof t === 'string')
    .map((t) => Date.parse(t));
  return { records, photos, oldestAt: times.length ? Math.min(...times) : undefined };
}

/** A photo HQ refused for good, with the feedback-book pages that still show it (to retake them). */
export interface RefusedPhoto {
  photo: PhotoRow;
  pages: Array<{ entryId: string; pageNo: number }>;
}

/**
 * Refused photos some live page still uses; one whose pages were all removed or replaced (retaken) has
 * nothing left to fix and is not listed.
 */
export async function refusedPhotos(db: OtklikDatabase): Promise<RefusedPhoto[]> {
  const photos = await db.photos.where('uploadState').equals('refused').toArray();
  const found: RefusedPhoto[] = [];
  for (const photo of photos) {
    const pages = (await db.bookPages.where('sha256').equals(photo.sha256).toArray())
      .filter((p) => !p.removedAt)
      .map((p) => ({ entryId: p.entryId, pageNo: p.pageNo }));
    if (pages.length > 0) found.push({ photo, pages });
  }
  return found;
}

/** "Try again" on the Sync screen: HQ's limit may have been raised, or the network fixed. */
export async function retryRefusedPhoto(db: OtklikDatabase, sha256: string): Promise<void> {
  await db.photos
    .where('sha256')
    .equals(sha256)
    .modify((row: PhotoRow) => {
      if (row.uploadState !== 'refused') return;
      row.uploadState = 'pending';
      delete row.refusal;
      delete row.verifiedIntactAt;
    });
}

/**
 * Why HQ does not take an attached file: refused for good (too large, damaged here or on the way), or held
 * back because the branch's storage at HQ, or HQ's disk, is full (it stays pending and goes by itself once
 * HQ makes room).
 */
export type RefusedFileReason = PhotoRefusal['reason'] | 'quota' | 'hq_full';

/** An attached file HQ does not take, with the complaints it is (still) attached to here. */
export interface RefusedAttachment {
  photo: PhotoRow;
  reason: RefusedFileReason;
  files: Array<{ complaintId: string; number: string; fileName: string }>;
}

function refusedFileReason(row: PhotoRow): RefusedFileReason | undefined {
  if (row.uploadState === 'refused') return row.refusal?.reason ?? 'too_large';
  const e = row.lastError;
  if (row.uploadState !== 'pending' || !e || typeof e === 'string') return undefined;
  if ((e.kind === 'http' || e.kind === 'refused') && e.status === 507)
    return e.code === 'insufficient_storage' ? 'hq_full' : 'quota';
  return undefined;
}

/**
 * Issue 15 (R3, R22): files attached to complaints that HQ refused or holds back, for the Sync screen with
 * why and what to do — those still on some complaint here; one taken off every complaint it was on has
 * nothing left to fix and is not listed. A row from before files remembered their complaints is listed
 * without them.
 */
export async function refusedAttachments(db: OtklikDatabase): Promise<RefusedAttachment[]> {
  const rows = await db.photos
    .where('uploadState')
    .anyOf('refused', 'pending')
    .filter((r) => r.use === 'attachment' && refusedFileReason(r) !== undefined)
    .toArray();
  const found: RefusedAttachment[] = [];
  for (const photo of rows) {
    const files: RefusedAttachment['files'] = [];
    for (const here of photo.attachedTo ?? []) {
      const history = await db.events.where('complaintId').equals(here.complaintId).sortBy('at');
      const live = liveFiles(attachedFiles(history)).find((f) => f.sha256 === photo.sha256);
      const complaint = live && (await db.complaints.get(here.complaintId));
      if (live && complaint)
        files.push({ complaintId: complaint.id, number: complaint.number, fileName: live.fileName });
    }
    if (files.length > 0 || !photo.attachedTo)
      found.push({ photo, reason: refusedFileReason(photo)!, files });
  }
  return found;
}

import type { Complaint } from '../../shared/complaints/model';
import { withHqDirectory } from '../../shared/settings/directory';
import { withSettingsDefaults } from '../../shared/settings/workstation';
import { HQ_PATHS, type Change } from '../../shared/sync/protocol';
import { PHOTO_UPLOAD_SLOTS, transferTimeoutMs } from '../../shared/sync/backoff';
import { clockOffsetMs } from '../../shared/sync/clock';
import { complaintIdsOf, employeeIdOf, takesChange } from '../../shared/sync/merge';
import type { OtklikDatabase, PhotoRefusal, PhotoRow } from '../db/database';
import { photoBlob } from '../db/photoBytes';
import { hqLink, isEnrolledWith, rememberPushBatch, rememberStatusPageUrl } from '../db/device';
import { refreshDueKeys, storedSettings, withListKeys } from '../db/listKeys';
import { sha256Hex } from '../platform/sha256';
import { isStorageFull } from '../platform/storage';
import { HqRequestError, syncProblemOf, type HqClient, type HqConnection } from './client';
import { drainOutbox } from './outbox';
import { PhotoMarks } from './photoMarks';
import { META, readMeta, updateStatus, type ClockReading, type SyncError } from './state';

export type CycleOutcome = 'synced' | 'failed' | 'not_connected';

const describe = (error: unknown): SyncError => {
  const at = new Date().toISOString();
  const problem = syncProblemOf(error);
  if (error instanceof HqRequestError)
    return {
      kind: error.kind,
      message: error.message,
      at,
      problem,
      ...(error.code ? { code: error.code } : {}),
    };
  // Issue 13: a full disk here is not HQ's error (it was reported as one): what HQ sent is not stored, what
  // was stored stays, and the next cycle after space is freed takes it again.
  const kind = isStorageFull(error) ? 'storage_full' : 'server';
  return { kind, message: error instanceof Error ? error.message : String(error), at, problem };
};

/** Where HQ takes a stored blob: a page's image at the photo address, an attached file's at its own (R3). */
const blobPath = (row: PhotoRow) =>
  row.use === 'attachment' ? HQ_PATHS.attachment(row.sha256) : HQ_PATHS.photo(row.sha256);

/** A photo's row whose bytes are not stored here (never written, or lost): they can never be sent. */
class MissingBytes extends Error {}

/** HQ will never take these bytes under this name: retrying cannot help (R23: never blocks the others). */
const isPermanentPhotoRefusal = (error: unknown): error is HqRequestError =>
  error instanceof HqRequestError && (error.status === 413 || error.status === 422);

/**
 * One sync cycle (R23): drain the outbox in order, then upload pending photos a few at a time, then pull
 * HQ's changes. Every step is idempotent at HQ, so a cycle cut off anywhere (reload, crash, HQ killed)
 * is simply run again: nothing is lost, nothing is applied twice.
 */
export class SyncEngine {
  constructor(
    private readonly db: OtklikDatabase,
    private readonly client: HqClient,
    private readonly options: { batchSize?: number; photoSlots?: number } = {},
  ) {}

  async runCycle(): Promise<CycleOutcome> {
    const link = await hqLink(this.db);
    if (!link) {
      await updateStatus(this.db, { phase: 'idle' });
      return 'not_connected';
    }
    const conn: HqConnection = { hqUrl: link.hqUrl, token: link.token };
    await updateStatus(this.db, { lastAttemptAt: new Date().toISOString() });
    try {
      await updateStatus(this.db, { phase: 'pushing' });
      await drainOutbox(this.db, this.client, conn, this.options.batchSize);
      // An enrollment meanwhile (a new token; outbox.ts ended the drain for it): the rest of the cycle goes
      // as the new device, not with a token HQ may have revoked.
      if (await this.enrolledAgain(conn)) return await this.runCycle();
      await updateStatus(this.db, { phase: 'uploading' });
      const photosFailed = await this.uploadPhotos(conn);
      if (await this.enrolledAgain(conn)) return await this.runCycle();
      await updateStatus(this.db, { phase: 'pulling' });
      await this.pullChanges(conn);
      if (photosFailed) throw photosFailed;
      await updateStatus(this.db, {
        phase: 'idle',
        lastSuccessAt: new Date().toISOString(),
        lastError: undefined,
      });
      return 'synced';
    } catch (error) {
      // Failed with the old token (HQ refused it, or its answer did not come): not the new device's failure.
      if (await this.enrolledAgain(conn)) return await this.runCycle();
      await updateStatus(this.db, { phase: 'idle', lastError: describe(error) });
      return 'failed';
    }
  }

  /** Whether this PC enrolled again since the cycle took its token (enroll.ts stores the new link). */
  private async enrolledAgain(conn: HqConnection): Promise<boolean> {
    return !(await isEnrolledWith(this.db, conn.token));
  }

  /**
   * Uploads every pending photo, a few in parallel; a slot is always freed by the per-request time limit.
   * Returns the first failure (after trying all of them), or undefined.
   *
   * R23, throughput: the local bookkeeping stays off the network's path. Each slot reads its next row
   * while the current photo is on the wire, and marks a photo uploaded without waiting for that write
   * before sending the next one (all of them are awaited before this returns). A mark writes the small row
   * only (the bytes are in a store of their own: renderer/db/photoBytes.ts), a few marks at a time
   * (photoMarks.ts).
   */
  async uploadPhotos(conn: HqConnection): Promise<unknown> {
    const pending = await this.db.photos.where('uploadState').equals('pending').primaryKeys();
    let next = 0;
    let firstFailure: unknown;
    const marks = new PhotoMarks(this.db);
    const marking: Promise<unknown>[] = [];
    // A read never rejects here: its failure is one photo's failure, like a failed upload.
    const take = () =>
      next < pending.length
        ? this.readPhoto(pending[next++]!).then(
            (photo) => ({ photo, error: undefined as unknown }),
            (error: unknown) => ({ photo: undefined, error }),
          )
        : undefined;
    const worker = async () => {
      let reading = take();
      while (reading) {
        const { photo, error: readFailed } = await reading;
        reading = take();
        try {
          if (readFailed) throw readFailed;
          // Gone or done meanwhile (the page was removed, another cycle sent it): nothing to send.
          if (!photo || photo.row.uploadState !== 'pending') continue;
          marking.push((await this.uploadPhoto(conn, photo.row, photo.blob, marks)).marked);
        } catch (error) {
          firstFailure ??= error;
          // Unreachable HQ fails every photo the same way: stop and let backoff decide when to retry. So do
          // HQ's storage being full (507: the photos stay here, pending) and too many requests (429).
          if (
            error instanceof HqRequestError &&
            (['offline', 'unreachable', 'unauthorized'].includes(error.kind) ||
              error.status === 507 ||
              error.status === 429)
          )
            break;
        }
      }
      await reading; // read ahead and not used: no read is left behind
    };
    try {
      await Promise.all(Array.from({ length: this.options.photoSlots ?? PHOTO_UPLOAD_SLOTS }, worker));
    } finally {
      marks.flush(); // the marks that still wait, at once
    }
    for (const result of await Promise.allSettled(marking))
      if (result.status === 'rejected') firstFailure ??= result.reason;
    return firstFailure;
  }

  /** A photo's row and its bytes, read together; undefined when the row is gone. */
  private readPhoto(sha256: string): Promise<{ row: PhotoRow; blob: Blob | undefined } | undefined> {
    return this.db.transaction('r', this.db.photos, this.db.photoBytes, async () => {
      const row = await this.db.photos.get(sha256);
      return row && { row, blob: await photoBlob(this.db, row) };
    });
  }

  /** Sends one photo; resolves once HQ has it, with the write that marks it uploaded here (not awaited). */
  private async uploadPhoto(
    conn: HqConnection,
    row: PhotoRow,
    blob: Blob | undefined,
    marks: PhotoMarks,
  ): Promise<{ marked: Promise<unknown> }> {
    const { sha256 } = row;
    try {
      // After a failed try HQ may hold it already (the answer was lost): ask before sending the bytes again.
      const retry = (row.attempts ?? 0) > 0;
      const path = blobPath(row);
      if (!retry || !(await this.client.hasBlob(conn, path))) {
        // Bytes missing here, and not at HQ, can never go: the copy on this computer is damaged (R22: said
        // so on the Sync screen, as for bytes that no longer match their hash). No request is sent for them.
        if (!blob) throw new MissingBytes();
        await this.client.putBlob(conn, path, blob, transferTimeoutMs(row.size));
      }
    } catch (error) {
      const attempts = (row.attempts ?? 0) + 1;
      if (error instanceof MissingBytes || isPermanentPhotoRefusal(error)) {
        const refusal = await this.refusalOf(row, blob, error);
        if (refusal) {
          // Given up on for good, and said why on the Sync screen; the other photos and records go on.
          await this.db.photos.update(sha256, {
            uploadState: 'refused',
            attempts,
            lastError: error instanceof HqRequestError ? error.problem : undefined,
            refusal,
          } satisfies Partial<PhotoRow>);
          return { marked: Promise.resolve() };
        }
      }
      await this.db.photos.update(sha256, {
        attempts,
        lastError: syncProblemOf(error),
        ...(error instanceof HqRequestError && error.status === 422
          ? { verifiedIntactAt: new Date().toISOString() }
          : {}),
      } satisfies Partial<PhotoRow>);
      throw error;
    }
    const marked = marks.mark(sha256, {
      uploadState: 'uploaded',
      uploadedAt: new Date().toISOString(),
      attempts: (row.attempts ?? 0) + 1,
      lastError: undefined,
    } satisfies Partial<PhotoRow>);
    marked.catch(() => undefined); // reported by uploadPhotos, which waits for every mark
    return { marked };
  }

  /**
   * Whether HQ's 413/422, or bytes missing here, mean this photo can never go: too large and missing are
   * final; a hash mismatch is checked once
   * against the local bytes. Damaged here: final. Intact here: the bytes were damaged on the way, so it is
   * tried once more, and only a second mismatch after that check is final. undefined: try again.
   */
  private async refusalOf(
    row: PhotoRow,
    blob: Blob | undefined,
    error: HqRequestError | MissingBytes,
  ): Promise<PhotoRefusal | undefined> {
    const at = new Date().toISOString();
    if (error instanceof HqRequestError && error.status === 413) return { reason: 'too_large', at };
    // A copy that is missing, or cannot even be read any more, is damaged too.
    const local = await blob
      ?.arrayBuffer()
      .then(sha256Hex)
      .catch(() => undefined);
    if (local !== row.sha256) return { reason: 'damaged_here', at };
    return row.verifiedIntactAt ? { reason: 'damaged_on_the_way', at } : undefined;
  }

  /** Applies HQ's changes page by page; the cursor moves in the same transaction as the data. */
  async pullChanges(conn: HqConnection): Promise<void> {
    for (;;) {
      const cursor = (await readMeta<number>(this.db, META.cursor)) ?? 0;
      const sentAt = Date.now();
      const page = await this.client.pull(conn, cursor);
      // Issue 13: how far this clock is from HQ's (the banner warns past 5 minutes).
      const offsetMs = clockOffsetMs(page.serverTime, sentAt, Date.now());
      if (offsetMs !== undefined)
        await this.db.meta.put({
          key: META.clock,
          value: { offsetMs, measuredAt: new Date().toISOString() } satisfies ClockReading,
        });
      await rememberStatusPageUrl(this.db, page.statusPageUrl);
      await rememberPushBatch(this.db, conn.token, page.maxPushBatch);
      await this.applyChanges(page.changes, page.cursor);
      if (!page.more || page.changes.length === 0) return;
    }
  }

  async applyChanges(changes: Change[], cursor: number): Promise<void> {
    const db = this.db;
    const tables = [db.complaints, db.events, db.bookEntries, db.meta, db.outbox, db.settings, db.employees];
    await db.transaction('rw', tables, async () => {
      const pendingHere = new Set<string>();
      await db.outbox.each((op) => {
        for (const id of complaintIdsOf(op)) pendingHere.add(id);
        const employee = employeeIdOf(op);
        if (employee) pendingHere.add(employee);
      });
      let settings = await storedSettings(db.settings);
      let policyChanged = false;
      for (const change of changes) {
        if (!takesChange(change, pendingHere)) continue;
        switch (change.kind) {
          case 'complaint':
            // The wire schema types the unfounded criterion as a plain string; it is one of ours.
            await db.complaints.put(withListKeys(change.complaint as Complaint, settings));
            break;
          case 'event':
            await db.events.put(change.event);
            break;
          case 'book_entry': {
            // HQ's facts about the entry: delivery (R8), escalation (R11), where its e-mail stands.
            const { id, delivery, escalatedAt, escalatedTo, mail } = change.entry;
            const patch = {
              ...(delivery ? { delivery } : {}),
              ...(escalatedAt ? { escalatedAt } : {}),
              ...(escalatedTo ? { escalatedTo } : {}),
              ...(mail ? { mail } : {}),
            };
            if (Object.keys(patch).length > 0) await db.bookEntries.update(id, patch);
            break;
          }
          case 'branch': {
            const link = await hqLink(db);
            if (link) await db.meta.put({ key: META.link, value: { ...link, branch: change.branch } });
            // The directory HQ manages replaces the local manager / head-of-sales fields (issue 6).
            const row = await db.settings.get('workstation');
            const next = row && withHqDirectory(withSettingsDefaults(row.value), change.branch);
            if (next) {
              await db.settings.put({ key: 'workstation', value: next });
              settings = withSettingsDefaults(next);
              policyChanged = true;
            }
            break;
          }
          case 'employee':
            // Issue 14: HQ manages the branch's employees; its record replaces this PC's — a PIN set at HQ
            // or on another PC of the branch included (and a PIN HQ reset is gone here too).
            await db.employees.put(change.employee);
            break;
        }
      }
      // R10 (issue 15 item 7): a policy or calendar from HQ moves the open complaints' due moments here
      // too, in the transaction that brings it (the counts and lists never lag HQ's change).
      if (policyChanged) await refreshDueKeys(db.complaints, settings);
      await db.meta.put({ key: META.cursor, value: cursor });
    });
  }
}

import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import type { ComplaintEvent, ComplaintInput } from '../../shared/complaints/model';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import type { OutboxOperation } from '../../shared/sync/operations';
import type { BookEntry, BookPage, PageMime } from '../../shared/book/model';
import type { AttachmentMime } from '../../shared/handling/attachments';
import type { SyncProblem } from '../../shared/sync/problems';
import { fillListKeys, keepDeliveredKey, type StoredComplaint } from './listKeys';
import { fillSafetyKeys, keepSafetyKey } from './safetyKey';
import type { Employee } from '../../shared/people/model';
import { adoptTypedEmployeeName } from './typedNameUpgrade';
import { fillUrgencyMirrors, urgencyMirror, URGENCY_STORES } from './urgencyMirror';

/** Device internals: identity and counters. Only ever changed inside the transaction that uses them. */
export interface MetaRow {
  key: string;
  value: unknown;
}

export interface SettingsRow {
  key: 'workstation';
  value: WorkstationSettings;
}

/** What was typed into a form but not saved yet; survives a crash or a power cut (R22). */
export interface DraftRow {
  id: string;
  input: ComplaintInput;
  updatedAt: string;
}

/**
 * Stored bytes, content-addressed: a feedback-book page's image, or a file attached to a complaint (issue
 * 15, R3). The row says where they stand; the bytes are in `photoBytes` (issue 17). Written in the
 * transaction that records its page or attachment and queues it for HQ; the sync engine uploads it (PUT
 * /v1/photos/{sha256}, /v1/attachments/{sha256}) and marks it uploaded.
 */
export interface PhotoRow {
  sha256: string;
  /**
   * The bytes, in rows written before schema version 8 only; later rows keep them in `photoBytes`
   * (renderer/db/photoBytes.ts: read them with `photoBlob`).
   */
  blob?: Blob;
  mime: PageMime | AttachmentMime;
  /** 'attachment': a file attached to a complaint (its own address at HQ); absent: a page's image. */
  use?: 'attachment';
  size: number;
  createdAt: string;
  /**
   * 'pending' until HQ has confirmed it holds these exact bytes; 'refused' when HQ will never take them
   * (see `refusal`), so the sync engine stops trying.
   */
  uploadState: 'pending' | 'uploaded' | 'refused';
  uploadedAt?: string;
  attempts?: number;
  /** Why the last try failed; a plain string in rows written by older versions. */
  lastError?: SyncProblem | string;
  /** After HQ's first hash mismatch the local bytes were checked and found intact (one more try is allowed). */
  verifiedIntactAt?: string;
  refusal?: PhotoRefusal;
  /**
   * Issue 15 (R3): for an attached file, the complaints it was attached to here and under which name — so
   * the Sync screen can say which file HQ refused and lead to its complaint (a few at most).
   */
  attachedTo?: AttachedHere[];
}

export interface AttachedHere {
  complaintId: string;
  fileName: string;
}

/** Complaints an attached file's row remembers, at most (the same bytes attached again and again). */
export const MAX_ATTACHED_HERE = 10;

/**
 * Why HQ will never take a photo: larger than it accepts (413); or its bytes do not hash to its name (422),
 * because the copy on this computer is damaged, or because the upload is damaged on the way every time.
 */
export interface PhotoRefusal {
  reason: 'too_large' | 'damaged_here' | 'damaged_on_the_way';
  at: string;
}

/**
 * The schema, version by version. Never edit a version that has shipped: add the next one with its
 * `upgrade`, so every branch PC migrates its data in place (Dexie runs the missing steps in order).
 * Indexes only: Dexie stores every other property as well.
 */
export const SCHEMA_VERSIONS: ReadonlyArray<{
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}> = [
  {
    version: 1,
    stores: {
      complaints: 'id, &number, registeredAt, status, channel, *searchWords',
      events: 'id, complaintId, [complaintId+at]',
      outbox: 'deviceSeq, &opId, createdAt',
      settings: 'key',
      meta: 'key',
      drafts: 'id',
    },
  },
  {
    // R6–R8: feedback-book entries, their pages and the page images.
    version: 2,
    stores: {
      bookEntries: 'id, state, deadline, capturedAt',
      bookPages: 'id, entryId, sha256, sourceSha256',
      photos: 'sha256, uploadState',
    },
  },
  {
    // Issue 17 (R26, years of data): every filter and count of the lists reads an index. The complaint list
    // is newest first within a status and/or channel (the channel keeps the internal register apart); the
    // urgency keys hold only open complaints (renderer/db/listKeys.ts). Book entries: the undelivered by
    // deadline, then the delivered; photos: the oldest one not yet at HQ.
    version: 3,
    stores: {
      complaints:
        'id, &number, registeredAt, *searchWords, [status+registeredAt], [channel+registeredAt], ' +
        '[status+channel+registeredAt], [urgency.register+urgency.dueAt], [urgency.register+urgency.soonFrom]',
      bookEntries: 'id, state, deadline, capturedAt, [delivered+deadline]',
      photos: 'sha256, uploadState, [uploadState+createdAt]',
    },
    upgrade: fillListKeys,
  },
  {
    // Issue 14 (R24): the branch's employees, who sign in with a PIN; the typed name becomes the first one.
    version: 4,
    stores: { employees: 'id, branchCode' },
    upgrade: adoptTypedEmployeeName,
  },
  {
    // Issue 15 item 4 (R13): health-and-safety complaints first in the paged list — a sparse index of them
    // (`safetyAt`, kept by keepSafetyKey on every write), filled for the complaints already here.
    version: 6,
    stores: {
      complaints:
        'id, &number, registeredAt, *searchWords, [status+registeredAt], [channel+registeredAt], ' +
        '[status+channel+registeredAt], [urgency.register+urgency.dueAt], [urgency.register+urgency.soonFrom], ' +
        'safetyAt',
    },
    upgrade: fillSafetyKeys,
  },
  {
    // Issue 17 (R11, R26): the urgency counts read their own stores of keys, kept by urgencyMirror on every
    // write of a complaint (renderer/db/urgencyMirror.ts), filled for the complaints already keyed.
    version: 7,
    stores: { [URGENCY_STORES.due]: '', [URGENCY_STORES.soon]: '' },
    upgrade: fillUrgencyMirrors,
  },
  {
    // Issue 17 (R23): a photo's bytes in a store of their own, so that marking its row does not write them
    // again (renderer/db/photoBytes.ts). Rows stored before keep their bytes and are read where they are.
    version: 8,
    stores: { photoBytes: '' },
  },
];

export class OtklikDatabase extends Dexie {
  complaints!: EntityTable<StoredComplaint, 'id'>;
  events!: EntityTable<ComplaintEvent, 'id'>;
  outbox!: Table<OutboxOperation, number>;
  settings!: Table<SettingsRow, string>;
  meta!: Table<MetaRow, string>;
  drafts!: EntityTable<DraftRow, 'id'>;
  bookEntries!: EntityTable<BookEntry, 'id'>;
  bookPages!: EntityTable<BookPage, 'id'>;
  photos!: Table<PhotoRow, string>;
  /** SHA-256 → the bytes of the photo or attached file with that row in `photos` (version 8 on). */
  photoBytes!: Table<Blob, string>;
  employees!: EntityTable<Employee, 'id'>;
  /** `[register, instant, complaint id]` → 1 (renderer/db/urgencyMirror.ts). */
  urgencyDue!: Table<1, [string, string, string]>;
  urgencySoon!: Table<1, [string, string, string]>;

  constructor(name = 'otklik', versions = SCHEMA_VERSIONS) {
    // R22: nothing entered is lost, a power cut included. Chromium (121 on) reports a read-write
    // transaction complete once its writes are handed to the operating system ("relaxed"), so a power
    // cut in the next seconds could lose a complaint the employee saw saved. "strict" asks it to report
    // complete only once they are flushed to disk (a hint Chromium honours; a drive that ignores flushes
    // defeats it). Measured on the CI machine's virtual disk, Chromium with a profile on disk, 200
    // one-record transactions, run twice: 0.8 and 1.0 ms median strict, 0.6 and 1.0 ms relaxed; a spinning
    // disk pays a flush per transaction (several ms). A schema upgrade's transaction cannot ask for it
    // (indexedDB.open has no such option): it is made durable by the next strict one, and is run again if
    // lost.
    super(name, { chromeTransactionDurability: 'strict' });
    for (const v of versions) {
      const step = this.version(v.version).stores(v.stores);
      if (v.upgrade) step.upgrade(v.upgrade);
    }
    // A database opened at an early version (tests of the upgrade path) has no book yet.
    if (this.tables.some((t) => t.name === 'bookEntries')) keepDeliveredKey(this.bookEntries);
    keepSafetyKey(this.complaints);
    this.use(urgencyMirror);
  }
}

import { z } from 'zod';
import {
  CATEGORIES,
  CHANNELS,
  CONTACT_METHODS,
  EVENT_TYPES,
  SEVERITIES,
  STATUSES,
} from '../complaints/model';
import { DECISION_OUTCOMES, FINDINGS, FOLLOW_UP_OUTCOMES, UNFOUNDED_CRITERIA } from '../lifecycle/decision';
import { MAX_PAGES_PER_ENTRY, PAGE_MIME_TYPES, SHA256_HEX } from '../book/model';

/**
 * The branch → HQ protocol, one operation per user action (ARCHITECTURE.md "Sync"). Operations are written
 * to the local outbox in the same transaction as the data they describe, and HQ applies each `opId` once.
 * Bump SYNC_SCHEMA_VERSION when a payload changes shape; HQ keeps accepting older versions.
 */
export const SYNC_SCHEMA_VERSION = 1;

const isoInstant = z.iso.datetime({ offset: true });

export const customerSchema = z.object({
  name: z.string(),
  phone: z.string(),
  email: z.string(),
  address: z.string(),
  preferredContact: z.union([z.enum(CONTACT_METHODS), z.literal('')]),
});

const decisionSchema = z.object({
  outcome: z.enum(DECISION_OUTCOMES),
  justification: z.string().optional(),
  alternativeOffered: z.string().optional(),
  unfoundedCriterion: z.enum(UNFOUNDED_CRITERIA.map((c) => c.id) as [string, ...string[]]).optional(),
  factsMissing: z.boolean(),
  finding: z.enum(FINDINGS).optional(),
  findingDefaulted: z.boolean(),
  findingOverrideReason: z.string().optional(),
});

const progressSchema = z.object({
  status: z.enum(STATUSES),
  acknowledgedAt: isoInstant.optional(),
  preliminaryAnswerAt: isoInstant.optional(),
  decidedAt: isoInstant.optional(),
  customerInformedAt: isoInstant.optional(),
  followUpDoneAt: isoInstant.optional(),
  closedAt: isoInstant.optional(),
  reopenedAt: isoInstant.optional(),
  reopenCount: z.number().int().nonnegative(),
  termExtended: z.boolean().optional(),
  decision: decisionSchema.optional(),
  followUpOutcome: z.enum(FOLLOW_UP_OUTCOMES).optional(),
});

export const complaintSchema = z.object({
  id: z.uuid(),
  // Indexed at HQ (unique): a real number is about 20 characters; far longer would overflow the index.
  number: z.string().min(1).max(64),
  branchCode: z.string().min(1),
  status: z.enum(STATUSES),
  channel: z.enum(CHANNELS),
  receivedAt: isoInstant,
  registeredAt: isoInstant,
  updatedAt: isoInstant,
  receivedBy: z.string(),
  confidential: z.boolean(),
  customer: customerSchema,
  noContactReason: z.string(),
  description: z.string(),
  remedy: z.string(),
  concerns: z.object({ product: z.string(), service: z.string(), employee: z.string() }),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  healthAndSafety: z.boolean(),
  consent: z.boolean(),
  searchWords: z.array(z.string()),
  progress: progressSchema,
});

export const complaintEventSchema = z.object({
  id: z.uuid(),
  complaintId: z.uuid(),
  type: z.enum(EVENT_TYPES),
  at: isoInstant,
  actor: z.string(),
  data: z.record(z.string(), z.unknown()),
});

const sha256 = z.string().regex(SHA256_HEX);

/** What HQ learns about a feedback-book entry when its first page is taken (R7: the clock starts then). */
export const bookEntryHeaderSchema = z.object({
  id: z.uuid(),
  branchCode: z.string().min(1),
  capturedAt: isoInstant,
  capturedBy: z.string(),
  deadline: isoInstant,
});

export const bookPageSchema = z.object({
  id: z.uuid(),
  entryId: z.uuid(),
  pageNo: z.number().int().min(1).max(MAX_PAGES_PER_ENTRY),
  sha256,
  sourceSha256: sha256,
  mime: z.enum(PAGE_MIME_TYPES),
  size: z.number().int().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  source: z.enum(['camera', 'import']),
  originalName: z.string().max(255).optional(),
  capturedAt: isoInstant,
  capturedBy: z.string(),
});

export const operationPayloads = {
  /** R1: a complaint registered at the branch, with its first history events (created, maybe acknowledged). */
  'complaint.register': z.object({
    complaint: complaintSchema,
    events: z.array(complaintEventSchema).min(1),
  }),
  /** R5, R10: later information, a preliminary answer or a term extension, appended to a complaint's history. */
  'complaint.event': z.object({
    event: complaintEventSchema.refine((e) => e.type !== 'status_changed' && e.type !== 'created', {
      message: 'status changes travel as complaint.transition',
    }),
  }),
  /**
   * R12: a status change with its precondition. HQ applies it only when its own status is still `from`;
   * otherwise it acknowledges the operation with a reason and sends its state back on pull.
   */
  'complaint.transition': z.object({
    complaintId: z.uuid(),
    from: z.enum(STATUSES),
    to: z.enum(STATUSES),
    event: complaintEventSchema.refine((e) => e.type === 'status_changed', {
      message: 'not a status change',
    }),
  }),
  /**
   * R6: a page of the feedback book was photographed or imported. Queued in the transaction that stores the
   * image, so HQ knows of every photo (and its deadline) even before the entry is submitted. The image
   * travels separately, content-addressed: PUT /photos/{sha256}.
   */
  'book.page.add': z.object({ entry: bookEntryHeaderSchema, page: bookPageSchema }),
  /** A page deleted or replaced (retake, rotation) while the entry was still being captured. */
  'book.page.remove': z.object({ entryId: z.uuid(), pageId: z.uuid(), at: isoInstant, by: z.string() }),
  /**
   * R7: the entry is complete. `pageHashes` is the final page order; HQ mails the entry to the branch's
   * manager (cc head of sales) as soon as every one of these photos has arrived.
   */
  'book.entry.submit': z.object({
    entry: bookEntryHeaderSchema.extend({
      complaintId: z.uuid(),
      complaintNumber: z.string().min(1),
      submittedAt: isoInstant,
      pageHashes: z.array(sha256).min(1).max(MAX_PAGES_PER_ENTRY),
    }),
  }),
  /** R7 fallback: the branch produced a ready e-mail file itself because HQ could not be reached in time. */
  'book.entry.fallback': z.object({
    entryId: z.uuid(),
    at: isoInstant,
    by: z.string(),
    pages: z.array(sha256).min(1),
  }),
} as const;

export type OperationType = keyof typeof operationPayloads;
export type OperationPayload<T extends OperationType> = z.infer<(typeof operationPayloads)[T]>;

export interface OutboxOperation<T extends OperationType = OperationType> {
  /** Strictly increasing per device; a gap seen at HQ means local data was lost. */
  deviceSeq: number;
  /** UUIDv7; HQ applies an operation at most once by this id. */
  opId: string;
  deviceId: string;
  schemaVersion: number;
  type: T;
  payload: OperationPayload<T>;
  /** Client clock, for display only: HQ orders by its own cursor. */
  createdAt: string;
}

export function parseOperationPayload<T extends OperationType>(
  type: T,
  payload: unknown,
): OperationPayload<T> {
  return operationPayloads[type].parse(payload) as OperationPayload<T>;
}

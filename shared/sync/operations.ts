import { z } from 'zod';
import {
  CATEGORIES,
  CHANNELS,
  CONTACT_METHODS,
  SEVERITIES,
  STATUSES,
  URGENCY_LEVELS,
} from '../complaints/model';
import {
  DECISION_OUTCOMES,
  FINDINGS,
  FOLLOW_UP_OUTCOMES,
  UNFOUNDED_CRITERIA,
  type UnfoundedCriterion,
} from '../lifecycle/decision';
import { MAX_IMPORT_BYTES, MAX_PAGES_PER_ENTRY, PAGE_MIME_TYPES, SHA256_HEX } from '../book/model';
import { MAX_WORDS } from '../complaints/search';
import { LIMITS } from '../complaints/validation';
import { employeeSchema, pinHashSchema } from '../people/model';
import { LANGUAGES } from '../settings/languages';
import {
  APPROVAL_STATES,
  APPROVER_ROLES,
  COMPENSATION_FORMS,
  ESCALATION_STEPS,
  SENIOR_HANDOVER_REASONS,
} from '../handling/codes';
import { moneySchema } from '../handling/event-data';
import { MAX_ESCALATION_RECORDS, MAX_MERGED_FROM } from '../handling/replay';
import { branchEventSchema, complaintEventSchema, registrationEventSchema } from './events';
import { isoInstant, text } from './fields';

/**
 * The branch → HQ protocol, one operation per user action (ARCHITECTURE.md "Sync"). Operations are written
 * to the local outbox in the same transaction as the data they describe, and HQ applies each `opId` once.
 * Bump SYNC_SCHEMA_VERSION when a payload changes shape; HQ keeps accepting older versions.
 */
export const SYNC_SCHEMA_VERSION = 1;

/** A branch code such as MSK-01 (shared/complaints/numbering BRANCH_CODE_PATTERN: at most 11 characters). */
export const MAX_BRANCH_CODE = 16;
/** A complaint number: MSK-01-2026-100123 is 18 characters. */
export const MAX_COMPLAINT_NUMBER = 64;
/** History events a registration carries (created, and the first status change). */
export const MAX_REGISTRATION_EVENTS = 16;
/** JPEG's own limit. */
const MAX_IMAGE_SIDE = 65_535;

export const customerSchema = z.object({
  name: text(LIMITS.name),
  phone: text(LIMITS.phone),
  email: text(LIMITS.email),
  address: text(LIMITS.address),
  preferredContact: z.union([z.enum(CONTACT_METHODS), z.literal('')]),
});

const decisionSchema = z.object({
  outcome: z.enum(DECISION_OUTCOMES),
  justification: text(LIMITS.note).optional(),
  alternativeOffered: text(LIMITS.note).optional(),
  unfoundedCriterion: z
    .enum(UNFOUNDED_CRITERIA.map((c) => c.id) as [UnfoundedCriterion, ...UnfoundedCriterion[]])
    .optional(),
  factsMissing: z.boolean(),
  finding: z.enum(FINDINGS).optional(),
  findingDefaulted: z.boolean(),
  findingOverrideReason: text(LIMITS.note).optional(),
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
  reopenCount: z.number().int().nonnegative().max(1_000_000),
  termExtended: z.boolean().optional(),
  decision: decisionSchema.optional(),
  followUpOutcome: z.enum(FOLLOW_UP_OUTCOMES).optional(),
  /** Issue 14 (R14): the HQ user responsible, and when the complaint was taken to HQ. */
  owner: z.object({ id: z.uuid(), name: text(LIMITS.person) }).optional(),
  escalatedAt: isoInstant.optional(),
  // Issue 15 (shared/handling/milestones.ts): all optional, so records from before it stay valid.
  callback: z
    .object({ id: z.uuid(), dueAt: isoInstant, phone: text(LIMITS.phone), at: isoInstant })
    .optional(),
  escalations: z
    .array(
      z.object({
        step: z.enum(ESCALATION_STEPS),
        dueKey: z.string().max(80),
        dueKind: z.string().max(32),
        at: isoInstant,
        toName: text(LIMITS.email),
      }),
    )
    .max(MAX_ESCALATION_RECORDS)
    .optional(),
  passedToHeadOfSalesAt: isoInstant.optional(),
  senior: z
    .object({
      name: text(LIMITS.person),
      id: z.uuid().optional(),
      reason: z.enum(SENIOR_HANDOVER_REASONS),
      at: isoInstant,
    })
    .optional(),
  compensation: z
    .object({
      id: z.uuid(),
      amount: moneySchema,
      form: z.enum(COMPENSATION_FORMS),
      approval: z.enum(APPROVAL_STATES),
      decidedAt: isoInstant,
      answeredAt: isoInstant.optional(),
      answeredBy: z.enum(APPROVER_ROLES).optional(),
    })
    .optional(),
  openTasks: z.number().int().nonnegative().max(1_000_000).optional(),
  mergedInto: z.object({ id: z.uuid(), number: z.string().max(MAX_COMPLAINT_NUMBER) }).optional(),
  mergedFrom: z
    .array(z.object({ id: z.uuid(), number: z.string().max(MAX_COMPLAINT_NUMBER) }))
    .max(MAX_MERGED_FROM)
    .optional(),
  recourseExplainedAt: isoInstant.optional(),
  attachments: z.number().int().nonnegative().max(1_000_000).optional(),
});

export const complaintSchema = z.object({
  id: z.uuid(),
  // Indexed at HQ (unique): a real number is about 20 characters; far longer would overflow the index.
  number: z.string().min(1).max(MAX_COMPLAINT_NUMBER),
  branchCode: z.string().min(1).max(MAX_BRANCH_CODE),
  status: z.enum(STATUSES),
  channel: z.enum(CHANNELS),
  receivedAt: isoInstant,
  registeredAt: isoInstant,
  updatedAt: isoInstant,
  receivedBy: text(LIMITS.person),
  confidential: z.boolean(),
  customer: customerSchema,
  noContactReason: text(LIMITS.noContactReason),
  description: text(LIMITS.description),
  remedy: text(LIMITS.remedy),
  concerns: z.object({
    product: text(LIMITS.concerns),
    service: text(LIMITS.concerns),
    employee: text(LIMITS.concerns),
  }),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  /** Issue 15 (R13). Optional: complaints registered before it have none (DEFAULT_URGENCY_LEVEL). */
  urgencyLevel: z.enum(URGENCY_LEVELS).optional(),
  healthAndSafety: z.boolean(),
  consent: z.boolean(),
  /** Issue 16 (R9, R25). Optional: complaints registered before it have none (the branch's language). */
  customerLanguage: z.enum(LANGUAGES).optional(),
  // Words of the texts above, capped as searchWordsOf caps them. Lower-casing may lengthen a word (İ → i̇).
  searchWords: z.array(text(2 * LIMITS.description)).max(MAX_WORDS),
  progress: progressSchema,
});

const sha256 = z.string().regex(SHA256_HEX);

/** What HQ learns about a feedback-book entry when its first page is taken (R7: the clock starts then). */
export const bookEntryHeaderSchema = z.object({
  id: z.uuid(),
  branchCode: z.string().min(1).max(MAX_BRANCH_CODE),
  capturedAt: isoInstant,
  capturedBy: text(LIMITS.person),
  deadline: isoInstant,
});

export const bookPageSchema = z.object({
  id: z.uuid(),
  entryId: z.uuid(),
  pageNo: z.number().int().min(1).max(MAX_PAGES_PER_ENTRY),
  sha256,
  sourceSha256: sha256,
  mime: z.enum(PAGE_MIME_TYPES),
  size: z.number().int().positive().max(MAX_IMPORT_BYTES),
  width: z.number().int().positive().max(MAX_IMAGE_SIDE),
  height: z.number().int().positive().max(MAX_IMAGE_SIDE),
  source: z.enum(['camera', 'import']),
  originalName: z.string().max(255).optional(),
  capturedAt: isoInstant,
  capturedBy: text(LIMITS.person),
});

export const operationPayloads = {
  /** R1: a complaint registered at the branch, with its first history events (created, maybe acknowledged). */
  'complaint.register': z.object({
    complaint: complaintSchema,
    events: z.array(registrationEventSchema).min(1).max(MAX_REGISTRATION_EVENTS),
  }),
  /**
   * R5, R10 and issue 15: an event appended to a complaint's history — a note, a preliminary answer, a term
   * extension, and every handling step that touches one complaint (callbacks, corrections, attachments,
   * later information, re-assessment, hand-offs, compensation and its approval, tasks, recourse, printing).
   */
  'complaint.event': z.object({ event: branchEventSchema }),
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
   * R5 (issue 15): `mergedId` merged into `survivorId` — two complaints in one op, applied by HQ in one
   * transaction after shared/handling/merge `checkMerge` against its own state. `into` is the merged one's
   * `merged_into` event, `from` the survivor's `merged_from`.
   */
  'complaint.merge': z
    .object({
      survivorId: z.uuid(),
      mergedId: z.uuid(),
      into: complaintEventSchema,
      from: complaintEventSchema,
    })
    .superRefine((p, ctx) => {
      const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (p.survivorId === p.mergedId) bad('mergedId', 'a complaint cannot be merged into itself');
      if (
        p.into.type !== 'merged_into' ||
        p.into.complaintId !== p.mergedId ||
        p.into.data.survivorId !== p.survivorId
      )
        bad('into', 'not the merged_into event of this merge');
      if (
        p.from.type !== 'merged_from' ||
        p.from.complaintId !== p.survivorId ||
        p.from.data.mergedId !== p.mergedId
      )
        bad('from', 'not the merged_from event of this merge');
    }),
  /**
   * R6: a page of the feedback book was photographed or imported. Queued in the transaction that stores the
   * image, so HQ knows of every photo (and its deadline) even before the entry is submitted. The image
   * travels separately, content-addressed: PUT /photos/{sha256}.
   */
  'book.page.add': z.object({ entry: bookEntryHeaderSchema, page: bookPageSchema }),
  /** A page deleted or replaced (retake, rotation) while the entry was still being captured. */
  'book.page.remove': z.object({
    entryId: z.uuid(),
    pageId: z.uuid(),
    at: isoInstant,
    by: text(LIMITS.person),
  }),
  /**
   * R7: the entry is complete. `pageHashes` is the final page order; HQ mails the entry to the branch's
   * manager (cc head of sales) as soon as every one of these photos has arrived.
   */
  'book.entry.submit': z.object({
    entry: bookEntryHeaderSchema.extend({
      complaintId: z.uuid(),
      complaintNumber: z.string().min(1).max(MAX_COMPLAINT_NUMBER),
      submittedAt: isoInstant,
      pageHashes: z.array(sha256).min(1).max(MAX_PAGES_PER_ENTRY),
    }),
  }),
  /** R7 fallback: the branch produced a ready e-mail file itself because HQ could not be reached in time. */
  'book.entry.fallback': z.object({
    entryId: z.uuid(),
    at: isoInstant,
    by: text(LIMITS.person),
    pages: z.array(sha256).min(1).max(MAX_PAGES_PER_ENTRY),
  }),
  /**
   * Issue 14 (R24): an employee of the device's branch created or changed at the branch (the first-run
   * wizard, a branch manager). The whole record; HQ's order wins.
   */
  'employee.upsert': z.object({ employee: employeeSchema.omit({ pin: true }) }),
  /** Issue 14: an employee set their PIN at their first sign-in; the hash goes to every PC of the branch. */
  'employee.pin.set': z.object({ employeeId: z.uuid(), pin: pinHashSchema, at: isoInstant }),
} as const;

export type OperationType = keyof typeof operationPayloads;
export const OPERATION_TYPES = Object.keys(operationPayloads) as OperationType[];
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

/**
 * Issue 15 (and issue 16's two document events): the shape of each new event type's `data`, as zod
 * schemas bounded by the app's own limits. shared/sync/events `complaintEventSchema` checks an event's
 * data by its type with these (`eventDataSchemaFor`); the event types from before issue 15 keep their generic
 * check, so older events stay valid. Unknown keys are refused (`strict`): what HQ stores is what the app
 * writes. The rules that produce each shape live beside it in shared/handling/*.ts.
 */
import { z } from 'zod';
import type { ComplaintEventType } from '../complaints/model';
import { isValidPhone, LIMITS } from '../complaints/validation';
import { DOCUMENT_KINDS } from '../documents/model';
import { PAPER_FORMATS } from '../documents/paper';
import { MAX_RECOURSE_ROUTES, recourseIdSchema } from '../documents/recourse';
import { COUNTRIES, LANGUAGES } from '../settings/workstation';
import { MAX_FILE_NAME, MAX_ATTACHMENT_BYTES, ATTACHMENT_MIME_TYPES } from './attachments';
import {
  AID_ANSWERS,
  APPROVER_ROLES,
  ATTACHMENT_KINDS,
  CALLBACK_OUTCOMES,
  COMPENSATION_FORMS,
  CONVERSATION_STEPS,
  DEPARTMENTS,
  ESCALATION_STEPS,
  INFO_CHANNELS,
  SENIOR_HANDOVER_REASONS,
  TASK_STATUSES,
} from './codes';
import { CORRECTABLE_FIELDS, ASSESSMENT_FIELDS, isFieldValue, type FIELD_BOUNDS } from './corrections';

const isoInstant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
const note = text(LIMITS.note).optional();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** Amount in minor units and an ISO 4217 code (shared/documents/money). */
export const moneySchema = z.strictObject({
  amountMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  currency: z.string().regex(/^[A-Z]{3}$/),
});
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const email = text(LIMITS.email);

/** One change of a correction or re-assessment: the value kinds and bounds of FIELD_BOUNDS. */
const fieldChanges = (fields: readonly string[]) =>
  z
    .array(
      z.strictObject({
        field: z.enum(fields as [string, ...string[]]),
        before: z.union([z.string().max(LIMITS.description), z.boolean()]),
        after: z.union([z.string().max(LIMITS.description), z.boolean()]),
      }),
    )
    .min(1)
    .max(fields.length)
    .superRefine((changes, ctx) => {
      const seen = new Set<string>();
      for (const [i, c] of changes.entries()) {
        if (seen.has(c.field))
          ctx.addIssue({ code: 'custom', path: [i, 'field'], message: 'field changed twice' });
        seen.add(c.field);
        if (!isFieldValue(c.field as keyof typeof FIELD_BOUNDS, c.after))
          ctx.addIssue({ code: 'custom', path: [i, 'after'], message: `not a value of ${c.field}` });
      }
    });

export const HANDLING_EVENT_DATA = {
  conversation_aid_recorded: z.strictObject({
    steps: z.array(z.enum(CONVERSATION_STEPS)).max(CONVERSATION_STEPS.length),
    note,
  }),
  callback_promised: z.strictObject({
    callbackId: z.uuid(),
    dueAt: isoInstant,
    phone: text(LIMITS.phone).refine(isValidPhone, 'not a phone number'),
    note,
  }),
  callback_done: z.strictObject({
    callbackId: z.uuid(),
    outcome: z.enum(CALLBACK_OUTCOMES),
    note,
  }),
  fields_corrected: z.strictObject({
    reason: required(LIMITS.note),
    changes: fieldChanges(CORRECTABLE_FIELDS),
  }),
  attachment_added: z.strictObject({
    attachmentId: z.uuid(),
    sha256,
    fileName: required(MAX_FILE_NAME),
    mime: z.enum(ATTACHMENT_MIME_TYPES),
    size: z.number().int().positive().max(MAX_ATTACHMENT_BYTES),
    kind: z.enum(ATTACHMENT_KINDS),
    note,
  }),
  attachment_removed: z.strictObject({
    attachmentId: z.uuid(),
    reason: required(LIMITS.note),
  }),
  customer_info_added: z.strictObject({
    from: text(LIMITS.name),
    channel: z.enum(INFO_CHANNELS),
    text: required(LIMITS.note),
    receivedAt: isoInstant.optional(),
  }),
  merged_into: z.strictObject({
    survivorId: z.uuid(),
    survivorNumber: z.string().min(1).max(64),
    reason: note,
  }),
  merged_from: z.strictObject({
    mergedId: z.uuid(),
    mergedNumber: z.string().min(1).max(64),
    reason: note,
  }),
  assessment_changed: z.strictObject({
    reason: required(LIMITS.note),
    changes: fieldChanges(ASSESSMENT_FIELDS),
  }),
  escalated: z.strictObject({
    step: z.enum(ESCALATION_STEPS),
    dueKey: z.string().min(1).max(80),
    dueKind: z.string().min(1).max(32),
    dueAt: isoInstant,
    toName: text(LIMITS.person),
    toEmail: email,
    messageId: z.string().max(255).optional(),
  }),
  passed_to_head_of_sales: z.strictObject({ reason: required(LIMITS.note) }),
  handed_to_senior: z.strictObject({
    seniorName: required(LIMITS.person),
    seniorId: z.uuid().optional(),
    reason: z.enum(SENIOR_HANDOVER_REASONS),
    note,
  }),
  compensation_decided: z.strictObject({
    compensationId: z.uuid(),
    answers: z.strictObject({
      longTermCustomer: z.enum(AID_ANSWERS),
      willBuyAgain: z.enum(AID_ANSWERS),
      reputationEffect: z.enum(AID_ANSWERS),
      demandsReasonable: z.enum(AID_ANSWERS),
      companyFaultPercent: z.number().int().min(0).max(100),
    }),
    amount: moneySchema,
    form: z.enum(COMPENSATION_FORMS),
    note,
    approvalRequired: z.boolean(),
    threshold: moneySchema.optional(),
  }),
  compensation_approval_required: z.strictObject({
    compensationId: z.uuid(),
    // HQ's threshold for the amount's currency; absent: HQ has none for it, so every amount needs approval.
    threshold: moneySchema.optional(),
  }),
  compensation_approved: z.strictObject({
    compensationId: z.uuid(),
    approverRole: z.enum(APPROVER_ROLES),
    reason: note,
  }),
  compensation_refused: z.strictObject({
    compensationId: z.uuid(),
    approverRole: z.enum(APPROVER_ROLES),
    reason: required(LIMITS.note),
  }),
  task_created: z.strictObject({
    taskId: z.uuid(),
    department: z.enum(DEPARTMENTS),
    ownerName: required(LIMITS.person),
    ownerId: z.uuid().optional(),
    dueDate: localDate,
    text: required(LIMITS.note),
    compensationId: z.uuid().optional(),
  }),
  task_status_changed: z.strictObject({
    taskId: z.uuid(),
    status: z.enum(TASK_STATUSES),
    note,
  }),
  recourse_explained: z.strictObject({
    // Shipped routes' ids or those HQ configured (issue 15, shared/documents/recourse).
    routes: z.array(recourseIdSchema).min(1).max(MAX_RECOURSE_ROUTES),
    country: z.enum(COUNTRIES),
    language: z.enum(LANGUAGES),
    note,
  }),
  document_printed: z.strictObject({
    document: z.enum(DOCUMENT_KINDS),
    paper: z.enum(PAPER_FORMATS),
    language: z.enum(LANGUAGES),
  }),
  document_emailed: z.strictObject({
    document: z.enum(DOCUMENT_KINDS),
    language: z.enum(LANGUAGES),
    to: email,
    messageId: z.string().max(255),
  }),
} as const satisfies Partial<Record<ComplaintEventType, z.ZodType>>;

export type HandlingEventType = keyof typeof HANDLING_EVENT_DATA;
export type HandlingEventData<T extends HandlingEventType> = z.infer<(typeof HANDLING_EVENT_DATA)[T]>;

/**
 * Events only HQ writes: a branch op carrying one is refused (HQ escalates, e-mails and applies its own
 * approval threshold; a branch PC never claims it did).
 */
export const HQ_ONLY_EVENT_TYPES: readonly ComplaintEventType[] = [
  'escalated',
  'document_emailed',
  'compensation_approval_required',
];

/**
 * Events of a decided complaint (R16): a registration never carries one — a new complaint is not decided —
 * so they reach HQ only as `complaint.event`, where HQ checks them against the complaint's history.
 */
export const DECISION_EVENT_TYPES: readonly ComplaintEventType[] = [
  'compensation_decided',
  'compensation_approved',
  'compensation_refused',
  'task_created',
  'task_status_changed',
];

/**
 * Events that travel only in their own op: the two sides of a merge go together in `complaint.merge`, so HQ
 * checks and applies both in one transaction — never one side alone in a `complaint.event`.
 */
export const OWN_OP_EVENT_TYPES: readonly ComplaintEventType[] = ['merged_into', 'merged_from'];

/** The schema of an event type's data, or undefined for the types from before issue 15 (generic check). */
export function eventDataSchemaFor(type: string): z.ZodType | undefined {
  return Object.hasOwn(HANDLING_EVENT_DATA, type)
    ? HANDLING_EVENT_DATA[type as HandlingEventType]
    : undefined;
}

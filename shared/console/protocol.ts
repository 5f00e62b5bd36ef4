import { z } from 'zod';
import { CATEGORIES, CHANNELS, SEVERITIES, STATUSES } from '../complaints/model';
import { DOCUMENT_KINDS } from '../documents/model';
import { recourseConfigSchema } from '../documents/recourse';
import { PAPER_FORMATS } from '../documents/paper';
import { LIMITS } from '../complaints/validation';
import { DECISION_OUTCOMES, FINDINGS, FOLLOW_UP_OUTCOMES, UNFOUNDED_CRITERIA } from '../lifecycle/decision';
import { HQ_ROLES } from '../people/model';
import { moneySchema } from '../handling/event-data';
import { complaintEventSchema } from '../sync/events';
import { complaintSchema } from '../sync/operations';
import { LANGUAGES } from '../settings/workstation';
import { bookEntryStateSchema } from '../sync/protocol';

/**
 * The HQ console's HTTP contract (issue 14, ARCHITECTURE.md "The HQ console"): paths, request and response
 * bodies. HQ validates what it receives with these schemas; the console app (renderer/console) and other
 * tools use the same ones. Errors are the sync protocol's `{code, message}` (errorBodySchema).
 *
 * Authentication: a session cookie (`otklik_session`, HttpOnly, SameSite=Strict, Secure under TLS) set by
 * POST session; every state-changing request also carries `X-CSRF-Token` with the session's token.
 */
export const CONSOLE_PATHS = {
  session: '/v1/console/session',
  password: '/v1/console/password',
  complaints: '/v1/console/complaints',
  complaint: (id: string) => `/v1/console/complaints/${id}`,
  complaintEvents: (id: string) => `/v1/console/complaints/${id}/events`,
  /** POST {document, paper, language}: the user printed one of the complaint's documents (issue 16). */
  complaintPrinted: (id: string) => `/v1/console/complaints/${id}/printed`,
  queues: '/v1/console/queues',
  mailRetry: (jobId: string) => `/v1/console/mail/${encodeURIComponent(jobId)}/retry`,
  photo: (sha256: string) => `/v1/console/photos/${sha256}`,
  attachment: (complaintId: string, attachmentId: string) =>
    `/v1/console/complaints/${complaintId}/attachments/${attachmentId}`,
  branches: '/v1/console/branches',
  branch: (code: string) => `/v1/console/branches/${code}`,
  enrollmentCodes: (code: string) => `/v1/console/branches/${code}/enrollment-codes`,
  devices: '/v1/console/devices',
  deviceRevoke: (id: string) => `/v1/console/devices/${id}/revoke`,
  employees: '/v1/console/employees',
  employee: (id: string) => `/v1/console/employees/${id}`,
  users: '/v1/console/users',
  user: (id: string) => `/v1/console/users/${id}`,
  /** POST: a new one-time set-password link for the user (the old one stops working). */
  userPasswordLink: (id: string) => `/v1/console/users/${id}/password-link`,
  /** GET: the append-only audit of HQ actions (admin and auditor). */
  audit: '/v1/console/audit',
  /** Issue 15 items 3 and 7 (R10): GET the company name and policy layers (admin, auditor). */
  policy: '/v1/console/policy',
  /** PUT `{ layer }`: replaces the company's policy layer (admin). */
  companyPolicy: '/v1/console/policy/company',
  /** PUT `{ layer }`: replaces a branch's policy layer (admin). */
  branchPolicy: (code: string) => `/v1/console/policy/branches/${code}`,
  /** PUT `{ name }`: the company's name (admin). */
  companyName: '/v1/console/policy/company-name',
} as const;

/**
 * Why HQ refused a console request with 409 `conflict`: the `reason` beside code and message, so the console
 * can say which conflict it was in the user's language.
 */
export const CONFLICT_REASONS = [
  /** The complaint moved meanwhile (a lifecycle step from an old status; `reasons` say which rule). */
  'complaint_changed',
  'user_exists',
  'branch_exists',
  /** An admin tried to disable themselves or change their own role. */
  'own_account',
  /** "Send again" for mail that is sent already or being sent. */
  'mail_not_waiting',
] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'otklik_session';
/** A password set through the one-time link: long enough, not bounded by habit. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export const consoleUserSchema = z.object({
  id: z.uuid(),
  email: z.string().max(LIMITS.email),
  name: z.string().max(LIMITS.person),
  role: z.enum(HQ_ROLES),
  /** The branches a `manager` handles; empty for the roles that see all (or none). */
  branches: z.array(z.string().max(16)),
});
export type ConsoleUser = z.infer<typeof consoleUserSchema>;

export const signInRequestSchema = z.object({
  email: z.string().min(1).max(LIMITS.email),
  password: z.string().min(1).max(PASSWORD_MAX),
});
export const sessionResponseSchema = z.object({ user: consoleUserSchema, csrfToken: z.string().min(20) });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const setPasswordRequestSchema = z.object({
  token: z.string().min(20).max(200),
  password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
});

/** R11: where a complaint stands against its next due moment, as of the request. */
export const DUE_STATES = ['overdue', 'soon', 'ok', 'none'] as const;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(500)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length));

/** GET complaints: every filter is optional and indexed at HQ; `cursor` is opaque (keyset paging). */
export const complaintListQuerySchema = z.object({
  branch: z
    .string()
    .max(400)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.string().max(16)).max(50))
    .optional(),
  status: csv(STATUSES).optional(),
  channel: csv(CHANNELS).optional(),
  category: csv(CATEGORIES).optional(),
  severity: csv(SEVERITIES).optional(),
  due: z.enum(['overdue', 'soon', 'ok']).optional(),
  escalated: z.enum(['true', 'false']).optional(),
  /** `me`: owned by the signed-in user; or an HQ user id. */
  owner: z.union([z.literal('me'), z.uuid()]).optional(),
  /** R16 (issue 15): `pending` — the compensation in force waits for approval. */
  approval: z.enum(['pending']).optional(),
  /** Full text over number, customer name/phone/e-mail, description, remedy — any of the five languages. */
  q: z.string().max(200).optional(),
  sort: z.enum(['registered', 'due']).default('registered'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ownerSchema = z.object({ id: z.uuid(), name: z.string().max(LIMITS.person) });

export const complaintListItemSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  branchCode: z.string(),
  status: z.enum(STATUSES),
  channel: z.enum(CHANNELS),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  healthAndSafety: z.boolean(),
  confidential: z.boolean(),
  customerName: z.string(),
  /** The first words of the description, for the list. */
  summary: z.string().max(300),
  registeredAt: z.string(),
  /** The next due moment not met yet (shared/deadlines), and its kind; absent when none is open. */
  nextDueAt: z.string().optional(),
  nextDueKind: z.string().optional(),
  dueState: z.enum(DUE_STATES),
  escalated: z.boolean(),
  owner: ownerSchema.optional(),
  /** R16 (issue 15): the compensation waiting for approval — its amount, and since when it waits. */
  awaitingApproval: z.object({ amount: moneySchema, since: z.string() }).optional(),
});
export type ComplaintListItem = z.infer<typeof complaintListItemSchema>;

export const complaintListSchema = z.object({
  items: z.array(complaintListItemSchema),
  nextCursor: z.string().optional(),
});
export type ComplaintList = z.infer<typeof complaintListSchema>;

/** A feedback-book entry linked to the complaint: its pages (photos served by CONSOLE_PATHS.photo). */
export const consoleBookEntrySchema = z.object({
  id: z.uuid(),
  capturedAt: z.string(),
  deadline: z.string(),
  pages: z.array(
    z.object({ pageNo: z.number().int(), sha256: z.string(), width: z.number(), height: z.number() }),
  ),
  state: bookEntryStateSchema,
});

/** Issue 15 item 2 (R3): a file attached to the complaint (downloaded by CONSOLE_PATHS.attachment). */
export const consoleAttachmentSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  kind: z.string(),
  addedAt: z.string(),
  addedBy: z.string(),
  /** Its bytes have reached HQ (until then it is listed, not downloadable). */
  arrived: z.boolean(),
});
export type ConsoleAttachment = z.infer<typeof consoleAttachmentSchema>;

export const complaintDetailSchema = z.object({
  complaint: complaintSchema,
  /** Full history in HQ's order; `actorId` names the employee or HQ user when known. */
  history: z.array(complaintEventSchema),
  branch: z.object({
    code: z.string(),
    name: z.string(),
    country: z.string(),
    timeZone: z.string(),
    language: z.string(),
    /**
     * Issue 16: what the complaint's documents are made from at HQ — how a customer reaches the branch (empty:
     * not set), the internal appeal (R17), and the calendar and policy its due moments are computed with.
     */
    address: z.string().optional(),
    phone: z.string().optional(),
    hours: z.string().optional(),
    headOfSalesName: z.string().optional(),
    extraDaysOff: z.array(z.string()).optional(),
    extraWorkingDays: z.array(z.string()).optional(),
    ukraineMartialLaw: z.boolean().optional(),
    policyId: z.string().optional(),
    /** R17 (issue 15): the recourse routes HQ configured for the branch (absent: the shipped table). */
    recourse: recourseConfigSchema.optional(),
  }),
  /** Issue 16 item 4: the public status page's address when HQ runs it (the receipt's QR code opens it). */
  statusPageUrl: z.string().optional(),
  /** Due moments as shared/deadlines computes them for the branch's policy and calendar. */
  due: z.array(
    z.object({
      kind: z.string(),
      at: z.string(),
      met: z.boolean(),
      /** shared/deadlines DueState at the time of the request (pending, ok, due_soon, overdue, done). */
      state: z.string().optional(),
      /** The branch-zone date the customer was promised (R9). */
      date: z.string().optional(),
      doneAt: z.string().optional(),
      late: z.boolean().optional(),
    }),
  ),
  owner: ownerSchema.optional(),
  bookEntries: z.array(consoleBookEntrySchema),
  attachments: z.array(consoleAttachmentSchema).optional(),
});
export type ComplaintDetail = z.infer<typeof complaintDetailSchema>;

const decisionInputSchema = z.object({
  outcome: z.enum(DECISION_OUTCOMES),
  justification: z.string().max(LIMITS.note).optional(),
  alternativeOffered: z.string().max(LIMITS.note).optional(),
  unfoundedCriterion: z.enum(UNFOUNDED_CRITERIA.map((c) => c.id) as [string, ...string[]]).optional(),
  factsMissing: z.boolean().optional(),
  finding: z.enum(FINDINGS).optional(),
  findingOverrideReason: z.string().max(LIMITS.note).optional(),
});

const followUpInputSchema = z.object({
  outcome: z.enum(FOLLOW_UP_OUTCOMES),
  satisfaction: z.number().int().min(1).max(5).optional(),
  comment: z.string().max(LIMITS.note).optional(),
  recourseInformed: z.boolean().optional(),
});

/** An action at HQ on one complaint: an event through the same shared rules as at the branch. */
export const consoleActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('note'), text: z.string().trim().min(1).max(LIMITS.note) }),
  /** R14: the head of sales becomes the owner. */
  z.object({ type: z.literal('take_over') }),
  z.object({
    type: z.literal('transition'),
    /** The status the user saw: a change made meanwhile (at the branch or HQ) is refused, not overwritten. */
    from: z.enum(STATUSES),
    to: z.enum(STATUSES),
    reason: z.string().max(LIMITS.note).optional(),
    note: z.string().max(LIMITS.note).optional(),
    decision: decisionInputSchema.optional(),
    followUp: followUpInputSchema.optional(),
  }),
  /**
   * R16 (issue 15): the branch manager (of their branches) or the head of sales approves or refuses the
   * compensation awaiting approval — the one the user saw (`compensationId`; another decided meanwhile is a
   * conflict). A refusal says why.
   */
  z.object({
    type: z.literal('compensation'),
    compensationId: z.uuid(),
    approve: z.boolean(),
    reason: z.string().max(LIMITS.note).optional(),
  }),
]);
export type ConsoleAction = z.infer<typeof consoleActionSchema>;

/**
 * Issue 16 (R9, R15, R17): a console user printed one of the complaint's documents — which, on which paper,
 * in which language; recorded as a `document_printed` event (the same data as the branch's).
 */
export const consolePrintedSchema = z.strictObject({
  document: z.enum(DOCUMENT_KINDS),
  paper: z.enum(PAPER_FORMATS),
  language: z.enum(LANGUAGES),
});
export type ConsolePrinted = z.infer<typeof consolePrintedSchema>;

export const queuesSchema = z.object({
  /** R11: per branch in scope, what is overdue and due soon. */
  branches: z.array(
    z.object({ code: z.string(), name: z.string(), overdue: z.number().int(), soon: z.number().int() }),
  ),
  /** R14 */
  escalatedToMe: z.array(complaintListItemSchema),
  ownedByMe: z.array(complaintListItemSchema),
  /**
   * R16 (issue 15): compensation waiting for approval by the branch manager or the head of sales, health and
   * safety first, then the longest waiting. Listed for every reader; only those roles act on it.
   */
  awaitingApproval: z.array(complaintListItemSchema),
  /** Feedback-book mail not sent (what `npm run hq -- mail-status` lists). */
  unsentMail: z.array(
    z.object({
      jobId: z.string(),
      entryId: z.uuid(),
      branchCode: z.string(),
      kind: z.string(),
      state: z.string(),
      deadline: z.string(),
      attempts: z.number().int(),
      /** HQ's own words or the mail server's: a detail for support, not the message the user reads. */
      lastError: z.string().optional(),
      /** What kind of failure it was (shared/mail/policy MailErrorKind): the console words it. */
      lastErrorKind: z.string().max(32).optional(),
    }),
  ),
});
export type Queues = z.infer<typeof queuesSchema>;

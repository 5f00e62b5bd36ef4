import { z } from 'zod';
import { SHA256_HEX } from '../book/model';
import { LIMITS } from '../complaints/validation';
import { employeeSchema } from '../people/model';
import { complaintEventSchema } from './events';
import { complaintSchema, MAX_BRANCH_CODE } from './operations';

/**
 * The HTTP contract between a branch device and HQ (ARCHITECTURE.md "Sync"): paths, request and response
 * bodies, error codes. HQ validates what it receives with these schemas and the sync engine validates
 * what HQ answers with the same ones.
 */
export const HQ_PATHS = {
  health: '/health',
  enroll: '/v1/enroll',
  push: '/v1/sync/push',
  pull: '/v1/sync/pull',
  photo: (sha256: string) => `/v1/photos/${sha256}`,
  /** Issue 15 (R3): a file attached to a complaint, content-addressed like a photo. */
  attachment: (sha256: string) => `/v1/attachments/${sha256}`,
} as const;

/**
 * Operations per push request: a batch is applied in one HQ transaction. Issue 17: 500, against 200 before
 * (npm run bench:sync, 1 000 registrations drained, HQ warm: 1 951–2 256 records/s on PGlite against
 * 1 825–1 879 with 200; 1 000 a push gained no more). HQ says what it takes in its enrollment answer and
 * with every pull (`maxPushBatch`), and a workstation sends no more than that: an HQ that does not say takes
 * LEGACY_PUSH_BATCH.
 */
export const MAX_PUSH_BATCH = 500;
/** What every HQ takes in a push, also those from before `maxPushBatch`. */
export const LEGACY_PUSH_BATCH = 200;
/**
 * A push's body, in JSON characters (UTF-16 code units), as a workstation fills it (shared/sync/push-body):
 * at most 3 MiB of UTF-8, far inside HQ's body limit (PUSH_BODY_LIMIT). Its time limit grows with its size
 * (shared/sync/backoff transferTimeoutMs). One operation larger than this still goes, alone.
 */
export const MAX_PUSH_CHARS = 1024 * 1024;
/**
 * HQ's limit on a push's body: LEGACY_PUSH_BATCH operations of 64 KiB, what a workstation from before
 * MAX_PUSH_CHARS may send. Not raised with MAX_PUSH_BATCH: a workstation now keeps to MAX_PUSH_CHARS.
 */
export const PUSH_BODY_LIMIT = LEGACY_PUSH_BATCH * 64 * 1024;
/** Changes per pull page. */
export const MAX_PULL_PAGE = 500;
/** Largest photo HQ accepts: a processed page image is a few MB; an unprocessed import may be up to 40 MB. */
export const MAX_PHOTO_BYTES = 40 * 1024 * 1024;

/**
 * Numbers a client sends are bounded to what HQ's columns hold and JavaScript counts exactly, so an absurd
 * value is a 400 at the door, never a database error (a 500) deep inside a push.
 */
export const MAX_SEQUENCE = Number.MAX_SAFE_INTEGER; // device sequence numbers and pull cursors (bigint)
export const MAX_SCHEMA_VERSION = 2 ** 31 - 1; // ops.schema_version is an int

/** Nesting deeper than this is no real operation (a payload is a few levels deep). */
export const MAX_NESTING = 32;

/** A NUL character or half of a surrogate pair: text PostgreSQL cannot store. */
// eslint-disable-next-line no-control-regex -- the NUL is what is looked for
const BROKEN_TEXT = /[\u0000\p{Cs}]/u;

/**
 * Where a value holds something PostgreSQL cannot store as text or jsonb (a NUL character, half of a
 * surrogate pair) or nests deeper than MAX_NESTING; undefined when it can be stored as it is. HQ asks this
 * of every op it receives, so the walk builds no path strings: a problem's keys are gathered on the way
 * back and joined only then.
 */
export function unstorableAt(value: unknown, path = '', depth = 0): string | undefined {
  const problem = findUnstorable(value, depth);
  if (!problem) return undefined;
  let where = path;
  for (const key of problem.keys) where = where ? `${where}.${key}` : key;
  where ||= 'value';
  if (problem.kind === 'text') return `${where}: text with a NUL or a broken character`;
  // The path goes into HQ's records, so a bad key is named by where it is, not by itself.
  if (problem.kind === 'key') return `${where}: a field name with a NUL or a broken character`;
  return `${where}: nested deeper than ${MAX_NESTING} levels`;
}

/** The first problem and the keys leading to it (to the object holding it, for a bad key). */
function findUnstorable(
  value: unknown,
  depth: number,
): { kind: 'text' | 'key' | 'depth'; keys: string[] } | undefined {
  if (typeof value === 'string') return BROKEN_TEXT.test(value) ? { kind: 'text', keys: [] } : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_NESTING) return { kind: 'depth', keys: [] };
  for (const key of Object.keys(value)) {
    if (BROKEN_TEXT.test(key)) return { kind: 'key', keys: [] };
    const problem = findUnstorable((value as Record<string, unknown>)[key], depth + 1);
    if (problem) {
      problem.keys.unshift(key);
      return problem;
    }
  }
  return undefined;
}

/** The schema, refusing values HQ's database could not store (a 400 instead of a database error). */
const storable = <S extends z.ZodType>(schema: S) =>
  schema.superRefine((value, ctx) => {
    const problem = unstorableAt(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Every HQ error answer: a machine-readable code and a sentence for a person. */
export const errorBodySchema = z.object({ code: z.string().max(64), message: z.string().max(4000) });

export const HQ_ERROR_CODES = [
  'bad_request',
  'invalid_body',
  'unauthorized',
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'hash_mismatch',
  'enrollment_code_invalid',
  'branch_mismatch',
  'internal_error',
  'unavailable',
  // issue 13
  'rate_limited',
  'request_timeout',
  'device_revoked',
  'device_expired',
  'branch_quota_exceeded',
  'insufficient_storage',
  // issue 14: the console
  'forbidden',
  'csrf',
  'conflict',
  'link_invalid',
] as const;
export type HqErrorCode = (typeof HQ_ERROR_CODES)[number];

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.object({ kind: z.enum(['pglite', 'postgresql']), version: z.string().max(200) }),
});

/** Directory texts HQ keeps (the branch's settings hold the same fields, with the same limits). */
/** Address and phone as the branch's own settings bound them (shared/settings BRANCH_ADDRESS_MAX, …). */
export const DIRECTORY_LIMITS = {
  name: 120,
  person: LIMITS.person,
  email: LIMITS.email,
  address: 300,
  phone: 40,
  hours: 200,
  url: 300,
} as const;
export type Health = z.infer<typeof healthSchema>;

/** Extra days off / working days a branch calendar may list (a few years of company decisions). */
export const MAX_CALENDAR_EXTRAS = 400;
const localDateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * The branch directory entry HQ keeps and sends down (issue 6 mails the manager and head of sales). Issue
 * 14: also the calendar extras and the consideration policy, so HQ's deadlines equal the branch's; each is
 * present only once HQ has set it, and then replaces the branch's own (shown read-only there).
 */
export const branchDirectorySchema = z.object({
  code: z.string().max(MAX_BRANCH_CODE),
  name: z.string().max(DIRECTORY_LIMITS.name),
  // Plain strings here: this module runs in the sync worker, which must not pull in the calendars.
  country: z.string().max(8),
  timeZone: z.string().max(64),
  language: z.string().max(8),
  managerName: z.string().max(DIRECTORY_LIMITS.person),
  managerEmail: z.string().max(DIRECTORY_LIMITS.email),
  headOfSalesName: z.string().max(DIRECTORY_LIMITS.person),
  headOfSalesEmail: z.string().max(DIRECTORY_LIMITS.email),
  extraDaysOff: z.array(localDateString).max(MAX_CALENDAR_EXTRAS).optional(),
  extraWorkingDays: z.array(localDateString).max(MAX_CALENDAR_EXTRAS).optional(),
  ukraineMartialLaw: z.boolean().optional(),
  /** One of shared/deadlines POLICY_PRESET_IDS (a plain string: a newer preset must not fail a pull). */
  policyId: z.string().max(64).optional(),
  /**
   * Issue 15 item 3: the company's name, set once at HQ (the phone greeting names the company, R4).
   * Item 7 (R10): HQ's policy layers for the branch — the company's and the branch's own — each checked by
   * the workstation with shared/settings/policy-layers `parsePolicyLayer` (a field this version cannot read
   * is dropped there, never failing a pull). HQ also fills the calendar fields above with what they resolve
   * to, for workstations that predate the layers.
   */
  companyName: z.string().max(DIRECTORY_LIMITS.name).optional(),
  policy: z.object({ company: z.unknown().optional(), branch: z.unknown().optional() }).optional(),
  /**
   * Issue 16 item 3: how a customer reaches the branch, printed on its documents (present once HQ has set
   * it; it then replaces the branch's own). `hours`: opening hours as the company writes them.
   */
  address: z.string().max(DIRECTORY_LIMITS.address).optional(),
  phone: z.string().max(DIRECTORY_LIMITS.phone).optional(),
  hours: z.string().max(DIRECTORY_LIMITS.hours).optional(),
});
export type BranchDirectory = z.infer<typeof branchDirectorySchema>;

/** Enrollment codes are shown as XXXX-XXXX-XXXX; dashes, spaces and case do not matter when typed. */
export const ENROLLMENT_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function normalizeEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export const enrollRequestSchema = storable(
  z.object({
    code: z.string().min(1).max(64),
    /** The workstation's id so far. HQ gives every enrollment a new id (issue 13), which the app adopts. */
    deviceId: z.uuid(),
    /** The branch this workstation was set up for: HQ refuses a code of another branch without using it up. */
    branchCode: z.string().min(1).max(MAX_BRANCH_CODE),
  }),
);
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

/**
 * Issue 17: how many operations HQ takes in a push, as its enrollment answer and every pull say it. Absent
 * from HQs before it (LEGACY_PUSH_BATCH). Never fails the answer it comes with: a figure that is not a whole
 * number from 1 to a million is taken as none (an enrollment has used its code by the time it answers), and
 * the workstation keeps to its own MAX_PUSH_BATCH.
 */
const maxPushBatchSchema = z.number().int().positive().max(1_000_000).optional().catch(undefined);

export const enrollResponseSchema = z.object({
  deviceId: z.uuid(),
  deviceToken: z.string().min(32).max(256),
  branch: branchDirectorySchema,
  /** Said here too, so the first cycle's pushes are as large as HQ takes (its pull comes after them). */
  maxPushBatch: maxPushBatchSchema,
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

/**
 * The envelope of an outbox operation; the payload is checked per operation (shared/sync/rules, including
 * text the database cannot store), so one bad op never fails a batch.
 */
export const pushOperationSchema = z
  .object({
    opId: z.uuid(),
    deviceId: z.uuid(),
    deviceSeq: z.number().int().positive().max(MAX_SEQUENCE),
    schemaVersion: z.number().int().positive().max(MAX_SCHEMA_VERSION),
    type: z.string().min(1).max(64),
    payload: z.unknown(),
    createdAt: z.string().max(40).optional(),
  })
  .superRefine((op, ctx) => {
    const problem = unstorableAt({ type: op.type, createdAt: op.createdAt });
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export type PushOperation = z.infer<typeof pushOperationSchema>;

export const pushRequestSchema = z.object({
  ops: z.array(pushOperationSchema).min(1).max(MAX_PUSH_BATCH),
});

export const opResultSchema = z.object({
  opId: z.uuid(),
  outcome: z.enum(['applied', 'rejected']),
  /** Why it was rejected: an op-rejection code (shared/sync/rules) or a lifecycle refusal reason. */
  reason: z.string().max(64).optional(),
  /** HQ had this op already (a retry): the outcome is the one recorded the first time. */
  duplicate: z.boolean(),
});
export type OpResult = z.infer<typeof opResultSchema>;

export const pushResponseSchema = z.object({ results: z.array(opResultSchema).max(MAX_PUSH_BATCH) });
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullQuerySchema = z.object({
  cursor: z.coerce.number().int().nonnegative().max(MAX_SEQUENCE).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_PAGE).default(MAX_PULL_PAGE),
});

/** R8, issue 6: HQ's proof that an entry was mailed, synced down to the branch. */
const MAX_RECIPIENTS = 16;
export const deliveryRecordSchema = z.object({
  sentAt: z.string().max(40),
  to: z.array(z.string().max(DIRECTORY_LIMITS.email)).max(MAX_RECIPIENTS),
  cc: z.array(z.string().max(DIRECTORY_LIMITS.email)).max(MAX_RECIPIENTS),
  messageId: z.string().max(255),
  onTime: z.boolean(),
  /** The manager's name from HQ's directory, for "Delivered to <name>"; absent from older HQs or when unnamed. */
  toName: z.string().max(DIRECTORY_LIMITS.person).optional(),
});

/**
 * Where HQ's e-mail of the entry stands (shared/mail/state MAIL_STATES). A plain string, so a branch that
 * does not know a newer state still accepts the pull and shows a neutral line.
 */
export const mailStatusSchema = z.object({
  state: z.string().max(32),
  attempts: z.number().int().nonnegative().max(MAX_SCHEMA_VERSION),
  /** The last error as the mail server or HQ worded it: a detail for whoever fixes it, not the main message. */
  lastError: z.string().max(2000).optional(),
  /** Photos HQ is still waiting for. */
  missingPhotos: z.number().int().nonnegative().max(1000).optional(),
});
export type MailStatus = z.infer<typeof mailStatusSchema>;

export const bookEntryStateSchema = z.object({
  id: z.uuid(),
  delivery: deliveryRecordSchema.optional(),
  escalatedAt: z.string().max(40).optional(),
  /** R11: whom the escalation went to (the head of sales' name, or address when unnamed). */
  escalatedTo: z.string().max(DIRECTORY_LIMITS.email).optional(),
  mail: mailStatusSchema.optional(),
});
export type BookEntryState = z.infer<typeof bookEntryStateSchema>;

/** One change for the branch, in HQ's order (`version`, assigned per branch in the push transaction). */
export const changeSchema = z.discriminatedUnion('kind', [
  z.object({ version: z.number().int(), kind: z.literal('complaint'), complaint: complaintSchema }),
  z.object({ version: z.number().int(), kind: z.literal('event'), event: complaintEventSchema }),
  z.object({ version: z.number().int(), kind: z.literal('book_entry'), entry: bookEntryStateSchema }),
  z.object({ version: z.number().int(), kind: z.literal('branch'), branch: branchDirectorySchema }),
  /** Issue 14: an employee of the branch (with the PIN hash, so the PIN works on every PC of the branch). */
  z.object({ version: z.number().int(), kind: z.literal('employee'), employee: employeeSchema }),
]);
export type Change = z.infer<typeof changeSchema>;

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema).max(MAX_PULL_PAGE),
  /** Pass back as `cursor` to get what follows. */
  cursor: z.number().int().nonnegative(),
  /** More changes are waiting: ask again at once. */
  more: z.boolean(),
  /** Issue 13: HQ's clock when it answered; the workstation warns when its own is far off. */
  serverTime: z.iso.datetime({ offset: true }).optional(),
  /** Issue 16 item 4: the public status page's address when HQ runs it; absent when it is off. */
  statusPageUrl: z.string().max(DIRECTORY_LIMITS.url).optional(),
  /** Issue 17: how many operations HQ takes in a push (maxPushBatchSchema). */
  maxPushBatch: maxPushBatchSchema,
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const sha256Param = z.string().regex(SHA256_HEX);

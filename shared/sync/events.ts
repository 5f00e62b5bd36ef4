import { z } from 'zod';
import { EVENT_TYPES, STATUSES } from '../complaints/model';
import { LIMITS } from '../complaints/validation';
import {
  DECISION_EVENT_TYPES,
  eventDataSchemaFor,
  HQ_ONLY_EVENT_TYPES,
  OWN_OP_EVENT_TYPES,
} from '../handling/event-data';
import { TRANSITION_NAMES } from '../lifecycle/machine';
import { isoInstant, text } from './fields';

// The history events of the sync protocol (operations.ts carries them): one schema for every event, and
// the narrower ones for what a branch may send in a registration or on its own.

/** An event's details as JSON: a few free texts of LIMITS.note and their labels. */
export const MAX_EVENT_DATA_CHARS = 8 * LIMITS.note;
const MAX_EVENT_DATA_KEYS = 32;

/** Every string inside an event's details within LIMITS.note, the whole within MAX_EVENT_DATA_CHARS. */
function eventDataProblem(data: unknown): string | undefined {
  const strings = (value: unknown): boolean =>
    typeof value === 'string'
      ? value.length <= LIMITS.note
      : value === null || typeof value !== 'object'
        ? true
        : Object.entries(value).every(([k, v]) => k.length <= 64 && strings(v));
  if (!strings(data)) return `a text longer than ${LIMITS.note} characters`;
  if (JSON.stringify(data).length > MAX_EVENT_DATA_CHARS)
    return `details longer than ${MAX_EVENT_DATA_CHARS} characters`;
  return undefined;
}

/** The lifecycle fields of a status change's details (the rest: eventDataProblem's bounds). */
const statusChangeDataSchema = z.object({
  from: z.enum(STATUSES).optional(),
  to: z.enum(STATUSES).optional(),
  transition: z.enum(TRANSITION_NAMES).optional(),
});

/**
 * A history event. Its `data` is checked by type: the types of issue 15 by their own schema
 * (shared/handling/event-data.ts), the older ones by the generic bounds (every text within LIMITS.note, the whole
 * within MAX_EVENT_DATA_CHARS) — so events written before issue 15 stay valid.
 */
export const complaintEventSchema = z
  .object({
    id: z.uuid(),
    complaintId: z.uuid(),
    type: z.enum(EVENT_TYPES),
    at: isoInstant,
    actor: text(LIMITS.person),
    /** Issue 14: the signed-in employee or HQ user who did it (absent on events written before people existed). */
    actorId: z.uuid().optional(),
    data: z
      .record(z.string().max(64), z.unknown())
      .refine((d) => Object.keys(d).length <= MAX_EVENT_DATA_KEYS, {
        message: `more than ${MAX_EVENT_DATA_KEYS} details`,
      })
      .refine((d) => JSON.stringify(d).length <= MAX_EVENT_DATA_CHARS, {
        message: `details longer than ${MAX_EVENT_DATA_CHARS} characters`,
      }),
  })
  .superRefine((event, ctx) => {
    const typed = eventDataSchemaFor(event.type);
    if (typed) {
      const parsed = typed.safeParse(event.data);
      for (const issue of parsed.success ? [] : parsed.error.issues)
        ctx.addIssue({ code: 'custom', path: ['data', ...issue.path], message: issue.message });
      return;
    }
    const problem = eventDataProblem(event.data);
    if (problem) ctx.addIssue({ code: 'custom', path: ['data'], message: problem });
    if (event.type !== 'status_changed') return;
    // The replay takes a complaint's status from these (shared/lifecycle): never a value outside the
    // lifecycle (a registration carrying "to: <an id>" once gave a complaint that status at HQ).
    const change = statusChangeDataSchema.safeParse(event.data);
    for (const issue of change.success ? [] : change.error.issues)
      ctx.addIssue({ code: 'custom', path: ['data', ...issue.path], message: issue.message });
  });

/** Issue 15: a history event a branch may send (not a status change, not one only HQ writes). */
export const branchEventSchema = complaintEventSchema.refine(
  (e) =>
    e.type !== 'status_changed' &&
    e.type !== 'created' &&
    !HQ_ONLY_EVENT_TYPES.includes(e.type) &&
    !OWN_OP_EVENT_TYPES.includes(e.type),
  {
    message:
      'status changes travel as complaint.transition and merges as complaint.merge; escalations, e-mails and approval demands are written by HQ',
  },
);

/** Issue 15: the history a registration carries — never an event only HQ writes, nor one side of a merge
 * (each has its own way to HQ), nor one of a decided complaint (a new complaint is not decided). */
export const registrationEventSchema = complaintEventSchema.refine(
  (e) =>
    !HQ_ONLY_EVENT_TYPES.includes(e.type) &&
    !OWN_OP_EVENT_TYPES.includes(e.type) &&
    !DECISION_EVENT_TYPES.includes(e.type),
  {
    message:
      'escalations, e-mails and approval demands are written by HQ; merges travel as complaint.merge; a new complaint has no decision',
  },
);

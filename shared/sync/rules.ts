/**
 * The decisions HQ takes about each pushed operation, as pure functions (the routes and SQL stay thin):
 * is the envelope acceptable, does it belong to the device's branch, is a status change still valid
 * against HQ's own state, and does the device's sequence show a gap (local data loss).
 */
import type { ComplaintStatus } from '../complaints/model';
import { branchOfNumber } from '../complaints/numbering';
import { transition, type LifecycleSubject, type RefusalReason } from '../lifecycle';
import type { DecisionInput, FollowUpInput } from '../lifecycle/decision';
import {
  operationPayloads,
  SYNC_SCHEMA_VERSION,
  type OperationPayload,
  type OperationType,
} from './operations';
import { unstorableAt, type PushOperation } from './protocol';

export const OP_REJECTIONS = [
  'unknown_type',
  'unsupported_schema_version',
  'invalid_payload',
  'wrong_device',
  'wrong_branch',
  'unknown_complaint',
  'already_registered',
  'number_taken',
  'unknown_entry',
  /** Issue 14: no such employee at HQ; one of another branch gets the same answer (nothing about it is told). */
  'unknown_employee',
  'entry_submitted',
  'conflict',
] as const;
export type OpRejection = (typeof OP_REJECTIONS)[number];

/**
 * What applying one op came to: applied, or rejected with a reason (an op rejection, or the lifecycle's
 * refusal of a status change) and maybe a detail. A rejected op is recorded and acknowledged all the same.
 */
export type OpOutcome =
  { outcome: 'applied' } | { outcome: 'rejected'; reason: OpRejection | RefusalReason; detail?: string };

export const APPLIED: OpOutcome = { outcome: 'applied' };

export function rejected(reason: OpRejection | RefusalReason, detail?: string): OpOutcome {
  return { outcome: 'rejected', reason, ...(detail === undefined ? {} : { detail }) };
}

export type EnvelopeCheck =
  | { ok: true; type: OperationType; payload: OperationPayload<OperationType> }
  | { ok: false; reason: OpRejection; detail?: string };

function isOperationType(type: string): type is OperationType {
  return Object.hasOwn(operationPayloads, type);
}

/**
 * Envelope and payload of one op, for the device that sent it. `ok` also says that the payload is storable
 * (unstorableAt found nothing): HQ records such a payload as it came, without asking again (hq/sync/push.ts).
 */
export function checkEnvelope(op: PushOperation, deviceId: string): EnvelopeCheck {
  if (op.deviceId !== deviceId) return { ok: false, reason: 'wrong_device' };
  if (op.schemaVersion > SYNC_SCHEMA_VERSION) return { ok: false, reason: 'unsupported_schema_version' };
  if (!isOperationType(op.type)) return { ok: false, reason: 'unknown_type' };
  const unstorable = unstorableAt(op.payload, 'payload');
  if (unstorable) return { ok: false, reason: 'invalid_payload', detail: unstorable };
  const parsed = operationPayloads[op.type].safeParse(op.payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      reason: 'invalid_payload',
      detail: first ? `${first.path.join('.')}: ${first.message}` : '',
    };
  }
  return { ok: true, type: op.type, payload: parsed.data as OperationPayload<OperationType> };
}

/** A number that is no branch's: never the device's branch. */
const NOT_A_NUMBER = '';

/**
 * The branch codes a payload claims to belong to; each must be the device's own branch (R24). A complaint
 * number names its branch too (issue 13, R1: a branch that could register another's number would have that
 * branch's real complaint refused), and a number this app would not issue belongs to no branch.
 */
export function claimedBranches(type: OperationType, payload: OperationPayload<OperationType>): string[] {
  switch (type) {
    case 'complaint.register': {
      const { complaint } = payload as OperationPayload<'complaint.register'>;
      return [complaint.branchCode, branchOfNumber(complaint.number) ?? NOT_A_NUMBER];
    }
    case 'book.page.add':
      return [(payload as OperationPayload<'book.page.add'>).entry.branchCode];
    case 'book.entry.submit': {
      const { entry } = payload as OperationPayload<'book.entry.submit'>;
      return [entry.branchCode, branchOfNumber(entry.complaintNumber) ?? NOT_A_NUMBER];
    }
    case 'employee.upsert':
      return [(payload as OperationPayload<'employee.upsert'>).employee.branchCode];
    // complaint.event / .transition / .merge name complaints by id only: HQ finds each one in the device's
    // branch in SQL (an id of another branch is `unknown_complaint`), so nothing is claimed here.
    default:
      return [];
  }
}

export function belongsToBranch(
  type: OperationType,
  payload: OperationPayload<OperationType>,
  branchCode: string,
): boolean {
  return claimedBranches(type, payload).every((code) => code === branchCode);
}

/**
 * What HQ knows of a complaint when a status change for it arrives: its status and what its progress says
 * (shared/lifecycle `lifecycleSubjectOf(record)` — issue 15's guards need the compensation's approval, the
 * open tasks and whether it was merged).
 */
export type HqComplaintState = LifecycleSubject;

/**
 * R12: a synced status change is applied only when HQ's status is still the one the branch saw (`from`) and
 * the lifecycle rules accept the move with the data the event carries; otherwise the refusal reason.
 */
export function checkStatusChange(
  current: HqComplaintState,
  payload: OperationPayload<'complaint.transition'>,
): { ok: true } | { ok: false; reason: RefusalReason } {
  const data = payload.event.data as {
    to?: ComplaintStatus;
    decision?: DecisionInput;
    followUp?: FollowUpInput;
    reason?: string;
    note?: string;
  };
  if (data.to !== undefined && data.to !== payload.to) return { ok: false, reason: 'transition_not_allowed' };
  const result = transition(current, {
    to: payload.to,
    actor: payload.event.actor,
    now: new Date(payload.event.at),
    expectedFrom: payload.from,
    decision: data.decision,
    followUp: data.followUp,
    reason: data.reason,
    note: data.note,
  });
  return result.ok ? { ok: true } : { ok: false, reason: result.reason };
}

export interface SequenceCheck {
  /** The highest sequence seen from the device afterwards. */
  lastSeq: number;
  /** Sequence numbers skipped (never received before this op): a sign of local data loss. */
  gap?: { from: number; to: number };
  /** A new op that fills an earlier gap (arrived out of order). */
  late: boolean;
}

/**
 * Gaps in a device's `deviceSeq` are recorded as incidents, never block anything. Every op sent under the
 * device's id takes its place in its sequence, `known` ones too (HQ has it already: a retry, or an op the
 * device delivered before it enrolled again, sent again under its new numbering), so the ops after it are
 * no gap. A known op is late by nature: only a new one's lateness is an incident.
 */
export function checkSequence(lastSeq: number, deviceSeq: number, known = false): SequenceCheck {
  if (deviceSeq <= lastSeq) return { lastSeq, late: !known };
  if (deviceSeq > lastSeq + 1)
    return { lastSeq: deviceSeq, gap: { from: lastSeq + 1, to: deviceSeq - 1 }, late: false };
  return { lastSeq: deviceSeq, late: false };
}

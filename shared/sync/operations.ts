import { z } from 'zod';
import {
  CATEGORIES,
  CHANNELS,
  CONTACT_METHODS,
  EVENT_TYPES,
  SEVERITIES,
  STATUSES,
} from '../complaints/model';

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

export const complaintSchema = z.object({
  id: z.uuid(),
  number: z.string().min(1),
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
});

export const complaintEventSchema = z.object({
  id: z.uuid(),
  complaintId: z.uuid(),
  type: z.enum(EVENT_TYPES),
  at: isoInstant,
  actor: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const operationPayloads = {
  /** R1: a complaint registered at the branch, with its first history event. */
  'complaint.register': z.object({ complaint: complaintSchema, event: complaintEventSchema }),
  /** R5: later information attached to an existing complaint. */
  'complaint.note': z.object({ event: complaintEventSchema }),
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

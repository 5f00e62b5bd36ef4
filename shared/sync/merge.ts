import type { OperationPayload, OperationType, OutboxOperation } from './operations';
import type { Change } from './protocol';

/**
 * How the branch takes HQ's changes from a pull (R23), as pure rules: the engine only writes what these
 * decide, in one transaction with the cursor.
 */

/** The complaints each kind of operation changes; every operation type must say (none: []). */
const COMPLAINTS_OF: { [T in OperationType]: (payload: OperationPayload<T>) => string[] } = {
  'complaint.register': (p) => [p.complaint.id],
  'complaint.event': (p) => [p.event.complaintId],
  'complaint.transition': (p) => [p.complaintId],
  // Issue 15 (R5): a merge changes both complaints.
  'complaint.merge': (p) => [p.survivorId, p.mergedId],
  'book.page.add': () => [],
  'book.page.remove': () => [],
  // Linking an entry to its complaint travels as that complaint's own 'complaint.event'.
  'book.entry.submit': () => [],
  'book.entry.fallback': () => [],
  'employee.upsert': () => [],
  'employee.pin.set': () => [],
};

/** The complaints an outbox operation changes (empty when it changes none). */
export function complaintIdsOf<T extends OperationType>(
  op: Pick<OutboxOperation<T>, 'type' | 'payload'>,
): string[] {
  return COMPLAINTS_OF[op.type](op.payload);
}

/** The (first) complaint an outbox operation changes, if it changes one. Use complaintIdsOf for a merge. */
export function complaintIdOf<T extends OperationType>(
  op: Pick<OutboxOperation<T>, 'type' | 'payload'>,
): string | undefined {
  return complaintIdsOf(op)[0];
}

/** Issue 14: the employee an outbox operation changes, if it changes one. */
export function employeeIdOf<T extends OperationType>(
  op: Pick<OutboxOperation<T>, 'type' | 'payload'>,
): string | undefined {
  if (op.type === 'employee.upsert') return (op.payload as OperationPayload<'employee.upsert'>).employee.id;
  if (op.type === 'employee.pin.set') return (op.payload as OperationPayload<'employee.pin.set'>).employeeId;
  return undefined;
}

/**
 * Local pending wins: a complaint or an employee with changes still queued here (`pendingHere`:
 * `complaintIdsOf` — both complaints of a merge — and `employeeIdOf` of every outbox row) keeps its local
 * state — HQ's copy does not know them yet (a PIN just set here would be lost), and the next pull after they
 * are pushed brings HQ's state with them. History events, feedback-book entries and the branch directory are
 * always taken (events are append-only; the rest is HQ's).
 */
export function takesChange(change: Change, pendingHere: ReadonlySet<string>): boolean {
  if (change.kind === 'complaint') return !pendingHere.has(change.complaint.id);
  if (change.kind === 'employee') return !pendingHere.has(change.employee.id);
  return true;
}

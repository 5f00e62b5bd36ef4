import type { OperationPayload, OperationType } from '../../shared/sync/operations';
import type { OpOutcome } from '../../shared/sync/rules';
import { addPage, removePage } from '../book/pages';
import { recordFallback } from '../book/fallback';
import { submitEntry } from '../book/submit';
import type { BranchTx } from '../branches/versions';
import { applyMerge } from '../complaints/merge';
import { registerComplaint } from '../complaints/register';
import { appendComplaintEvent, applyTransition } from '../complaints/transitions';
import { enqueueDocumentMail } from '../mail/documents-queue';
import { enqueueBookMail } from '../mail/queue';
import { setEmployeePin, upsertEmployee } from '../people/employees';

/** One checked op of the device's branch, handed to its domain, in the push's transaction. */
export async function applyOperation(
  tx: BranchTx,
  opId: string,
  type: OperationType,
  payload: OperationPayload<OperationType>,
): Promise<OpOutcome> {
  switch (type) {
    case 'complaint.register': {
      const p = payload as OperationPayload<'complaint.register'>;
      return withDocumentMail(tx, p.complaint.id, await registerComplaint(tx, opId, p));
    }
    case 'complaint.event':
      return appendComplaintEvent(tx, opId, payload as OperationPayload<'complaint.event'>);
    case 'complaint.transition': {
      const p = payload as OperationPayload<'complaint.transition'>;
      return withDocumentMail(tx, p.complaintId, await applyTransition(tx, opId, p));
    }
    case 'book.page.add':
      return addPage(tx, payload as OperationPayload<'book.page.add'>);
    case 'book.page.remove':
      return removePage(tx, payload as OperationPayload<'book.page.remove'>);
    case 'book.entry.submit': {
      const p = payload as OperationPayload<'book.entry.submit'>;
      const outcome = await submitEntry(tx, p);
      // R7: the mail job is written in this very transaction, so a received entry is never left unmailed.
      if (outcome.outcome === 'applied')
        await enqueueBookMail(tx.client, {
          entryId: p.entry.id,
          branchId: tx.branchId,
          capturedAt: p.entry.capturedAt,
          deadline: p.entry.deadline,
        });
      return outcome;
    }
    case 'book.entry.fallback':
      return recordFallback(tx, opId, payload as OperationPayload<'book.entry.fallback'>);
    case 'employee.upsert':
      return upsertEmployee(tx, payload as OperationPayload<'employee.upsert'>);
    case 'employee.pin.set':
      return setEmployeePin(tx, payload as OperationPayload<'employee.pin.set'>);
    // Issue 15, R5: both sides of the merge in this op's transaction (hq/complaints/merge.ts).
    case 'complaint.merge':
      return applyMerge(tx, opId, payload as OperationPayload<'complaint.merge'>);
  }
}

/**
 * Issue 16 item 5: a registration or a decision that reached HQ queues the customer's e-mail copies in the
 * same transaction (none without their consent and address; each at most once).
 */
async function withDocumentMail(tx: BranchTx, complaintId: string, outcome: OpOutcome): Promise<OpOutcome> {
  if (outcome.outcome === 'applied') await enqueueDocumentMail(tx.client, complaintId, new Date());
  return outcome;
}

import type { AcknowledgementDocument } from './model';
import { qrPayload } from './qr-payload';
import { customerBlock, documentBase, documentDue, dueMomentsOfSource, type DocumentSource } from './source';

/**
 * R9: the receipt the customer takes away — number, dates, branch, employee, demand, contacts, and the date
 * by which the answer will be given (the final-answer deadline of the branch's policy and calendar: the
 * same `shared/deadlines` result the complaint screens show).
 */
export function acknowledgementOf(source: DocumentSource): AcknowledgementDocument {
  const { complaint } = source;
  const base = documentBase(source, 'acknowledgement');
  const moments = dueMomentsOfSource(source);
  const final = moments.find((m) => m.kind === 'final_answer');
  // Every policy defines a final answer (ChannelTerms.finalAnswer is required).
  if (!final) throw new Error(`Policy ${source.policy.id} has no final-answer term`);
  const preliminary = moments.find((m) => m.kind === 'preliminary_answer');
  const doc: AcknowledgementDocument = {
    ...base,
    channel: complaint.channel,
    receivedAt: complaint.receivedAt,
    registeredAt: complaint.registeredAt,
    employee: complaint.receivedBy,
    customer: customerBlock(complaint),
    description: complaint.description.trim(),
    demand: complaint.remedy.trim(),
    answerBy: documentDue(final, source.branch.timeZone),
    qrPayload: qrPayload({ number: complaint.number, checkCode: base.checkCode }, source.statusPageUrl),
  };
  if (preliminary) doc.preliminaryAnswerBy = documentDue(preliminary, source.branch.timeZone);
  return doc;
}

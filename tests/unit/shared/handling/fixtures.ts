import type { ComplaintEvent, ComplaintEventType } from '../../../../shared/complaints/model';
import type { HandlingEventType } from '../../../../shared/handling/event-data';
import { COMPLAINT_ID } from '../documents/fixtures';

export { complaintOf } from '../documents/fixtures';

/** A UUID whose last group is `n` (valid for zod's z.uuid()). */
export const uuid = (n: number): string => `019a1f52-7c3e-7d10-9b7e-${n.toString(16).padStart(12, '0')}`;

let seq = 0;
/** One history event of `type` with `data`, at `at`, on COMPLAINT_ID. */
export function ev(
  type: ComplaintEventType,
  data: Record<string, unknown>,
  at = '2026-09-14T08:00:00Z',
  actor = 'Ольга Иванова',
): ComplaintEvent {
  seq++;
  return { id: uuid(0xe000 + seq), complaintId: COMPLAINT_ID, type, at, actor, data };
}

/** A status change as the lifecycle records it (only what milestonesFromEvents reads). */
export const status = (transition: string, from: string, to: string, at: string): ComplaintEvent =>
  ev('status_changed', { transition, from, to }, at);

const money = { amountMinor: 700_000, currency: 'RUB' };
/** Valid data of every issue-15 event type, as the app writes it (used by the history tests too). */
export const VALID: Record<HandlingEventType, Record<string, unknown>> = {
  conversation_aid_recorded: { steps: ['greeting', 'listen'], note: 'тихо говорил' },
  callback_promised: { callbackId: uuid(1), dueAt: '2026-09-15T11:00:00+03:00', phone: '+7 916 555-12-34' },
  callback_done: { callbackId: uuid(1), outcome: 'not_reached' },
  fields_corrected: {
    reason: 'опечатка',
    changes: [{ field: 'customer.phone', before: '1', after: '+7 916 555-12-34' }],
  },
  attachment_added: {
    attachmentId: uuid(2),
    sha256: 'a'.repeat(64),
    fileName: 'чек.pdf',
    mime: 'application/pdf',
    size: 1000,
    kind: 'scan',
  },
  attachment_removed: { attachmentId: uuid(2), reason: 'Приложен не тот файл' },
  customer_info_added: {
    from: 'Анна',
    channel: 'email',
    text: 'Нашла чек',
    receivedAt: '2026-09-15T07:00:00Z',
  },
  merged_into: { survivorId: uuid(3), survivorNumber: 'MSK-01-2026-100001' },
  merged_from: { mergedId: uuid(4), mergedNumber: 'MSK-01-2026-100002', reason: 'тот же звонок' },
  assessment_changed: { reason: 'ожог', changes: [{ field: 'healthAndSafety', before: false, after: true }] },
  escalated: {
    step: 'head_of_sales',
    dueKey: 'final_answer#0',
    dueKind: 'final_answer',
    dueAt: '2026-09-24T20:59:59.999Z',
    toName: 'Пётр',
    toEmail: 'p@example.ru',
  },
  passed_to_head_of_sales: { reason: 'требует руководство' },
  handed_to_senior: { seniorName: 'Ирина', reason: 'insulting' },
  compensation_decided: {
    compensationId: uuid(5),
    answers: {
      longTermCustomer: 'yes',
      willBuyAgain: 'no',
      reputationEffect: 'unknown',
      demandsReasonable: 'yes',
      companyFaultPercent: 50,
    },
    amount: money,
    form: 'voucher',
    approvalRequired: true,
    threshold: { amountMinor: 500_000, currency: 'RUB' },
  },
  compensation_approval_required: {
    compensationId: uuid(5),
    threshold: { amountMinor: 300_000, currency: 'RUB' },
  },
  compensation_approved: { compensationId: uuid(5), approverRole: 'branch_manager' },
  compensation_refused: { compensationId: uuid(5), approverRole: 'head_of_sales', reason: 'много' },
  task_created: {
    taskId: uuid(6),
    department: 'transport',
    ownerName: 'Сергей',
    dueDate: '2026-09-16',
    text: 'Привезти',
  },
  task_status_changed: { taskId: uuid(6), status: 'done' },
  recourse_explained: { routes: ['internal_appeal', 'ru_court'], country: 'RU', language: 'ru' },
  document_printed: { document: 'acknowledgement', paper: 'a4', language: 'ru' },
  document_emailed: {
    document: 'decision_letter',
    language: 'cs',
    to: 'anna@example.cz',
    messageId: '<x@otklik>',
  },
};

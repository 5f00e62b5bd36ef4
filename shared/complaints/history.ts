import type { ComplaintEventType } from './model';

/**
 * R12/R25: the words a history line uses for each event type. A history line tells what happened, so it is the
 * past-tense phrase of locales/<lng>/complaints.json `event.*` («продлил(а) срок рассмотрения»), never the label
 * of the button that records the event (`lifecycle:timeline.*`, `lifecycle:transition.*`: «Продлить срок…»).
 * One entry per event type: a new type does not compile until it has its line.
 */
export const HISTORY_EVENT_KEYS = {
  created: 'event.created',
  note_added: 'event.note_added',
  status_changed: 'event.status_changed',
  preliminary_answer_sent: 'event.preliminary_answer_sent',
  term_extended: 'event.term_extended',
  book_entry_linked: 'event.book_entry_linked',
  owner_changed: 'event.owner_changed',
  conversation_aid_recorded: 'event.conversation_aid_recorded',
  callback_promised: 'event.callback_promised',
  callback_done: 'event.callback_done',
  fields_corrected: 'event.fields_corrected',
  attachment_added: 'event.attachment_added',
  attachment_removed: 'event.attachment_removed',
  customer_info_added: 'event.customer_info_added',
  merged_into: 'event.merged_into',
  merged_from: 'event.merged_from',
  assessment_changed: 'event.assessment_changed',
  escalated: 'event.escalated',
  passed_to_head_of_sales: 'event.passed_to_head_of_sales',
  handed_to_senior: 'event.handed_to_senior',
  compensation_decided: 'event.compensation_decided',
  compensation_approval_required: 'event.compensation_approval_required',
  compensation_approved: 'event.compensation_approved',
  compensation_refused: 'event.compensation_refused',
  task_created: 'event.task_created',
  task_status_changed: 'event.task_status_changed',
  recourse_explained: 'event.recourse_explained',
  document_printed: 'event.document_printed',
  document_emailed: 'event.document_emailed',
} as const satisfies Record<ComplaintEventType, `event.${string}`>;

/** The `complaints` key of the phrase for an event of this type (plural by `count` for book_entry_linked). */
export function historyEventKey<T extends ComplaintEventType>(type: T): (typeof HISTORY_EVENT_KEYS)[T] {
  return HISTORY_EVENT_KEYS[type];
}

import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../../shared/complaints/model';
import { LIMITS } from '../../../../shared/complaints/validation';
import {
  eventDataSchemaFor,
  HANDLING_EVENT_DATA,
  HQ_ONLY_EVENT_TYPES,
  OWN_OP_EVENT_TYPES,
  type HandlingEventType,
} from '../../../../shared/handling/event-data';
import { complaintEventSchema } from '../../../../shared/sync/events';
import { operationPayloads } from '../../../../shared/sync/operations';
import { VALID, ev, uuid } from './fixtures';

// Issue 15: each new event type's data has its own bounded, strict schema; HQ stores only what the app
// writes, and a branch never sends an event only HQ writes.

/** A way to spoil each type's data (the schema must refuse it). */
const SPOILED: Record<HandlingEventType, Record<string, unknown>> = {
  conversation_aid_recorded: { steps: ['dance'] },
  callback_promised: { ...VALID.callback_promised, dueAt: 'tomorrow' },
  callback_done: { ...VALID.callback_done, outcome: 'maybe' },
  fields_corrected: { reason: 'x', changes: [{ field: 'status', before: 'a', after: 'closed' }] },
  attachment_added: { ...VALID.attachment_added, size: 0 },
  attachment_removed: { ...VALID.attachment_removed, reason: '  ' },
  customer_info_added: { ...VALID.customer_info_added, text: ' ' },
  merged_into: { survivorId: 'not-a-uuid', survivorNumber: 'n' },
  merged_from: { mergedId: uuid(4), mergedNumber: '' },
  assessment_changed: {
    reason: 'x',
    changes: [{ field: 'severity', before: 'medium', after: 'apocalyptic' }],
  },
  escalated: { ...VALID.escalated, step: 'ceo' },
  passed_to_head_of_sales: { reason: '' },
  handed_to_senior: { ...VALID.handed_to_senior, reason: 'bored' },
  compensation_decided: { ...VALID.compensation_decided, amount: { amountMinor: 10.5, currency: 'RUB' } },
  compensation_approval_required: { ...VALID.compensation_approval_required, threshold: { amountMinor: -1 } },
  compensation_approved: { ...VALID.compensation_approved, approverRole: 'counter' },
  compensation_refused: { ...VALID.compensation_refused, reason: '  ' },
  task_created: { ...VALID.task_created, dueDate: '16.09.2026' },
  task_status_changed: { ...VALID.task_status_changed, status: 'lost' },
  recourse_explained: { ...VALID.recourse_explained, routes: [] },
  document_printed: { ...VALID.document_printed, paper: 'napkin' },
  document_emailed: { ...VALID.document_emailed, language: 'de' },
};

const TYPES = Object.keys(HANDLING_EVENT_DATA) as HandlingEventType[];

describe('handling event data', () => {
  it('every new type is an event type, and the tables here cover each', () => {
    for (const type of TYPES) expect(EVENT_TYPES).toContain(type);
    expect(Object.keys(VALID).sort()).toEqual([...TYPES].sort());
    expect(Object.keys(SPOILED).sort()).toEqual([...TYPES].sort());
  });

  it.each(TYPES)('%s: the app’s data is accepted in an event', (type) => {
    const parsed = complaintEventSchema.safeParse(ev(type, VALID[type]));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it.each(TYPES)('%s: spoiled data is refused', (type) => {
    expect(complaintEventSchema.safeParse(ev(type, SPOILED[type])).success).toBe(false);
  });

  it.each(TYPES)('%s: an unknown key is refused (strict)', (type) => {
    expect(complaintEventSchema.safeParse(ev(type, { ...VALID[type], html: '<script>' })).success).toBe(
      false,
    );
  });

  it.each(TYPES)('%s: in a complaint.event unless HQ writes it or it has its own op', (type) => {
    const sent = operationPayloads['complaint.event'].safeParse({ event: ev(type, VALID[type]) }).success;
    expect(sent).toBe(!HQ_ONLY_EVENT_TYPES.includes(type) && !OWN_OP_EVENT_TYPES.includes(type));
  });

  it('texts are held to the app’s limits', () => {
    const long = 'я'.repeat(LIMITS.note + 1);
    expect(complaintEventSchema.safeParse(ev('passed_to_head_of_sales', { reason: long })).success).toBe(
      false,
    );
    expect(
      complaintEventSchema.safeParse(ev('customer_info_added', { ...VALID.customer_info_added, text: long }))
        .success,
    ).toBe(false);
  });

  it('types from before issue 15 keep their generic check', () => {
    expect(eventDataSchemaFor('note_added')).toBeUndefined();
    expect(complaintEventSchema.safeParse(ev('note_added', { text: 'звонил', extra: 1 })).success).toBe(true);
    expect(
      complaintEventSchema.safeParse(ev('note_added', { text: 'я'.repeat(LIMITS.note + 1) })).success,
    ).toBe(false);
  });

  it('eventDataSchemaFor does not reach into the prototype', () => {
    expect(eventDataSchemaFor('constructor')).toBeUndefined();
    expect(eventDataSchemaFor('__proto__')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { ComplaintEvent } from '../../../../shared/complaints/model';
import { complaintRecordOf, historyLine } from '../../../../shared/documents';
import { advance, complaintOf, decided, sourceOf } from './fixtures';

const event = (type: string, data: Record<string, unknown>): ComplaintEvent =>
  ({ id: 'x', complaintId: 'c', type, at: '2026-09-15T07:00:00Z', actor: 'Ольга', data }) as ComplaintEvent;

describe('complaint record (for the file)', () => {
  it('holds every field of the complaint', () => {
    const base = complaintOf('RU', { channel: 'post' });
    const complaint = { ...base, confidential: true, healthAndSafety: true, severity: 'high' as const };
    const doc = complaintRecordOf(sourceOf('RU', complaint));
    expect(doc).toMatchObject({
      kind: 'record',
      status: 'received',
      channel: 'post',
      confidential: true,
      receivedAt: complaint.receivedAt,
      registeredAt: complaint.registeredAt,
      receivedBy: 'Ольга Иванова',
      description: complaint.description,
      demand: complaint.remedy,
      concerns: complaint.concerns,
      category: 'product_quality',
      severity: 'high',
      healthAndSafety: true,
      consent: true,
      reopenCount: 0,
      termExtended: false,
    });
    expect(doc.due.map((d) => d.kind)).toEqual(['acknowledge', 'final_answer', 'follow_up']);
  });

  it('keeps the whole history in order, decision and follow-up included', () => {
    const first = decided('RU', { outcome: 'rejected', justification: 'J', alternativeOffered: 'A' });
    const { complaint, events } = advance(first.complaint, first.events, [
      { to: 'customer_informed', at: '2026-09-18T13:00:00Z' },
      {
        to: 'follow_up',
        at: '2026-09-25T09:00:00Z',
        followUp: { outcome: 'rejected', satisfaction: 2, recourseInformed: true },
      },
      { to: 'in_review', at: '2026-09-25T09:10:00Z', reason: 'Клиент не согласен' },
    ]);
    const doc = complaintRecordOf(sourceOf('RU', complaint, events, { now: '2026-09-25T10:00:00Z' }));
    expect(doc.history.map((l) => [l.type, l.from, l.to])).toEqual([
      ['created', undefined, undefined],
      ['status_changed', 'received', 'registered'],
      ['status_changed', 'registered', 'in_review'],
      ['status_changed', 'in_review', 'decided'],
      ['status_changed', 'decided', 'customer_informed'],
      ['status_changed', 'customer_informed', 'follow_up'],
      ['status_changed', 'follow_up', 'in_review'],
    ]);
    expect(doc.history[3]?.decision).toMatchObject({ outcome: 'rejected', justification: 'J' });
    expect(doc.history[5]?.followUp).toMatchObject({ outcome: 'rejected', satisfaction: 2 });
    expect(doc.history[6]?.text).toBe('Клиент не согласен');
    expect(doc).toMatchObject({ status: 'in_review', reopenCount: 1 });
    expect(doc.decision).toBeUndefined();
    const final = doc.due.find((d) => d.kind === 'final_answer');
    expect(final).toMatchObject({ state: 'ok', projected: false });
  });

  it.each([
    [
      'a note',
      event('note_added', { text: ' Позвонил ещё раз ' }),
      { type: 'note_added', text: 'Позвонил ещё раз' },
    ],
    ['a linked book entry', event('book_entry_linked', { entryId: 'b', pages: 3 }), { pages: 3 }],
    [
      'a preliminary answer',
      event('preliminary_answer_sent', { text: 'Рассматриваем' }),
      { text: 'Рассматриваем' },
    ],
    ['a malformed status change', event('status_changed', { from: 'nowhere', to: 42, decision: 'x' }), {}],
    ['data that is not an object', event('note_added', null as unknown as Record<string, unknown>), {}],
  ])('reads %s', (_name, e, expected) => {
    const line = historyLine(e);
    expect(line).toMatchObject({ at: e.at, actor: e.actor, type: e.type, ...expected });
    if (Object.keys(expected).length === 0) {
      expect(line).not.toHaveProperty('from');
      expect(line).not.toHaveProperty('decision');
      expect(line).not.toHaveProperty('text');
    }
  });

  it('skips an event type this version does not know', () => {
    // (merged_into, the example before issue 15, is known now: a type from a newer version stands in.)
    expect(historyLine(event('complaint_teleported', {}))).toBeNull();
    expect(historyLine(event('merged_into', { survivorId: 'x' }))).toMatchObject({ type: 'merged_into' });
  });
});

import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../../shared/complaints/model';
import { searchWordsOf } from '../../../../shared/complaints/search';
import {
  applyCorrections,
  checkChangeSubject,
  checkRecordChange,
  recordChangeKind,
  readField,
  staleChanges,
  type FieldValue,
  type RecordField,
} from '../../../../shared/handling/corrections';
import { HANDLING_EVENT_DATA } from '../../../../shared/handling/event-data';
import type { RefusalReason } from '../../../../shared/lifecycle';
import { complaintOf, ev } from './fixtures';

// R3: a registered complaint's fields corrected with a reason, each correction an event with before and
// after; R13: urgency, severity, category and health-and-safety re-assessed with an event.

const base: Complaint = (() => {
  const c = complaintOf('RU', {
    channel: 'phone',
    receivedAt: '2026-09-14T07:00:00Z',
    registeredAt: '2026-09-14T07:05:00Z',
  });
  return { ...c, searchWords: searchWordsOf(c) };
})();
const REASON = 'Клиент продиктовал номер с ошибкой';
type Set = Partial<Record<RecordField, FieldValue>>;

describe('checkRecordChange: corrections (R3)', () => {
  it.each<[string, Set, { field: string; before: FieldValue; after: FieldValue }[]]>([
    [
      'a phone, trimmed',
      { 'customer.phone': ' +7 916 555-00-00 ' },
      [{ field: 'customer.phone', before: '+7 916 555-12-34', after: '+7 916 555-00-00' }],
    ],
    [
      'a field set to what it is is dropped',
      { 'customer.phone': '+7 916 555-12-34', description: 'Кофемашина протекает через неделю.' },
      [{ field: 'description', before: base.description, after: 'Кофемашина протекает через неделю.' }],
    ],
    [
      'the channel within the customer register',
      { channel: 'in_person' },
      [{ field: 'channel', before: 'phone', after: 'in_person' }],
    ],
    [
      'received earlier than thought',
      { receivedAt: '2026-09-13T15:00:00Z' },
      [{ field: 'receivedAt', before: base.receivedAt, after: '2026-09-13T15:00:00Z' }],
    ],
  ])('%s', (_what, set, changes) => {
    const result = checkRecordChange(base, 'correction', { set, reason: ` ${REASON} ` });
    expect(result).toEqual({ ok: true, changes });
    expect(HANDLING_EVENT_DATA.fields_corrected.safeParse({ reason: REASON, changes }).success).toBe(true);
  });

  it.each<[string, Set, string, RefusalReason[], string[]]>([
    ['no reason', { 'customer.phone': '+7 916 555-00-00' }, '  ', ['change_reason_required'], []],
    ['nothing changed', { 'customer.phone': '+7 916 555-12-34' }, REASON, ['change_empty'], []],
    [
      'the number is a fact of registration',
      { number: 'X' } as Set,
      REASON,
      ['change_field_not_allowed'],
      [],
    ],
    [
      'urgency is re-assessed, not corrected',
      { urgencyLevel: 'high' },
      REASON,
      ['change_field_not_allowed'],
      [],
    ],
    ['into the internal register', { channel: 'internal' }, REASON, ['change_field_not_allowed'], []],
    ['not a channel', { channel: 'pigeon' }, REASON, ['change_value_invalid', 'change_empty'], []],
    ['consent is a flag', { consent: 'yes' }, REASON, ['change_value_invalid', 'change_empty'], []],
    [
      'a phone that is not one',
      { 'customer.phone': 'звонить Анне' },
      REASON,
      ['change_value_invalid'],
      ['customer.phone'],
    ],
    [
      'no contact left and no reason for it',
      { 'customer.phone': '', 'customer.email': '' },
      REASON,
      ['change_value_invalid'],
      ['contact', 'customer.preferredContact'],
    ],
    [
      'consent withdrawn while personal data is kept',
      { consent: false },
      REASON,
      ['change_value_invalid'],
      ['consent'],
    ],
    [
      'received after it was registered',
      { receivedAt: '2026-09-14T08:00:00Z' },
      REASON,
      ['change_value_invalid'],
      ['receivedAt'],
    ],
    ['a description emptied', { description: '   ' }, REASON, ['change_value_invalid'], ['description']],
  ])('refused: %s', (_what, set, reason, reasons, fields) => {
    const result = checkRecordChange(base, 'correction', { set, reason });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reasons).toEqual(reasons);
    expect(result.fieldErrors.map((e) => e.field)).toEqual(fields);
  });
});

describe('checkRecordChange: re-assessment (R13)', () => {
  it('urgency of a record from before it existed is "normal"', () => {
    expect(readField(base, 'urgencyLevel')).toBe('normal');
    expect(
      checkRecordChange(base, 'assessment', {
        set: { urgencyLevel: 'immediate', healthAndSafety: true },
        reason: 'Ребёнок обжёгся',
      }),
    ).toEqual({
      ok: true,
      changes: [
        { field: 'urgencyLevel', before: 'normal', after: 'immediate' },
        { field: 'healthAndSafety', before: false, after: true },
      ],
    });
  });

  it.each<[string, Set, RefusalReason[]]>([
    [
      'a customer field is corrected, not re-assessed',
      { 'customer.name': 'Анна' },
      ['change_field_not_allowed'],
    ],
    ['an unknown urgency', { urgencyLevel: 'yesterday' }, ['change_value_invalid', 'change_empty']],
    ['an unknown category', { category: 'weather' }, ['change_value_invalid', 'change_empty']],
  ])('refused: %s', (_what, set, reasons) => {
    expect(checkRecordChange(base, 'assessment', { set, reason: REASON })).toMatchObject({
      ok: false,
      reasons,
    });
  });
});

describe('applyCorrections', () => {
  const corrected = (
    changes: unknown[],
    type: 'fields_corrected' | 'assessment_changed' = 'fields_corrected',
  ) => ev(type, { reason: REASON, changes });

  it('applies each change in order; the last one wins; search words follow', () => {
    const next = applyCorrections(base, [
      corrected([{ field: 'customer.phone', before: '+7 916 555-12-34', after: '+7 903 111-22-33' }]),
      ev('note_added', { text: 'звонил' }),
      corrected([{ field: 'customer.phone', before: '+7 903 111-22-33', after: '+7 903 999-88-77' }]),
      corrected([{ field: 'severity', before: 'medium', after: 'high' }], 'assessment_changed'),
    ]);
    expect(next.customer.phone).toBe('+7 903 999-88-77');
    expect(next.severity).toBe('high');
    expect(next.searchWords).toContain('9998877');
    expect(next.searchWords).not.toContain('5551234');
    expect(base.customer.phone).toBe('+7 916 555-12-34'); // the input is not changed
  });

  it('skips a hostile or unknown change instead of applying it', () => {
    const next = applyCorrections(base, [
      corrected([
        { field: '__proto__', before: '', after: 'x' },
        { field: 'status', before: 'registered', after: 'closed' },
        { field: 'severity', before: 'medium', after: 'apocalyptic' },
        { field: 'customer.name', before: 'Анна Смирнова', after: 'я'.repeat(10_000) },
      ]),
      ev('fields_corrected', { reason: REASON, changes: 'all' }),
    ]);
    expect(next).toBe(base);
  });

  it('staleChanges: a correction made offline whose before no longer holds', () => {
    const changes = [
      { field: 'customer.phone' as const, before: '+7 000 000-00-00', after: '+7 903 111-22-33' },
      { field: 'severity' as const, before: 'medium', after: 'high' },
    ];
    expect(staleChanges(base, changes)).toEqual([changes[0]]);
  });
});

describe('checkChangeSubject and recordChangeKind (branch and HQ alike)', () => {
  it.each<[string, Parameters<typeof checkChangeSubject>[0], RefusalReason[]]>([
    ['registered', { status: 'registered' }, []],
    ['decided, no progress given', { status: 'decided' }, []],
    ['closed: reopen it first', { status: 'closed', progress: {} }, ['complaint_closed']],
    [
      'merged: correct its survivor',
      { status: 'registered', progress: { mergedInto: { id: base.id, number: base.number } } },
      ['complaint_merged'],
    ],
    [
      'merged and closed: merged is said',
      { status: 'closed', progress: { mergedInto: { id: base.id, number: base.number } } },
      ['complaint_merged'],
    ],
  ])('%s', (_what, subject, reasons) => {
    expect(checkChangeSubject(subject)).toEqual(reasons);
  });

  it.each([
    ['fields_corrected', 'correction'],
    ['assessment_changed', 'assessment'],
    ['note_added', undefined],
    ['status_changed', undefined],
  ] as const)('%s is %s', (type, kind) => {
    expect(recordChangeKind(type)).toBe(kind);
  });
});

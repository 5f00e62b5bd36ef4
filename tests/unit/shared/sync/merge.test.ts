import { describe, expect, it } from 'vitest';
import type { ComplaintEvent } from '../../../../shared/complaints/model';
import type { OperationPayload, OperationType } from '../../../../shared/sync/operations';
import { OPERATION_TYPES } from '../../../../shared/sync/operations';
import { complaintIdOf, complaintIdsOf, employeeIdOf, takesChange } from '../../../../shared/sync/merge';
import type { Change } from '../../../../shared/sync/protocol';

// R23: what the branch takes from HQ's pull while its own changes are still queued.
const COMPLAINT = '0190c3a0-0000-7000-8000-00000000c0de';
const OTHER = '0190c3a0-0000-7000-8000-00000000beef';
const ENTRY = '0190c3a0-0000-7000-8000-00000000e117';

const event: ComplaintEvent = {
  id: OTHER,
  complaintId: COMPLAINT,
  type: 'note_added',
  at: '2026-11-23T09:00:00Z',
  actor: 'Ольга',
  data: {},
};
const header = {
  id: ENTRY,
  branchCode: 'MSK-01',
  capturedAt: '2026-11-23T09:00:00Z',
  capturedBy: 'Ольга',
  deadline: '2026-11-24T08:00:00Z',
};

/** One payload of each operation type, each naming COMPLAINT wherever it can. */
const payloads: { [T in OperationType]: OperationPayload<T> } = {
  'complaint.register': {
    complaint: { id: COMPLAINT } as OperationPayload<'complaint.register'>['complaint'],
    events: [{ ...event, type: 'created' }],
  },
  'complaint.event': { event: { ...event } },
  'complaint.transition': {
    complaintId: COMPLAINT,
    from: 'registered',
    to: 'in_review',
    event: { ...event, type: 'status_changed' },
  },
  // Issue 15 (R5): a merge changes two complaints: COMPLAINT survives, OTHER is merged into it.
  'complaint.merge': {
    survivorId: COMPLAINT,
    mergedId: OTHER,
    into: { ...event, complaintId: OTHER, type: 'merged_into', data: { survivorId: COMPLAINT } },
    from: { ...event, type: 'merged_from', data: { mergedId: OTHER } },
  },
  'book.page.add': {
    entry: header,
    page: {
      id: OTHER,
      entryId: ENTRY,
      pageNo: 1,
      sha256: 'a'.repeat(64),
      sourceSha256: 'a'.repeat(64),
      mime: 'image/jpeg',
      size: 1,
      width: 200,
      height: 200,
      source: 'camera',
      capturedAt: '2026-11-23T09:00:00Z',
      capturedBy: 'Ольга',
    },
  },
  'book.page.remove': { entryId: ENTRY, pageId: OTHER, at: '2026-11-23T09:00:00Z', by: 'Ольга' },
  // Linked to COMPLAINT, yet not a change of it: the link travels as COMPLAINT's own 'complaint.event'.
  'book.entry.submit': {
    entry: {
      ...header,
      complaintId: COMPLAINT,
      complaintNumber: 'MSK-01-2026-100001',
      submittedAt: '2026-11-23T09:00:00Z',
      pageHashes: ['a'.repeat(64)],
    },
  },
  'book.entry.fallback': { entryId: ENTRY, at: '2026-11-23T09:00:00Z', by: 'Ольга', pages: ['a'.repeat(64)] },
  'employee.upsert': {
    employee: {
      id: OTHER,
      branchCode: 'MSK-01',
      name: 'Ольга',
      role: 'counter',
      active: true,
      updatedAt: '2026-11-23T09:00:00Z',
    },
  },
  'employee.pin.set': {
    employeeId: OTHER,
    pin: { alg: 'PBKDF2-SHA256', iterations: 600_000, salt: 's'.repeat(24), hash: 'h'.repeat(44) },
    at: '2026-11-23T09:00:00Z',
  },
};

describe('complaintIdOf', () => {
  it.each<[OperationType, string | undefined]>([
    ['complaint.register', COMPLAINT],
    ['complaint.event', COMPLAINT],
    ['complaint.transition', COMPLAINT],
    ['complaint.merge', COMPLAINT],
    ['book.page.add', undefined],
    ['book.page.remove', undefined],
    ['book.entry.submit', undefined],
    ['book.entry.fallback', undefined],
    ['employee.upsert', undefined],
    ['employee.pin.set', undefined],
  ])('%s → %s', (type, expected) => {
    expect(complaintIdOf({ type, payload: payloads[type] })).toBe(expected);
  });

  it('complaintIdsOf names both complaints of a merge, and the one of every other complaint op', () => {
    expect(complaintIdsOf({ type: 'complaint.merge', payload: payloads['complaint.merge'] })).toEqual([
      COMPLAINT,
      OTHER,
    ]);
    for (const type of OPERATION_TYPES.filter((t) => t !== 'complaint.merge')) {
      const one = complaintIdOf({ type, payload: payloads[type] });
      expect(complaintIdsOf({ type, payload: payloads[type] })).toEqual(one ? [one] : []);
    }
  });

  it('the table above names every operation type there is', () => {
    expect(Object.keys(payloads).sort()).toEqual([...OPERATION_TYPES].sort());
  });
});

describe('employeeIdOf', () => {
  it.each(OPERATION_TYPES.map((t) => [t, t.startsWith('employee.') ? OTHER : undefined] as const))(
    '%s → %s',
    (type, expected) => {
      expect(employeeIdOf({ type, payload: payloads[type] })).toBe(expected);
    },
  );
});

describe('takesChange: local pending wins', () => {
  const complaint = (id: string) => ({ version: 1, kind: 'complaint', complaint: { id } }) as Change;
  const changes: Record<string, Change> = {
    'HQ state of the queued complaint': complaint(COMPLAINT),
    'HQ state of another complaint': complaint(OTHER),
    'a history event of the queued complaint': { version: 1, kind: 'event', event } as Change,
    'a feedback-book entry': { version: 1, kind: 'book_entry', entry: { id: ENTRY } } as Change,
    'the branch directory': { version: 1, kind: 'branch', branch: { code: 'MSK-01' } } as Change,
    // Issue 14: a PIN set here and not pushed yet must not be overwritten by HQ's record without it.
    'HQ record of the queued employee': { version: 1, kind: 'employee', employee: { id: OTHER } } as Change,
  };
  it.each<[string, ReadonlySet<string>, boolean]>([
    ['HQ state of the queued complaint', new Set([COMPLAINT]), false],
    ['HQ state of the queued complaint', new Set(), true],
    ['HQ state of another complaint', new Set([COMPLAINT]), true],
    ['a history event of the queued complaint', new Set([COMPLAINT]), true],
    ['a feedback-book entry', new Set([COMPLAINT, ENTRY]), true],
    ['the branch directory', new Set([COMPLAINT]), true],
    ['HQ record of the queued employee', new Set([OTHER]), false],
    ['HQ record of the queued employee', new Set([COMPLAINT]), true],
  ])('%s, pending here: %o → taken: %s', (name, pending, expected) => {
    expect(takesChange(changes[name]!, pending)).toBe(expected);
  });
});

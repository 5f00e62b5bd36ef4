import { describe, expect, it } from 'vitest';
import {
  checkEnvelope,
  checkSequence,
  checkStatusChange,
  belongsToBranch,
} from '../../../../shared/sync/rules';
import { SYNC_SCHEMA_VERSION } from '../../../../shared/sync/operations';

const device = '0190c3a0-0000-7000-8000-000000000001';
const complaintId = '0190c3a0-0000-7000-8000-0000000000c1';
const transitionPayload = (from: string, to: string, data: Record<string, unknown> = {}) => ({
  complaintId,
  from,
  to,
  event: {
    id: '0190c3a0-0000-7000-8000-0000000000e1',
    complaintId,
    type: 'status_changed',
    at: '2026-03-02T10:00:00Z',
    actor: 'Ольга',
    data: { from, to, ...data },
  },
});

describe('checkSequence: gaps are noticed, never blocking', () => {
  it.each([
    [0, 1, false, { lastSeq: 1, late: false }],
    [4, 5, false, { lastSeq: 5, late: false }],
    [4, 7, false, { lastSeq: 7, late: false, gap: { from: 5, to: 6 } }],
    [7, 5, false, { lastSeq: 7, late: true }],
    [7, 7, false, { lastSeq: 7, late: true }],
    // An op HQ has already (a retry; one delivered before the device enrolled again): its place counts, and
    // it is never late.
    [0, 1, true, { lastSeq: 1, late: false }],
    [0, 3, true, { lastSeq: 3, late: false, gap: { from: 1, to: 2 } }],
    [7, 5, true, { lastSeq: 7, late: false }],
    [7, 7, true, { lastSeq: 7, late: false }],
  ])('last %i, op %i, known %s', (last, seq, known, expected) => {
    expect(checkSequence(last, seq, known)).toEqual(expected);
  });
});

describe('checkEnvelope', () => {
  const base = {
    opId: '0190c3a0-0000-7000-8000-0000000000a1',
    deviceId: device,
    deviceSeq: 1,
    schemaVersion: SYNC_SCHEMA_VERSION,
  };
  it.each([
    [
      { ...base, deviceId: '0190c3a0-0000-7000-8000-000000000002', type: 'book.page.remove', payload: {} },
      'wrong_device',
    ],
    [
      { ...base, schemaVersion: SYNC_SCHEMA_VERSION + 1, type: 'book.page.remove', payload: {} },
      'unsupported_schema_version',
    ],
    [{ ...base, type: 'complaint.delete', payload: {} }, 'unknown_type'],
    [{ ...base, type: 'toString', payload: {} }, 'unknown_type'],
    [{ ...base, type: 'book.page.remove', payload: { entryId: 'x' } }, 'invalid_payload'],
  ])('refuses %j with %s', (op, reason) => {
    expect(checkEnvelope(op, device)).toMatchObject({ ok: false, reason });
  });

  it('accepts a valid op and returns its parsed payload', () => {
    const payload = { entryId: complaintId, pageId: complaintId, at: '2026-03-02T10:00:00Z', by: 'Ольга' };
    const r = checkEnvelope({ ...base, type: 'book.page.remove', payload }, device);
    expect(r).toEqual({ ok: true, type: 'book.page.remove', payload });
    expect(belongsToBranch('book.page.remove', payload as never, 'MSK-01')).toBe(true);
  });
});

describe("issue 13: an op belongs to the device's branch, and so does every complaint number it names", () => {
  const register = (branchCode: string, number: string) =>
    ({ complaint: { branchCode, number }, events: [] }) as never;
  const submit = (branchCode: string, complaintNumber: string) =>
    ({ entry: { branchCode, complaintNumber } }) as never;
  it.each([
    ['complaint.register', register('SPB-02', 'SPB-02-2026-100001'), true],
    ['complaint.register', register('SPB-02', 'MSK-01-2026-199999'), false],
    ['complaint.register', register('MSK-01', 'MSK-01-2026-199999'), false],
    ['complaint.register', register('SPB-02', 'spb-02-2026-100001'), false],
    ['complaint.register', register('SPB-02', 'SPB-02'), false],
    ['book.entry.submit', submit('SPB-02', 'SPB-02-2026-100001'), true],
    ['book.entry.submit', submit('SPB-02', 'MSK-01-2026-100001'), false],
    ['book.entry.submit', submit('MSK-01', 'SPB-02-2026-100001'), false],
    ['book.page.add', { entry: { branchCode: 'MSK-01' } } as never, false],
  ] as const)('%s %j → %s for SPB-02', (type, payload, ok) => {
    expect(belongsToBranch(type, payload, 'SPB-02')).toBe(ok);
  });
});

describe('checkStatusChange: HQ applies the shared lifecycle rules', () => {
  it.each([
    [
      { status: 'registered' },
      transitionPayload('registered', 'in_review', { transition: 'start_review' }),
      { ok: true },
    ],
    [
      { status: 'in_review' },
      transitionPayload('registered', 'in_review'),
      { ok: false, reason: 'stale_status' },
    ],
    [
      { status: 'registered' },
      transitionPayload('registered', 'closed'),
      { ok: false, reason: 'transition_not_allowed' },
    ],
    [
      { status: 'in_review' },
      transitionPayload('in_review', 'decided'),
      { ok: false, reason: 'decision_required' },
    ],
    [
      { status: 'in_review' },
      transitionPayload('in_review', 'decided', {
        decision: { outcome: 'rejected', factsMissing: false, findingDefaulted: false },
      }),
      { ok: false, reason: 'justification_required' },
    ],
    [
      { status: 'in_review' },
      transitionPayload('in_review', 'decided', {
        decision: { outcome: 'upheld', factsMissing: false, findingDefaulted: false },
      }),
      { ok: true },
    ],
    [
      { status: 'follow_up', followUpOutcome: 'rejected' },
      transitionPayload('follow_up', 'closed'),
      { ok: false, reason: 'customer_rejected_decision' },
    ],
    [
      { status: 'closed' },
      transitionPayload('closed', 'in_review'),
      { ok: false, reason: 'reopen_reason_required' },
    ],
    [{ status: 'closed' }, transitionPayload('closed', 'in_review', { reason: 'new facts' }), { ok: true }],
  ])('%j + %j', (current, payload, expected) => {
    expect(checkStatusChange(current as never, payload as never)).toEqual(expected);
  });
});

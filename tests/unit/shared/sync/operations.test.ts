import { describe, expect, it } from 'vitest';
import { MAX_PAGES_PER_ENTRY } from '../../../../shared/book/model';
import { MAX_WORDS } from '../../../../shared/complaints/search';
import { LIMITS } from '../../../../shared/complaints/validation';
import { MAX_EVENT_DATA_CHARS } from '../../../../shared/sync/events';
import { MAX_REGISTRATION_EVENTS, operationPayloads } from '../../../../shared/sync/operations';

// Issue 13: the sync schemas hold every string and array to the app's own limits (LIMITS), so HQ stores
// nothing the app could not have produced — and refuses nothing it could (R1: a complaint must arrive).
const at = '2026-03-02T09:00:00.000Z';
const id = (n: number) => `0190c3a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const sha = 'a'.repeat(64);

function registration() {
  return {
    complaint: {
      id: id(1),
      number: 'MSK-01-2026-100001',
      branchCode: 'MSK-01',
      status: 'registered',
      channel: 'phone',
      receivedAt: at,
      registeredAt: at,
      updatedAt: at,
      receivedBy: 'Ольга',
      confidential: false,
      customer: {
        name: 'Пётр',
        phone: '+7 916 555-12-34',
        email: '',
        address: '',
        preferredContact: 'phone',
      },
      noContactReason: '',
      description: 'Заказ не привезли',
      remedy: '',
      concerns: { product: '', service: '', employee: '' },
      category: 'delivery',
      severity: 'medium',
      healthAndSafety: false,
      consent: true,
      searchWords: ['пётр'],
      progress: {
        status: 'registered',
        reopenCount: 0,
        decision: { outcome: 'upheld', factsMissing: false, findingDefaulted: false, justification: '' },
      },
    },
    events: [
      {
        id: id(2),
        complaintId: id(1),
        type: 'created',
        at,
        actor: 'Ольга',
        data: { channel: 'phone' } as Record<string, unknown>,
      },
    ],
  };
}

type Registration = ReturnType<typeof registration>;
const registers = (change: (r: Registration) => void) => {
  const r = registration();
  change(r);
  return operationPayloads['complaint.register'].safeParse(r).success;
};
const text = (n: number) => 'ж'.repeat(n);

describe('complaint.register: each text up to its limit in LIMITS, not a character more', () => {
  it.each<[string, number, (r: Registration, value: string) => void]>([
    ['customer.name', LIMITS.name, (r, v) => (r.complaint.customer.name = v)],
    ['customer.phone', LIMITS.phone, (r, v) => (r.complaint.customer.phone = v)],
    ['customer.email', LIMITS.email, (r, v) => (r.complaint.customer.email = v)],
    ['customer.address', LIMITS.address, (r, v) => (r.complaint.customer.address = v)],
    ['noContactReason', LIMITS.noContactReason, (r, v) => (r.complaint.noContactReason = v)],
    ['description', LIMITS.description, (r, v) => (r.complaint.description = v)],
    ['remedy', LIMITS.remedy, (r, v) => (r.complaint.remedy = v)],
    ['concerns.product', LIMITS.concerns, (r, v) => (r.complaint.concerns.product = v)],
    ['concerns.service', LIMITS.concerns, (r, v) => (r.complaint.concerns.service = v)],
    ['concerns.employee', LIMITS.concerns, (r, v) => (r.complaint.concerns.employee = v)],
    ['receivedBy', LIMITS.person, (r, v) => (r.complaint.receivedBy = v)],
    ['event actor', LIMITS.person, (r, v) => (r.events[0]!.actor = v)],
    ['event text', LIMITS.note, (r, v) => (r.events[0]!.data = { text: v })],
    ['decision justification', LIMITS.note, (r, v) => (r.complaint.progress.decision.justification = v)],
  ])('%s: %i', (_field, limit, set) => {
    expect(registers((r) => set(r, text(limit)))).toBe(true);
    expect(registers((r) => set(r, text(limit + 1)))).toBe(false);
  });

  it('arrays and the details of an event are bounded too', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`);
    expect(registers((r) => (r.complaint.searchWords = words(MAX_WORDS)))).toBe(true);
    expect(registers((r) => (r.complaint.searchWords = words(MAX_WORDS + 1)))).toBe(false);
    const events = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ ...registration().events[0]!, id: id(10 + i) }));
    expect(registers((r) => (r.events = events(MAX_REGISTRATION_EVENTS)))).toBe(true);
    expect(registers((r) => (r.events = events(MAX_REGISTRATION_EVENTS + 1)))).toBe(false);
    const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, text(LIMITS.note)]));
    expect(JSON.stringify(many).length).toBeGreaterThan(MAX_EVENT_DATA_CHARS);
    expect(registers((r) => (r.events[0]!.data = many))).toBe(false);
    expect(registers((r) => (r.events[0]!.data = { nested: { deeper: text(LIMITS.note + 1) } }))).toBe(false);
  });
});

describe('complaint.register: the fields of issue 15 (R4, R5, R11, R13, R16)', () => {
  it.each<[string, (r: Registration) => void, boolean]>([
    ['a record from before issue 15 (no urgency, no handling progress)', () => {}, true],
    ['urgency', (r) => Object.assign(r.complaint, { urgencyLevel: 'immediate' }), true],
    ['an unknown urgency', (r) => Object.assign(r.complaint, { urgencyLevel: 'asap' }), false],
    [
      'handling progress',
      (r) =>
        Object.assign(r.complaint.progress, {
          callback: { id: id(20), dueAt: at, phone: '+7 916 555-12-34', at },
          escalations: [
            { step: 'branch_manager', dueKey: 'acknowledge', dueKind: 'acknowledge', at, toName: 'Ирина' },
          ],
          compensation: {
            id: id(21),
            amount: { amountMinor: 100, currency: 'RUB' },
            form: 'refund',
            approval: 'pending',
            decidedAt: at,
          },
          openTasks: 2,
          mergedFrom: [{ id: id(22), number: 'MSK-01-2026-100002' }],
          attachments: 1,
        }),
      true,
    ],
    [
      'a compensation in a fraction of a kopeck',
      (r) =>
        Object.assign(r.complaint.progress, {
          compensation: {
            id: id(21),
            amount: { amountMinor: 0.5, currency: 'RUB' },
            form: 'refund',
            approval: 'pending',
            decidedAt: at,
          },
        }),
      false,
    ],
    [
      'an unknown escalation step',
      (r) =>
        Object.assign(r.complaint.progress, {
          escalations: [{ step: 'ceo', dueKey: 'x', dueKind: 'x', at, toName: '' }],
        }),
      false,
    ],
    ['negative open tasks', (r) => Object.assign(r.complaint.progress, { openTasks: -1 }), false],
    [
      'registered with its callback promised in the same transaction',
      (r) =>
        r.events.push({
          ...r.events[0]!,
          id: id(23),
          type: 'callback_promised',
          data: { callbackId: id(24), dueAt: at, phone: '+7 916 555-12-34' },
        }),
      true,
    ],
    [
      'registered with an escalation (only HQ writes those)',
      (r) => r.events.push({ ...r.events[0]!, id: id(23), type: 'escalated', data: {} }),
      false,
    ],
    [
      // R16: a new complaint is not decided, so a compensation in its registration would skip HQ's checks.
      'registered with a compensation decided (only a decided complaint has one)',
      (r) =>
        r.events.push({
          ...r.events[0]!,
          id: id(23),
          type: 'compensation_decided',
          data: {
            compensationId: id(24),
            answers: {
              longTermCustomer: 'yes',
              willBuyAgain: 'yes',
              reputationEffect: 'no',
              demandsReasonable: 'yes',
              companyFaultPercent: 100,
            },
            amount: { amountMinor: 9_000_000, currency: 'RUB' },
            form: 'refund',
            approvalRequired: false,
          },
        }),
      false,
    ],
    [
      'registered with a department task (only a decided complaint has one)',
      (r) =>
        r.events.push({
          ...r.events[0]!,
          id: id(23),
          type: 'task_created',
          data: {
            taskId: id(24),
            department: 'finance',
            ownerName: 'Бухгалтерия',
            dueDate: '2026-03-20',
            text: 'Вернуть деньги',
          },
        }),
      false,
    ],
    [
      "registered with HQ's demand for approval (only HQ writes those)",
      (r) =>
        r.events.push({
          ...r.events[0]!,
          id: id(23),
          type: 'compensation_approval_required',
          data: { compensationId: id(24) },
        }),
      false,
    ],
    [
      'registered as merged (merges travel as complaint.merge)',
      (r) =>
        r.events.push({
          ...r.events[0]!,
          id: id(23),
          type: 'merged_into',
          data: { survivorId: id(25), survivorNumber: 'MSK-01-2026-100003' },
        }),
      false,
    ],
  ])('%s', (_what, change, ok) => {
    expect(registers(change)).toBe(ok);
  });
});

describe('feedback-book operations', () => {
  const page = {
    id: id(3),
    entryId: id(4),
    pageNo: 1,
    sha256: sha,
    sourceSha256: sha,
    mime: 'image/jpeg',
    size: 1000,
    width: 2000,
    height: 1500,
    source: 'camera',
    capturedAt: at,
    capturedBy: 'Ольга',
  };
  const header = { id: id(4), branchCode: 'MSK-01', capturedAt: at, capturedBy: 'Ольга', deadline: at };
  it('names and page lists within the app’s limits', () => {
    const add = (p: object, h: object = header) =>
      operationPayloads['book.page.add'].safeParse({ entry: h, page: p }).success;
    expect(add(page)).toBe(true);
    expect(add({ ...page, capturedBy: text(LIMITS.person + 1) })).toBe(false);
    expect(add(page, { ...header, branchCode: 'X'.repeat(17) })).toBe(false);
    expect(add({ ...page, width: 70_000 })).toBe(false);
    const remove = (by: string) =>
      operationPayloads['book.page.remove'].safeParse({ entryId: id(4), pageId: id(3), at, by }).success;
    expect(remove(text(LIMITS.person))).toBe(true);
    expect(remove(text(LIMITS.person + 1))).toBe(false);
    const fallback = (pages: string[]) =>
      operationPayloads['book.entry.fallback'].safeParse({ entryId: id(4), at, by: 'Ольга', pages }).success;
    expect(fallback(Array(MAX_PAGES_PER_ENTRY).fill(sha))).toBe(true);
    expect(fallback(Array(MAX_PAGES_PER_ENTRY + 1).fill(sha))).toBe(false);
  });
});

describe('complaint.register: the customer language of issue 16 (R9, R25)', () => {
  it.each<[string, (r: Registration) => void, boolean]>([
    ['a record from before it (no language)', () => {}, true],
    ['each of the five languages', (r) => Object.assign(r.complaint, { customerLanguage: 'ko' }), true],
    [
      'a language the app does not have',
      (r) => Object.assign(r.complaint, { customerLanguage: 'de' }),
      false,
    ],
    ['not a code at all', (r) => Object.assign(r.complaint, { customerLanguage: 'x'.repeat(5000) }), false],
  ])('%s', (_name, change, ok) => expect(registers(change)).toBe(ok));

  it('is kept, not stripped, so HQ stores it', () => {
    const r = registration();
    Object.assign(r.complaint, { customerLanguage: 'cs' });
    const parsed = operationPayloads['complaint.register'].parse(r);
    expect(parsed.complaint.customerLanguage).toBe('cs');
  });
});

describe('complaint.register: a status change it carries stays inside the lifecycle (HQ replays it)', () => {
  const change = (data: Record<string, unknown>) => (r: Registration) =>
    r.events.push({ id: id(3), complaintId: id(1), type: 'status_changed', at, actor: 'Ольга', data });
  it.each<[string, Record<string, unknown>, boolean]>([
    ['the branch’s own first change', { from: 'received', to: 'registered', transition: 'register' }, true],
    ['a change with no lifecycle fields', { note: 'x' }, true],
    ['an id as the new status (found by the fuzz suite)', { from: 'received', to: id(9) }, false],
    ['an unknown status', { to: 'archived' }, false],
    ['a status of another type', { to: 7 }, false],
    ['an unknown old status', { from: 'nowhere', to: 'registered' }, false],
    ['an unknown transition', { to: 'registered', transition: 'teleport' }, false],
  ])('%s → accepted: %s', (_, data, accepted) => {
    expect(registers(change(data))).toBe(accepted);
  });
});

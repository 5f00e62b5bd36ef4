import { describe, expect, it } from 'vitest';
import type { Complaint, Milestones } from '../../../../shared/complaints/model';
import { MAX_WORDS, searchWordsOf } from '../../../../shared/complaints/search';
import { checkMerge, chooseSurvivor, joinHistories, mergeEvents } from '../../../../shared/handling/merge';
import type { RefusalReason } from '../../../../shared/lifecycle';
import { milestonesFromEvents } from '../../../../shared/lifecycle';
import { operationPayloads } from '../../../../shared/sync/operations';
import { complaintOf, ev, uuid } from './fixtures';

// R5: two complaints about one matter merged — the other becomes a reference to the survivor, histories
// joined, numbers kept searchable — also when they were registered on two PCs offline.

const progress = (patch: Partial<Milestones> = {}): Milestones => ({
  status: 'registered',
  reopenCount: 0,
  ...patch,
});
const a = complaintOf('RU', {
  id: uuid(1),
  number: 'MSK-01-2026-100001',
  receivedAt: '2026-09-14T07:00:00Z',
});
const b = complaintOf('RU', {
  id: uuid(2),
  number: 'MSK-01-2026-100002',
  receivedAt: '2026-09-14T09:00:00Z',
});
const with_ = (c: Complaint, patch: Partial<Complaint>, p: Partial<Milestones> = {}): Complaint => ({
  ...c,
  ...patch,
  progress: progress(p),
});

describe('chooseSurvivor', () => {
  it.each<[string, Complaint, Complaint, string]>([
    ['the one received first', b, a, a.number],
    [
      'received at once: registered first',
      with_(b, { receivedAt: a.receivedAt, registeredAt: '2026-09-14T09:00:00Z' }),
      with_(a, { registeredAt: '2026-09-14T10:00:00Z' }),
      b.number,
    ],
    [
      'received and registered at once: the lower number',
      with_(b, { receivedAt: a.receivedAt, registeredAt: a.registeredAt }),
      a,
      a.number,
    ],
    ['an unreadable date counts as last', with_(a, { receivedAt: 'x' }), b, b.number],
  ])('%s', (_what, x, y, survivor) => {
    const chosen = chooseSurvivor(x, y);
    expect(chosen.survivor.number).toBe(survivor);
    expect(chosen.merged.number).toBe(survivor === x.number ? y.number : x.number);
  });
});

describe('checkMerge', () => {
  it.each<[string, Complaint, Complaint, RefusalReason[]]>([
    ['two open complaints of one branch', a, b, []],
    ['into itself', a, a, ['merge_same_complaint']],
    [
      'the other one already merged (a concurrent merge on another PC)',
      a,
      with_(b, {}, { mergedInto: { id: uuid(9), number: 'MSK-01-2026-100009' } }),
      ['merge_already_merged'],
    ],
    [
      'into a complaint that is itself a reference',
      with_(a, {}, { mergedInto: { id: uuid(9), number: 'x' } }),
      b,
      ['merge_already_merged'],
    ],
    [
      'into a closed complaint',
      with_(a, { status: 'closed' }, { status: 'closed' }),
      b,
      ['merge_survivor_closed'],
    ],
    ['a closed complaint into an open one', a, with_(b, { status: 'closed' }, { status: 'closed' }), []],
    [
      'internal with a customer complaint',
      a,
      with_(b, { channel: 'internal' }),
      ['merge_confidential_mismatch'],
    ],
    ['across branches', a, with_(b, { branchCode: 'SPB-02' }), ['merge_other_branch']],
    [
      'the merged one has a pending callback',
      a,
      with_(
        b,
        {},
        {
          callback: {
            id: uuid(5),
            dueAt: '2026-09-15T08:00:00Z',
            phone: '1234567',
            at: '2026-09-14T08:00:00Z',
          },
        },
      ),
      ['merge_open_work'],
    ],
    ['the merged one has open tasks', a, with_(b, {}, { openTasks: 1 }), ['merge_open_work']],
    ['the merged one has tasks, all done', a, with_(b, {}, { openTasks: 0 }), []],
    [
      'the merged one awaits approval',
      a,
      with_(
        b,
        {},
        {
          compensation: {
            id: uuid(6),
            amount: { amountMinor: 1, currency: 'RUB' },
            form: 'refund',
            approval: 'pending',
            decidedAt: '2026-09-14T08:00:00Z',
          },
        },
      ),
      ['merge_open_work'],
    ],
    [
      'several at once',
      with_(a, { status: 'closed', branchCode: 'SPB-02' }, { status: 'closed' }),
      with_(b, { channel: 'internal' }),
      ['merge_survivor_closed', 'merge_confidential_mismatch', 'merge_other_branch'],
    ],
  ])('%s', (_what, survivor, merged, reasons) => {
    expect(checkMerge(survivor, merged)).toEqual(reasons);
  });
});

describe('mergeEvents', () => {
  const by = {
    actor: ' Ольга Иванова ',
    actorId: uuid(20),
    now: new Date('2026-09-15T08:00:00Z'),
    reason: ' один и тот же звонок ',
    intoEventId: uuid(21),
    fromEventId: uuid(22),
  };
  const { into, from } = mergeEvents(a, b, by);

  it('writes merged_into on the merged one and merged_from on the survivor', () => {
    expect(into).toEqual({
      id: uuid(21),
      complaintId: b.id,
      type: 'merged_into',
      at: '2026-09-15T08:00:00.000Z',
      actor: 'Ольга Иванова',
      actorId: uuid(20),
      data: { survivorId: a.id, survivorNumber: a.number, reason: 'один и тот же звонок' },
    });
    expect(from).toMatchObject({
      id: uuid(22),
      complaintId: a.id,
      type: 'merged_from',
      data: { mergedId: b.id, mergedNumber: b.number },
    });
  });

  it('is a valid complaint.merge op, and the op refuses a mismatched or self merge', () => {
    const op = operationPayloads['complaint.merge'];
    expect(op.safeParse({ survivorId: a.id, mergedId: b.id, into, from }).success).toBe(true);
    expect(op.safeParse({ survivorId: b.id, mergedId: a.id, into, from }).success).toBe(false);
    expect(op.safeParse({ survivorId: a.id, mergedId: b.id, into: from, from: into }).success).toBe(false);
    const self = mergeEvents(a, a, by);
    expect(op.safeParse({ survivorId: a.id, mergedId: a.id, ...self }).success).toBe(false);
    expect(
      op.safeParse({
        survivorId: a.id,
        mergedId: b.id,
        into: { ...into, data: { ...into.data, extra: 1 } },
        from,
      }).success,
    ).toBe(false);
  });

  it('after replay the merged one is a reference and the survivor is found by both numbers', () => {
    const mergedProgress = milestonesFromEvents([into]);
    expect(mergedProgress.mergedInto).toEqual({ id: a.id, number: a.number });
    const survivorProgress = milestonesFromEvents([from]);
    const words = searchWordsOf({ ...a, progress: survivorProgress });
    expect(words).toContain('2026-100002');
    expect(words).toContain('100001');
    expect(searchWordsOf(a)).not.toContain('100002');
  });

  it('however many numbers were merged in, the search words stay within MAX_WORDS', () => {
    const mergedFrom = Array.from({ length: 300 }, (_, i) => ({
      id: uuid(100 + i),
      number: `A-B-C-D-E-${i}`,
    }));
    const words = searchWordsOf({ ...a, progress: { ...a.progress, mergedFrom } });
    expect(words.length).toBeLessThanOrEqual(MAX_WORDS);
    expect(words).toContain('msk-01-2026-100001');
  });
});

describe('joinHistories', () => {
  it('joins in time order; at the same time the survivor first; each says where it came from', () => {
    const s1 = ev('note_added', { text: 's1' }, '2026-09-14T08:00:00Z');
    const s2 = ev('note_added', { text: 's2' }, '2026-09-14T10:00:00Z');
    const m1 = ev('note_added', { text: 'm1' }, '2026-09-14T09:00:00Z');
    const m2 = ev('note_added', { text: 'm2' }, '2026-09-14T10:00:00Z');
    const joined = joinHistories({ number: 'A', events: [s1, s2] }, [{ number: 'B', events: [m1, m2] }]);
    expect(joined.map((e) => [e.data.text, e.fromNumber])).toEqual([
      ['s1', 'A'],
      ['m1', 'B'],
      ['s2', 'A'],
      ['m2', 'B'],
    ]);
  });

  it('an empty side adds nothing', () => {
    expect(joinHistories({ number: 'A', events: [] }, [{ number: 'B', events: [] }])).toEqual([]);
  });
});

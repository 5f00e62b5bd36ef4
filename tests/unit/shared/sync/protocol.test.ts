import { describe, expect, it } from 'vitest';
import { DEVICE, hqLink } from '../../../fixtures';
import {
  MAX_NESTING,
  MAX_PUSH_BATCH,
  enrollResponseSchema,
  pullResponseSchema,
  unstorableAt,
} from '../../../../shared/sync/protocol';

describe('unstorableAt: what the database could not store is found before it gets there', () => {
  const nested = (depth: number): unknown => (depth === 0 ? 'x' : { a: nested(depth - 1) });
  it.each<[unknown, string | undefined]>([
    [{ note: 'Перезвонил 🙂', n: 1, list: [null, true] }, undefined],
    [{ note: 'a\u0000b' }, 'note'],
    [{ list: ['ok', '\ud800'] }, 'list.1'],
    [{ ['\udc00']: 1 }, 'value'],
    [{ ok: 'да', a: [{ ['b\u0000']: 1 }] }, 'a.0: a field name'],
    [{ a: { b: 'x' }, c: { d: ['\u0000'] } }, 'c.d.0: text'],
    [nested(MAX_NESTING - 1), undefined],
    [nested(MAX_NESTING + 1), 'a.a'],
  ])('%j → %s', (value, where) => {
    const problem = unstorableAt(value);
    if (where === undefined) expect(problem).toBeUndefined();
    else expect(problem?.startsWith(where)).toBe(true);
  });
});

describe("issue 17: HQ's figure for a push's size, in its enrollment answer and in a pull", () => {
  const enrollment = { deviceId: DEVICE.id, deviceToken: DEVICE.token, branch: hqLink().branch };
  const pull = { changes: [], cursor: 0, more: false };
  // Absent from an older HQ; any whole positive figure up to a million from a newer one (the workstation
  // keeps to its own maximum); anything else is taken as none, and the answer stands (an enrollment's code
  // is used by the time HQ answers).
  it.each<[unknown, number | undefined]>([
    [undefined, undefined],
    [1, 1],
    [MAX_PUSH_BATCH, MAX_PUSH_BATCH],
    [1_000_000, 1_000_000],
    [0, undefined],
    [-500, undefined],
    [2.5, undefined],
    [1_000_001, undefined],
    ['500', undefined],
    [null, undefined],
  ])('%j → %j', (maxPushBatch, kept) => {
    expect(enrollResponseSchema.parse({ ...enrollment, maxPushBatch }).maxPushBatch).toBe(kept);
    expect(pullResponseSchema.parse({ ...pull, maxPushBatch }).maxPushBatch).toBe(kept);
  });

  it('an answer without the field (an older HQ) has none', () => {
    expect(enrollResponseSchema.parse(enrollment)).not.toHaveProperty('maxPushBatch');
    expect(pullResponseSchema.parse(pull)).not.toHaveProperty('maxPushBatch');
  });
});

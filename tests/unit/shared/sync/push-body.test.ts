import { describe, expect, it } from 'vitest';
import {
  LEGACY_PUSH_BATCH,
  MAX_PUSH_BATCH,
  MAX_PUSH_CHARS,
  PUSH_BODY_LIMIT,
} from '../../../../shared/sync/protocol';
import { pushBatchSize, pushBody } from '../../../../shared/sync/push-body';

// Issue 17 (R23): how a workstation fills a push. Pure rules.

describe('pushBatchSize: how many ops a push holds', () => {
  it.each([
    ['an HQ that has not said (older, or no pull yet)', undefined, LEGACY_PUSH_BATCH],
    ['an HQ that takes fewer', 3, 3],
    ['an HQ that takes what this version sends', MAX_PUSH_BATCH, MAX_PUSH_BATCH],
    ['a newer HQ that takes more: no more than this version sends', 10_000, MAX_PUSH_BATCH],
    ['a figure below one: one, so the queue still moves', 0, 1],
  ])('%s', (_case, hqTakes, size) => {
    expect(pushBatchSize(hqTakes)).toBe(size);
  });

  it('a full body fits the body limit of every HQ, in UTF-8 (up to 3 bytes a character)', () => {
    expect(3 * MAX_PUSH_CHARS).toBeLessThanOrEqual(PUSH_BODY_LIMIT);
  });
});

describe('pushBody: the body of a push within a number of characters', () => {
  // Ops of one length each ({"n":1,"s":"abcde"} and the like); a body of k of them: the envelope, the ops, the
  // commas between them.
  const op = (n: number, s = 'abcde') => ({ n, s });
  const ops = [1, 2, 3, 4, 5].map((n) => op(n));
  const each = JSON.stringify(op(1)).length;
  const size = (k: number) => '{"ops":[]}'.length + k * each + Math.max(0, k - 1);

  it.each([
    ['room for all', 1_000, 5],
    ['room for exactly two', size(2), 2],
    ['one character short of two', size(2) - 1, 1],
    ['room for none: the first still goes, alone', 5, 1],
  ])('%s', (_case, maxChars, count) => {
    const body = pushBody(ops, maxChars);
    expect(body.count).toBe(count);
    // The body is the JSON of those ops, as one JSON.stringify of them would write it.
    expect(body.body).toBe(JSON.stringify({ ops: ops.slice(0, count) }));
    if (count > 1) expect(body.body.length).toBeLessThanOrEqual(maxChars);
  });

  it('counts characters, not ops: a large op ends a batch of small ones, and then goes alone', () => {
    const mixed = [op(1), op(2, 'x'.repeat(100)), op(3)];
    const first = pushBody(mixed, size(2));
    expect(first.count).toBe(1);
    const second = pushBody(mixed.slice(first.count), size(2));
    expect(second.count).toBe(1);
    expect(JSON.parse(second.body)).toEqual({ ops: [mixed[1]] });
  });

  it('no ops: an empty body', () => {
    expect(pushBody([], 100)).toEqual({ count: 0, body: '{"ops":[]}' });
  });
});

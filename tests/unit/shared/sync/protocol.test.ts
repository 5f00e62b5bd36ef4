import { describe, expect, it } from 'vitest';
import { MAX_NESTING, unstorableAt } from '../../../../shared/sync/protocol';

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

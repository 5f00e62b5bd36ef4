import { describe, expect, it } from 'vitest';
import type { BranchTx } from '../../../../hq/branches/versions';
import { applyOperation } from '../../../../hq/sync/dispatch';
import { mergeEvents } from '../../../../shared/handling/merge';
import { operationPayloads } from '../../../../shared/sync/operations';

// Issue 15: until hq/complaints applies complaint.merge, HQ refuses it like a type it does not know — before
// touching its database, so nothing of a merge is half-applied. (The transaction is a trap, not a mock: any
// use of it fails the test.)

const trap = new Proxy({} as BranchTx, {
  get(_target, key) {
    throw new Error(`the transaction was used (${String(key)})`);
  },
});

describe('applyOperation: complaint.merge', () => {
  it('is refused unknown_type without touching the transaction', async () => {
    const a = { id: '019a1f52-7c3e-7d10-9b7e-000000000001', number: 'MSK-01-2026-100001' };
    const b = { id: '019a1f52-7c3e-7d10-9b7e-000000000002', number: 'MSK-01-2026-100002' };
    const events = mergeEvents(a, b, {
      actor: 'Ольга',
      now: new Date('2026-09-15T08:00:00Z'),
      intoEventId: '019a1f52-7c3e-7d10-9b7e-000000000003',
      fromEventId: '019a1f52-7c3e-7d10-9b7e-000000000004',
    });
    const payload = operationPayloads['complaint.merge'].parse({
      survivorId: a.id,
      mergedId: b.id,
      ...events,
    });
    await expect(
      applyOperation(trap, '019a1f52-7c3e-7d10-9b7e-000000000005', 'complaint.merge', payload),
    ).resolves.toMatchObject({
      outcome: 'rejected',
      reason: 'unknown_type',
    });
  });
});

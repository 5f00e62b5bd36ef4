import { randomUUID } from 'node:crypto';

// What the two sync benchmarks (sync.mjs, sync-scale.mjs) push: one complaint registration each.

/** A complaint.register operation, as the app builds it (shared/sync/operations.ts). */
export function registerOp(branchCode, deviceId, seq, n) {
  const id = randomUUID();
  const at = new Date().toISOString();
  const progress = { status: 'registered', acknowledgedAt: at, reopenCount: 0 };
  return {
    opId: randomUUID(),
    deviceId,
    deviceSeq: seq,
    schemaVersion: 1,
    type: 'complaint.register',
    createdAt: at,
    payload: {
      complaint: {
        id,
        number: `${branchCode}-2026-${n}`,
        branchCode,
        status: 'registered',
        channel: 'in_person',
        receivedAt: at,
        registeredAt: at,
        updatedAt: at,
        receivedBy: 'Bench',
        confidential: false,
        customer: { name: '', phone: '', email: '', address: '', preferredContact: '' },
        noContactReason: 'bench',
        description: 'Кассир не выдал чек',
        remedy: '',
        concerns: { product: '', service: '', employee: '' },
        category: 'other',
        severity: 'medium',
        healthAndSafety: false,
        consent: false,
        searchWords: ['bench'],
        progress,
      },
      events: [
        { id: randomUUID(), complaintId: id, type: 'created', at, actor: 'Bench', data: {} },
        {
          id: randomUUID(),
          complaintId: id,
          type: 'status_changed',
          at,
          actor: 'Bench',
          data: { from: 'received', to: 'registered', transition: 'register' },
        },
      ],
    },
  };
}

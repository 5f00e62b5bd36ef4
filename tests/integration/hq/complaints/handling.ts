import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import type { Complaint, ComplaintEvent } from '../../../../shared/complaints/model';
import type { ComplaintStatus } from '../../../../shared/complaints/model';
import {
  HQ_PATHS,
  pullResponseSchema,
  pushResponseSchema,
  type PushOperation,
} from '../../../../shared/sync/protocol';
import { transition, type TransitionRequest } from '../../../../shared/lifecycle';
import { call, op, type RunningHq, type TestDevice } from '../../harness';

/** Issue 15 at HQ: what the tests of hq/complaints/* push and pull, as a branch PC does. */

export async function push(hq: RunningHq, device: TestDevice, ops: PushOperation[]) {
  const res = await call(hq, device, HQ_PATHS.push, { method: 'POST', body: JSON.stringify({ ops }) });
  expect(res.status).toBe(200);
  return pushResponseSchema.parse(await res.json()).results;
}

/** Everything the device pulls from the start: the latest record of each complaint and all events. */
export async function pullAll(hq: RunningHq, device: TestDevice) {
  const complaints = new Map<string, Complaint>();
  const events: ComplaintEvent[] = [];
  for (let cursor = 0; ;) {
    const res = await call(hq, device, `${HQ_PATHS.pull}?cursor=${cursor}`);
    expect(res.status).toBe(200);
    const page = pullResponseSchema.parse(await res.json());
    for (const c of page.changes)
      if (c.kind === 'complaint') complaints.set(c.complaint.id, c.complaint as Complaint);
      else if (c.kind === 'event') events.push(c.event as ComplaintEvent);
    if (!page.more) return { complaints, events };
    cursor = page.cursor;
  }
}

let minute = 0;

/** A history event as the branch app writes it (a later minute each time), by `by` when given. */
export function event(
  complaintId: string,
  type: ComplaintEvent['type'],
  data: Record<string, unknown>,
  by?: { name: string; id: string },
): ComplaintEvent {
  minute += 1;
  const at = new Date(Date.parse('2026-03-02T10:00:00Z') + minute * 60_000).toISOString();
  const actor = by ? { actor: by.name, actorId: by.id } : { actor: 'Ольга' };
  return { id: uuidv7(), complaintId, type, at, ...actor, data };
}

/** An employee of the device's branch, as its first-run wizard or a branch manager creates one (issue 14). */
export function employee(device: TestDevice, name: string, role: 'counter' | 'branch_manager') {
  const person = { id: uuidv7(), name };
  const upsert = op(device, 'employee.upsert', {
    employee: {
      ...person,
      branchCode: device.branchCode,
      role,
      active: true,
      updatedAt: '2026-03-01T08:00:00Z',
    },
  });
  return { person, upsert };
}

export const eventOp = (device: TestDevice, e: ComplaintEvent) => op(device, 'complaint.event', { event: e });

/** A status change as the branch writes it: its data made by the shared lifecycle. */
export function transitionOp(
  device: TestDevice,
  complaintId: string,
  from: ComplaintStatus,
  to: ComplaintStatus,
  input: Pick<TransitionRequest, 'decision' | 'followUp' | 'reason'> = {},
) {
  const e = event(complaintId, 'status_changed', {});
  // As the branch sees it: nothing open, the customer accepted (HQ then checks its own state).
  const step = transition(
    { status: from, followUpOutcome: 'accepted' },
    { ...input, to, actor: e.actor, now: new Date(e.at) },
  );
  if (!step.ok) throw new Error(`not a move the branch would write: ${step.reasons.join(', ')}`);
  return op(device, 'complaint.transition', {
    complaintId,
    from,
    to,
    event: { ...e, data: step.event.data },
  });
}

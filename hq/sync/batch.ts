import type { Complaint } from '../../shared/complaints/model';
import { complaintRow } from '../../shared/console/complaint-row';
import { milestonesFromEvents } from '../../shared/lifecycle';
import type { OperationPayload, OperationType } from '../../shared/sync/operations';
import { APPLIED, rejected, type OpOutcome } from '../../shared/sync/rules';
import type { BranchTx } from '../branches/versions';
import { complaintRowColumns, type deadlineInputsOf } from '../db/complaint-rows';
import { runPrepared } from '../db/prepared';
import { enqueueDocumentMails } from '../mail/documents-queue';

/**
 * Issue 17: the set-based part of a push. Ops whose whole effect is a plain insert of new rows are applied
 * a run at a time, with one statement per table, instead of a round trip per op; every other op goes
 * through its domain one by one (dispatch.ts). The outcome of each op is the one it would have had alone:
 * anything the set-based statements cannot decide by themselves (a row that already exists, a value the
 * database refuses) is handed back to be applied op by op.
 */

/**
 * The one predicate: the op kinds applied as a set. A complaint's registration only inserts (the complaint,
 * its first events, its console columns). Nothing else qualifies: every complaint.event changes the stored
 * complaint (its history is replayed into status, progress, updatedAt and the console columns), and
 * transitions, corrections and merges are checked against the complaint's state.
 */
export function appliesAsSet(type: OperationType): type is 'complaint.register' {
  return type === 'complaint.register';
}

/** The branch's calendar and policy (read when the push locked the branch). */
export type BranchDeadlines = ReturnType<typeof deadlineInputsOf>;

export interface SetOp {
  opId: string;
  payload: OperationPayload<'complaint.register'>;
}

/**
 * What became of each op of the run (`undefined`: to be applied alone, in order, by the caller), or
 * `undefined` as a whole when the database refused the set-based statements (a value it cannot hold, an
 * event id used twice): the caller then applies the whole run op by op, each refused or applied alone.
 */
export async function registerAsSet(
  tx: BranchTx,
  ops: readonly SetOp[],
  { calendar, policy }: BranchDeadlines,
): Promise<(OpOutcome | undefined)[] | undefined> {
  const outcomes: (OpOutcome | undefined)[] = ops.map(({ payload: p }) =>
    p.events.some((e) => e.complaintId !== p.complaint.id)
      ? rejected('invalid_payload', 'events[].complaintId')
      : undefined,
  );
  const candidates = ops.flatMap((op, i) => (outcomes[i] ? [] : [{ ...op, index: i }]));
  // Two registrations of one id or number in a run: which one wins depends on the order they are applied
  // in, and the rows that already exist. Op by op, as they came.
  const ids = new Set(candidates.map((o) => o.payload.complaint.id));
  const numbers = new Set(candidates.map((o) => o.payload.complaint.number));
  if (ids.size !== candidates.length || numbers.size !== candidates.length) return undefined;
  if (candidates.length === 0) return outcomes;

  const versions = await tx.versions.takeMany(
    candidates.reduce((n, o) => n + 1 + o.payload.events.length, 0),
  );
  // The console's columns (issue 14) go in with the row, computed from the record as it is stored: the
  // payload was parsed from JSON and checked, so the record holds only what JSON holds, and a field left
  // undefined reads as one that is absent (batch.test.ts compares them with refreshComplaintRow's).
  let v = 0;
  const complaints = [];
  const events = [];
  for (const { opId, payload } of candidates) {
    const c = payload.complaint;
    // As registerComplaint: a new complaint's state is the replay of exactly these events.
    const progress = milestonesFromEvents(payload.events);
    const record: Complaint = { ...c, status: progress.status, progress };
    complaints.push({
      ...complaintRowColumns(complaintRow(record, calendar, policy)),
      id: c.id,
      number: c.number,
      status: progress.status,
      channel: c.channel,
      confidential: c.confidential,
      received_at: c.receivedAt,
      registered_at: c.registeredAt,
      updated_at: c.updatedAt,
      record,
      version: versions[v++],
    });
    for (const e of payload.events)
      events.push({
        id: e.id,
        complaint_id: c.id,
        type: e.type,
        at: e.at,
        actor: e.actor,
        actor_id: e.actorId ?? null,
        data: e.data,
        op_id: opId,
        version: versions[v++],
      });
  }
  // One statement: the complaints, then the history of those it added, in the order it came (hq_seq). One
  // that already existed (a retry under a new op id, a number another branch holds) is skipped here and
  // decided alone by the caller.
  const inserted = await runPrepared<{ id: string }>(
    tx.client,
    'push.register',
    `WITH added AS (
     INSERT INTO complaints (id, branch_id, number, status, channel, confidential, received_at, registered_at,
       updated_at, record, version, category, severity, health_safety, owner_id, owner_name, escalated,
       next_due_at, next_due_kind, due_soon_at, due_sort, search)
     SELECT x.id, $1, x.number, x.status, x.channel, x.confidential, x.received_at, x.registered_at, x.updated_at,
       x.record, x.version, x.category, x.severity, x.health_safety, x.owner_id, x.owner_name, x.escalated,
       x.next_due_at, x.next_due_kind, x.due_soon_at, coalesce(x.next_due_at, 'infinity'::timestamptz),
       array_to_tsvector(ARRAY(SELECT jsonb_array_elements_text(x.words)))
     FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (id uuid, number text, status text, channel text,
       confidential boolean, received_at timestamptz, registered_at timestamptz, updated_at timestamptz,
       record jsonb, version bigint, category text, severity text, health_safety boolean, owner_id uuid,
       owner_name text, escalated boolean, next_due_at timestamptz, next_due_kind text, due_soon_at timestamptz,
       words jsonb)) WITH ORDINALITY AS x(id, number, status, channel, confidential, received_at, registered_at,
       updated_at, record, version, category, severity, health_safety, owner_id, owner_name, escalated,
       next_due_at, next_due_kind, due_soon_at, words, n)
     ORDER BY x.n
     ON CONFLICT DO NOTHING RETURNING id),
   history AS (
     INSERT INTO complaint_events (id, complaint_id, branch_id, type, at, actor, actor_id, data, op_id, version)
     SELECT x.id, x.complaint_id, $1, x.type, x.at, x.actor, x.actor_id, x.data, x.op_id, x.version
     FROM ROWS FROM (jsonb_to_recordset($3::jsonb) AS (id uuid, complaint_id uuid, type text, at timestamptz,
       actor text, actor_id uuid, data jsonb, op_id uuid, version bigint))
       WITH ORDINALITY AS x(id, complaint_id, type, at, actor, actor_id, data, op_id, version, n)
     WHERE x.complaint_id IN (SELECT id FROM added)
     ORDER BY x.n)
   SELECT id FROM added`,
    [tx.branchId, JSON.stringify(complaints), JSON.stringify(events)],
  );
  const added = new Set(inserted.rows.map((r) => r.id));
  for (const o of candidates) if (added.has(o.payload.complaint.id)) outcomes[o.index] = APPLIED;
  // Issue 16 item 5: the customer's e-mail copies, in this transaction, as a registration applied alone
  // queues them (hq/sync/dispatch.ts).
  await enqueueDocumentMails(
    tx.client,
    tx.branchId,
    complaints.filter((c) => added.has(c.id)).map((c) => c.record),
    new Date(),
  );
  return outcomes;
}

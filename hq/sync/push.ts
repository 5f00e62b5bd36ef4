import type { Pool, PoolClient } from 'pg';
import type { ComplaintEvent, ComplaintStatus } from '../../shared/complaints/model';
import { milestonesFromEvents, type FollowUpOutcome } from '../../shared/lifecycle';
import type { OperationPayload, OperationType } from '../../shared/sync/operations';
import { unstorableAt, type OpResult, type PushOperation } from '../../shared/sync/protocol';
import {
  belongsToBranch,
  checkEnvelope,
  checkSequence,
  checkStatusChange,
  type OpRejection,
} from '../../shared/sync/rules';
import type { DevicePrincipal } from '../auth';
import { BranchVersions } from '../branches';
import { inTransaction } from '../db/database';
import type { FaultPoints } from '../faults';
import { enqueueBookMail } from '../mail/outbox';

type Outcome = { outcome: 'applied' } | { outcome: 'rejected'; reason: string; detail?: string };
const reject = (reason: OpRejection | string, detail?: string): Outcome => ({
  outcome: 'rejected',
  reason,
  detail,
});
const APPLIED: Outcome = { outcome: 'applied' };

/** What applying one op needs: the connection in its transaction, the device, and the branch's versions. */
interface Tx {
  client: PoolClient;
  device: DevicePrincipal;
  versions: BranchVersions;
}

/**
 * Postgres errors that a client's data caused (a reused id, a bad value, a value too large for an index
 * or for text): its mistake, not a server fault.
 */
const CLIENT_DATA_ERRORS = new Set([
  '23505',
  '23503',
  '22P02',
  '22007',
  '22008',
  '22003',
  '22001',
  '22P05',
  '22021',
  '54000',
]);

/** An op whose data broke a constraint: the batch is run again with this op rejected. */
class OpConflict extends Error {
  constructor(
    readonly opId: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Applies a batch in one transaction, each op exactly once (`ops.op_id` is the primary key; a retry of an
 * op HQ already has gets the outcome recorded the first time). A rejected op is recorded and acknowledged
 * with its reason, so it never blocks the branch's queue.
 */
export async function applyPush(
  pool: Pool,
  device: DevicePrincipal,
  ops: PushOperation[],
  faults?: FaultPoints,
): Promise<OpResult[]> {
  // Ops are applied without a savepoint each (every rule is checked before anything is written); the rare op
  // whose data still breaks a constraint aborts the attempt, and the batch runs again with that op rejected.
  const conflicts = new Map<string, string>();
  for (;;) {
    try {
      return await applyBatch(pool, device, ops, conflicts, faults);
    } catch (error) {
      if (!(error instanceof OpConflict) || conflicts.has(error.opId)) throw error;
      conflicts.set(error.opId, error.message);
    }
  }
}

async function applyBatch(
  pool: Pool,
  device: DevicePrincipal,
  ops: PushOperation[],
  conflicts: Map<string, string>,
  faults?: FaultPoints,
): Promise<OpResult[]> {
  const ordered = [...ops].sort((a, b) => a.deviceSeq - b.deviceSeq);
  const results = await inTransaction(pool, async (client) => {
    // One push per device at a time (a client retrying after a timeout while the first try still runs).
    const dev = await client.query<{ last_seq: number }>(
      'SELECT last_seq FROM devices WHERE id = $1 FOR UPDATE',
      [device.deviceId],
    );
    let lastSeq = dev.rows[0]?.last_seq ?? 0;
    const tx: Tx = { client, device, versions: new BranchVersions(client, device.branchId) };
    const known = await client.query<{
      op_id: string;
      outcome: 'applied' | 'rejected';
      reason: string | null;
      device_id: string;
    }>('SELECT op_id, outcome, reason, device_id FROM ops WHERE op_id = ANY($1::uuid[])', [
      ordered.map((o) => o.opId),
    ]);
    const before = new Map(known.rows.map((r) => [r.op_id, r]));
    const results = new Map<string, OpResult>();
    const recorded: unknown[] = [];
    const incidents: unknown[] = [];
    for (const op of ordered) {
      if (results.has(op.opId)) continue; // the same op twice in one batch
      const r = before.get(op.opId);
      if (r) {
        // Another device's op id: nothing of it is told, and nothing is stored.
        if (r.device_id !== device.deviceId)
          results.set(op.opId, { opId: op.opId, outcome: 'rejected', reason: 'conflict', duplicate: false });
        else
          results.set(op.opId, {
            opId: op.opId,
            outcome: r.outcome,
            ...(r.reason ? { reason: r.reason } : {}),
            duplicate: true,
          });
        continue;
      }
      if (op.deviceId === device.deviceId) {
        const seq = checkSequence(lastSeq, op.deviceSeq);
        if (seq.gap) incidents.push({ kind: 'device_seq_gap', detail: { ...seq.gap, opId: op.opId } });
        else if (seq.late)
          incidents.push({
            kind: 'device_seq_late',
            detail: { deviceSeq: op.deviceSeq, lastSeq, opId: op.opId },
          });
        lastSeq = seq.lastSeq;
      }
      let outcome: Outcome;
      const checked = checkEnvelope(op, device.deviceId);
      if (!checked.ok) outcome = reject(checked.reason, checked.detail);
      else if (!belongsToBranch(checked.type, checked.payload, device.branchCode))
        outcome = reject('wrong_branch');
      else {
        await client.query('SAVEPOINT op');
        try {
          outcome = await applyOperation(tx, op.opId, checked.type, checked.payload);
          await client.query(
            outcome.outcome === 'applied' ? 'RELEASE SAVEPOINT op' : 'ROLLBACK TO SAVEPOINT op',
          );
        } catch (error) {
          await client.query('ROLLBACK TO SAVEPOINT op');
          const code = (error as { code?: string }).code;
          if (code && CLIENT_DATA_ERRORS.has(code)) outcome = reject('conflict', (error as Error).message);
          else throw error;
        }
      }
      recorded.push({
        op_id: op.opId,
        device_id: device.deviceId,
        branch_id: device.branchId,
        device_seq: op.deviceSeq,
        schema_version: op.schemaVersion,
        type: op.type.slice(0, 64),
        // A payload that is missing or that the database cannot store is recorded as {} (the reason says why).
        payload:
          op.payload === undefined || op.payload === null || unstorableAt(op.payload) ? {} : op.payload,
        client_created_at: op.createdAt ?? null,
        outcome: outcome.outcome,
        reason: outcome.outcome === 'rejected' ? outcome.reason : null,
        detail: outcome.outcome === 'rejected' ? (outcome.detail ?? null) : null,
      });
      results.set(op.opId, {
        opId: op.opId,
        outcome: outcome.outcome,
        ...(outcome.outcome === 'rejected' ? { reason: outcome.reason } : {}),
        duplicate: false,
      });
    }
    if (recorded.length > 0)
      await client.query(
        `INSERT INTO ops (op_id, device_id, branch_id, device_seq, schema_version, type, payload, client_created_at,
           outcome, reason, detail)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(op_id uuid, device_id uuid, branch_id bigint,
           device_seq bigint, schema_version int, type text, payload jsonb, client_created_at text, outcome text,
           reason text, detail text)`,
        [JSON.stringify(recorded)],
      );
    if (incidents.length > 0)
      await client.query(
        `INSERT INTO incidents (branch_id, device_id, kind, detail)
         SELECT $1, $2, kind, detail FROM jsonb_to_recordset($3::jsonb) AS x(kind text, detail jsonb)`,
        [device.branchId, device.deviceId, JSON.stringify(incidents)],
      );
    await client.query(
      'UPDATE devices SET last_seq = GREATEST(last_seq, $2), last_seen_at = now() WHERE id = $1',
      [device.deviceId, lastSeq],
    );
    await faults?.reach('push.beforeCommit');
    return results;
  });
  await faults?.reach('push.afterCommit');
  return ops.map((op) => results.get(op.opId)!);
}

async function applyOperation(
  tx: Tx,
  opId: string,
  type: OperationType,
  payload: OperationPayload<OperationType>,
): Promise<Outcome> {
  const { client, device, versions } = tx;
  switch (type) {
    case 'complaint.register':
      return registerComplaint(tx, opId, payload as OperationPayload<'complaint.register'>);
    case 'complaint.event': {
      const { event } = payload as OperationPayload<'complaint.event'>;
      const complaint = await lockComplaint(tx, event.complaintId);
      if (!complaint) return reject('unknown_complaint');
      await appendEvents(client, versions, opId, event.complaintId, [event]);
      return APPLIED;
    }
    case 'complaint.transition': {
      const p = payload as OperationPayload<'complaint.transition'>;
      if (p.event.complaintId !== p.complaintId) return reject('invalid_payload', 'event.complaintId');
      const complaint = await lockComplaint(tx, p.complaintId);
      if (!complaint) return reject('unknown_complaint');
      const checked = checkStatusChange(complaint, p);
      if (!checked.ok) return reject(checked.reason);
      await appendEvents(client, versions, opId, p.complaintId, [p.event]);
      return APPLIED;
    }
    case 'book.page.add':
      return addBookPage(tx, payload as OperationPayload<'book.page.add'>);
    case 'book.page.remove': {
      const p = payload as OperationPayload<'book.page.remove'>;
      const entry = await lockEntry(tx, p.entryId);
      if (!entry || entry === 'other_branch') return reject('unknown_entry');
      if (entry.state === 'submitted') return reject('entry_submitted');
      const removed = await client.query(
        `UPDATE book_pages SET removed_at = $3, removed_by = $4
         WHERE id = $1 AND entry_id = $2 AND removed_at IS NULL`,
        [p.pageId, p.entryId, p.at, p.by],
      );
      if (removed.rowCount === 0) return reject('unknown_entry', 'page');
      await touchEntry(tx, p.entryId);
      return APPLIED;
    }
    case 'book.entry.submit': {
      const { entry } = payload as OperationPayload<'book.entry.submit'>;
      const existing = await lockEntry(tx, entry.id);
      if (existing === 'other_branch') return reject('wrong_branch');
      if (existing?.state === 'submitted') return reject('entry_submitted');
      await client.query(
        `INSERT INTO book_entries (id, branch_id, state, captured_at, captured_by, deadline, complaint_id,
           complaint_number, submitted_at, page_hashes, version)
         VALUES ($1, $2, 'submitted', $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO UPDATE SET state = 'submitted', complaint_id = EXCLUDED.complaint_id,
           complaint_number = EXCLUDED.complaint_number, submitted_at = EXCLUDED.submitted_at,
           page_hashes = EXCLUDED.page_hashes, version = EXCLUDED.version, updated_at = now()`,
        [
          entry.id,
          device.branchId,
          entry.capturedAt,
          entry.capturedBy,
          entry.deadline,
          entry.complaintId,
          entry.complaintNumber,
          entry.submittedAt,
          JSON.stringify(entry.pageHashes),
          await versions.take(),
        ],
      );
      // R7: the mail job is written in this very transaction, so a received entry is never left unmailed.
      await enqueueBookMail(client, {
        entryId: entry.id,
        branchId: device.branchId,
        capturedAt: entry.capturedAt,
        deadline: entry.deadline,
      });
      return APPLIED;
    }
    case 'book.entry.fallback': {
      const p = payload as OperationPayload<'book.entry.fallback'>;
      const entry = await lockEntry(tx, p.entryId);
      if (!entry || entry === 'other_branch') return reject('unknown_entry');
      await client.query(
        'INSERT INTO book_fallbacks (op_id, entry_id, branch_id, at, by_employee, pages) VALUES ($1, $2, $3, $4, $5, $6)',
        [opId, p.entryId, device.branchId, p.at, p.by, JSON.stringify(p.pages)],
      );
      await touchEntry(tx, p.entryId);
      return APPLIED;
    }
  }
}

async function registerComplaint(
  tx: Tx,
  opId: string,
  p: OperationPayload<'complaint.register'>,
): Promise<Outcome> {
  const { client, device, versions } = tx;
  const c = p.complaint;
  if (p.events.some((e) => e.complaintId !== c.id)) return reject('invalid_payload', 'events[].complaintId');
  // A new complaint's history is exactly these events: its state follows from them, in this order.
  const progress = milestonesFromEvents(p.events);
  const record = { ...c, status: progress.status, progress };
  const inserted = await client.query(
    `INSERT INTO complaints (id, branch_id, number, status, channel, confidential, received_at, registered_at,
       updated_at, record, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
    [
      c.id,
      device.branchId,
      c.number,
      progress.status,
      c.channel,
      c.confidential,
      c.receivedAt,
      c.registeredAt,
      c.updatedAt,
      JSON.stringify(record),
      await versions.take(),
    ],
  );
  if (inserted.rowCount === 0) {
    const { rows } = await client.query<{ id: string }>('SELECT id FROM complaints WHERE id = $1', [c.id]);
    return reject(rows[0] ? 'already_registered' : 'number_taken');
  }
  await insertEvents(client, versions, opId, c.id, p.events);
  return APPLIED;
}

interface LockedComplaint {
  status: ComplaintStatus;
  followUpOutcome?: FollowUpOutcome;
}

/** The complaint, if it is this branch's; locked until the transaction ends. */
async function lockComplaint(tx: Tx, id: string): Promise<LockedComplaint | undefined> {
  const { rows } = await tx.client.query<{ status: ComplaintStatus; follow_up: FollowUpOutcome | null }>(
    `SELECT status, record->'progress'->>'followUpOutcome' AS follow_up FROM complaints
     WHERE id = $1 AND branch_id = $2 FOR UPDATE`,
    [id, tx.device.branchId],
  );
  const row = rows[0];
  return row
    ? { status: row.status, ...(row.follow_up ? { followUpOutcome: row.follow_up } : {}) }
    : undefined;
}

async function insertEvents(
  client: PoolClient,
  versions: BranchVersions,
  opId: string | null,
  complaintId: string,
  events: ComplaintEvent[],
): Promise<void> {
  const rows = [];
  for (const e of events)
    rows.push({
      id: e.id,
      type: e.type,
      at: e.at,
      actor: e.actor,
      data: e.data,
      version: await versions.take(),
    });
  await client.query(
    `INSERT INTO complaint_events (id, complaint_id, branch_id, type, at, actor, data, op_id, version)
     SELECT (e->>'id')::uuid, $1, $2, e->>'type', (e->>'at')::timestamptz, e->>'actor', e->'data', $3,
       (e->>'version')::bigint
     FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS t(e, n)
     ORDER BY n`,
    [complaintId, versions.branchId, opId, JSON.stringify(rows)],
  );
}

/** Appends history and replays it, in HQ's order, into the complaint's status and progress. */
export async function appendEvents(
  client: PoolClient,
  versions: BranchVersions,
  opId: string | null,
  complaintId: string,
  events: ComplaintEvent[],
): Promise<void> {
  await insertEvents(client, versions, opId, complaintId, events);
  const history = await client.query<{
    type: ComplaintEvent['type'];
    at: string;
    data: Record<string, unknown>;
  }>('SELECT type, at, data FROM complaint_events WHERE complaint_id = $1 ORDER BY hq_seq', [complaintId]);
  const progress = milestonesFromEvents(history.rows);
  const updatedAt = events.reduce((max, e) => (e.at > max ? e.at : max), '');
  await client.query(
    `UPDATE complaints SET status = $2, version = $4,
       updated_at = GREATEST(updated_at, $3::timestamptz),
       record = record || jsonb_build_object('status', $2::text, 'progress', $5::jsonb,
         'updatedAt', to_char(GREATEST(updated_at, $3::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
     WHERE id = $1`,
    [complaintId, progress.status, updatedAt, await versions.take(), JSON.stringify(progress)],
  );
}

type EntryLock = { state: 'capturing' | 'submitted' } | 'other_branch' | undefined;

async function lockEntry(tx: Tx, id: string): Promise<EntryLock> {
  const { rows } = await tx.client.query<{ state: 'capturing' | 'submitted'; branch_id: number }>(
    'SELECT state, branch_id FROM book_entries WHERE id = $1 FOR UPDATE',
    [id],
  );
  const row = rows[0];
  if (!row) return undefined;
  return row.branch_id === tx.device.branchId ? { state: row.state } : 'other_branch';
}

async function touchEntry(tx: Tx, id: string): Promise<void> {
  await tx.client.query('UPDATE book_entries SET version = $2, updated_at = now() WHERE id = $1', [
    id,
    await tx.versions.take(),
  ]);
}

async function addBookPage(tx: Tx, p: OperationPayload<'book.page.add'>): Promise<Outcome> {
  const { client, device, versions } = tx;
  const { entry, page } = p;
  if (page.entryId !== entry.id) return reject('invalid_payload', 'page.entryId');
  const existing = await lockEntry(tx, entry.id);
  if (existing === 'other_branch') return reject('wrong_branch');
  if (existing?.state === 'submitted') return reject('entry_submitted');
  await client.query(
    `INSERT INTO book_entries (id, branch_id, captured_at, captured_by, deadline, version)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, updated_at = now()`,
    [entry.id, device.branchId, entry.capturedAt, entry.capturedBy, entry.deadline, await versions.take()],
  );
  await client.query(
    `INSERT INTO book_pages (id, entry_id, branch_id, page_no, sha256, source_sha256, mime, size, width, height,
       source, original_name, captured_at, captured_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      page.id,
      entry.id,
      device.branchId,
      page.pageNo,
      page.sha256,
      page.sourceSha256,
      page.mime,
      page.size,
      page.width,
      page.height,
      page.source,
      page.originalName ?? null,
      page.capturedAt,
      page.capturedBy,
    ],
  );
  return APPLIED;
}

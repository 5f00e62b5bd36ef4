import type { Pool, PoolClient } from 'pg';
import type { ComplaintEvent, ComplaintStatus } from '../../shared/complaints/model';
import { milestonesFromEvents, type FollowUpOutcome } from '../../shared/lifecycle';
import type { OperationPayload, OperationType } from '../../shared/sync/operations';
import type { OpResult, PushOperation } from '../../shared/sync/protocol';
import {
  belongsToBranch,
  checkEnvelope,
  checkSequence,
  checkStatusChange,
  type OpRejection,
} from '../../shared/sync/rules';
import type { DevicePrincipal } from '../auth';
import { nextVersion } from '../branches';
import { inTransaction } from '../db/database';
import type { FaultPoints } from '../faults';

type Outcome = { outcome: 'applied' } | { outcome: 'rejected'; reason: string; detail?: string };
const reject = (reason: OpRejection | string, detail?: string): Outcome => ({
  outcome: 'rejected',
  reason,
  detail,
});
const APPLIED: Outcome = { outcome: 'applied' };

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
  const ordered = [...ops].sort((a, b) => a.deviceSeq - b.deviceSeq);
  const results = await inTransaction(pool, async (client) => {
    // One push per device at a time (a client retrying after a timeout while the first try still runs).
    const dev = await client.query<{ last_seq: number }>(
      'SELECT last_seq FROM devices WHERE id = $1 FOR UPDATE',
      [device.deviceId],
    );
    let lastSeq = dev.rows[0]?.last_seq ?? 0;
    const results = new Map<string, OpResult>();
    for (const op of ordered) {
      if (results.has(op.opId)) continue; // the same op twice in one batch
      const known = await client.query<{
        outcome: 'applied' | 'rejected';
        reason: string | null;
        device_id: string;
      }>('SELECT outcome, reason, device_id FROM ops WHERE op_id = $1', [op.opId]);
      if (known.rows[0]) {
        const r = known.rows[0];
        // Another device's op id: nothing of it is told, and nothing is stored.
        if (r.device_id !== device.deviceId) {
          results.set(op.opId, { opId: op.opId, outcome: 'rejected', reason: 'conflict', duplicate: false });
          continue;
        }
        results.set(op.opId, {
          opId: op.opId,
          outcome: r.outcome,
          ...(r.reason ? { reason: r.reason } : {}),
          duplicate: true,
        });
        continue;
      }
      let outcome: Outcome;
      if (op.deviceId === device.deviceId) {
        const seq = checkSequence(lastSeq, op.deviceSeq);
        if (seq.gap) await incident(client, device, 'device_seq_gap', { ...seq.gap, opId: op.opId });
        else if (seq.late)
          await incident(client, device, 'device_seq_late', {
            deviceSeq: op.deviceSeq,
            lastSeq,
            opId: op.opId,
          });
        lastSeq = seq.lastSeq;
      }
      const checked = checkEnvelope(op, device.deviceId);
      if (!checked.ok) outcome = reject(checked.reason, checked.detail);
      else if (!belongsToBranch(checked.type, checked.payload, device.branchCode))
        outcome = reject('wrong_branch');
      else {
        await client.query('SAVEPOINT op');
        try {
          outcome = await applyOperation(client, device, op.opId, checked.type, checked.payload);
          await client.query(
            outcome.outcome === 'applied' ? 'RELEASE SAVEPOINT op' : 'ROLLBACK TO SAVEPOINT op',
          );
        } catch (error) {
          await client.query('ROLLBACK TO SAVEPOINT op');
          // A constraint the client's data broke (a reused id, a duplicate number): its mistake, not ours.
          const code = (error as { code?: string }).code;
          if (
            code === '23505' ||
            code === '23503' ||
            code === '22P02' ||
            code === '22007' ||
            code === '22008'
          )
            outcome = reject('conflict', (error as Error).message);
          else throw error;
        }
      }
      await client.query(
        `INSERT INTO ops (op_id, device_id, branch_id, device_seq, schema_version, type, payload, client_created_at,
           outcome, reason, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          op.opId,
          device.deviceId,
          device.branchId,
          op.deviceSeq,
          op.schemaVersion,
          op.type.slice(0, 64),
          JSON.stringify(op.payload ?? null),
          op.createdAt ?? null,
          outcome.outcome,
          outcome.outcome === 'rejected' ? outcome.reason : null,
          outcome.outcome === 'rejected' ? (outcome.detail ?? null) : null,
        ],
      );
      results.set(op.opId, {
        opId: op.opId,
        outcome: outcome.outcome,
        ...(outcome.outcome === 'rejected' ? { reason: outcome.reason } : {}),
        duplicate: false,
      });
    }
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

async function incident(
  client: PoolClient,
  device: DevicePrincipal,
  kind: string,
  detail: object,
): Promise<void> {
  await client.query('INSERT INTO incidents (branch_id, device_id, kind, detail) VALUES ($1, $2, $3, $4)', [
    device.branchId,
    device.deviceId,
    kind,
    JSON.stringify(detail),
  ]);
}

async function applyOperation(
  client: PoolClient,
  device: DevicePrincipal,
  opId: string,
  type: OperationType,
  payload: OperationPayload<OperationType>,
): Promise<Outcome> {
  switch (type) {
    case 'complaint.register':
      return registerComplaint(client, device, opId, payload as OperationPayload<'complaint.register'>);
    case 'complaint.event': {
      const { event } = payload as OperationPayload<'complaint.event'>;
      const complaint = await lockComplaint(client, device, event.complaintId);
      if (!complaint) return reject('unknown_complaint');
      await appendEvents(client, device, opId, event.complaintId, [event]);
      return APPLIED;
    }
    case 'complaint.transition': {
      const p = payload as OperationPayload<'complaint.transition'>;
      if (p.event.complaintId !== p.complaintId) return reject('invalid_payload', 'event.complaintId');
      const complaint = await lockComplaint(client, device, p.complaintId);
      if (!complaint) return reject('unknown_complaint');
      const checked = checkStatusChange(complaint, p);
      if (!checked.ok) return reject(checked.reason);
      await appendEvents(client, device, opId, p.complaintId, [p.event]);
      return APPLIED;
    }
    case 'book.page.add':
      return addBookPage(client, device, payload as OperationPayload<'book.page.add'>);
    case 'book.page.remove': {
      const p = payload as OperationPayload<'book.page.remove'>;
      const entry = await lockEntry(client, device, p.entryId);
      if (!entry || entry === 'other_branch') return reject('unknown_entry');
      if (entry.state === 'submitted') return reject('entry_submitted');
      const removed = await client.query(
        `UPDATE book_pages SET removed_at = $3, removed_by = $4
         WHERE id = $1 AND entry_id = $2 AND removed_at IS NULL`,
        [p.pageId, p.entryId, p.at, p.by],
      );
      if (removed.rowCount === 0) return reject('unknown_entry', 'page');
      await touchEntry(client, device, p.entryId);
      return APPLIED;
    }
    case 'book.entry.submit': {
      const { entry } = payload as OperationPayload<'book.entry.submit'>;
      const existing = await lockEntry(client, device, entry.id);
      if (existing === 'other_branch') return reject('wrong_branch');
      if (existing?.state === 'submitted') return reject('entry_submitted');
      const version = await nextVersion(client, device.branchId);
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
          version,
        ],
      );
      return APPLIED;
    }
    case 'book.entry.fallback': {
      const p = payload as OperationPayload<'book.entry.fallback'>;
      const entry = await lockEntry(client, device, p.entryId);
      if (!entry || entry === 'other_branch') return reject('unknown_entry');
      await client.query(
        'INSERT INTO book_fallbacks (op_id, entry_id, branch_id, at, by_employee, pages) VALUES ($1, $2, $3, $4, $5, $6)',
        [opId, p.entryId, device.branchId, p.at, p.by, JSON.stringify(p.pages)],
      );
      await touchEntry(client, device, p.entryId);
      return APPLIED;
    }
  }
}

async function registerComplaint(
  client: PoolClient,
  device: DevicePrincipal,
  opId: string,
  p: OperationPayload<'complaint.register'>,
): Promise<Outcome> {
  const c = p.complaint;
  if (p.events.some((e) => e.complaintId !== c.id)) return reject('invalid_payload', 'events[].complaintId');
  const existing = await client.query<{ id: string }>(
    'SELECT id FROM complaints WHERE id = $1 OR number = $2',
    [c.id, c.number],
  );
  if (existing.rows[0]) return reject(existing.rows[0].id === c.id ? 'already_registered' : 'number_taken');
  const version = await nextVersion(client, device.branchId);
  await client.query(
    `INSERT INTO complaints (id, branch_id, number, status, channel, confidential, received_at, registered_at,
       updated_at, record, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      c.id,
      device.branchId,
      c.number,
      c.status,
      c.channel,
      c.confidential,
      c.receivedAt,
      c.registeredAt,
      c.updatedAt,
      JSON.stringify(c),
      version,
    ],
  );
  await appendEvents(client, device, opId, c.id, p.events);
  return APPLIED;
}

interface LockedComplaint {
  status: ComplaintStatus;
  followUpOutcome?: FollowUpOutcome;
}

/** The complaint, if it is this branch's; locked until the transaction ends. */
async function lockComplaint(
  client: PoolClient,
  device: DevicePrincipal,
  id: string,
): Promise<LockedComplaint | undefined> {
  const { rows } = await client.query<{ status: ComplaintStatus; follow_up: FollowUpOutcome | null }>(
    `SELECT status, record->'progress'->>'followUpOutcome' AS follow_up FROM complaints
     WHERE id = $1 AND branch_id = $2 FOR UPDATE`,
    [id, device.branchId],
  );
  const row = rows[0];
  return row
    ? { status: row.status, ...(row.follow_up ? { followUpOutcome: row.follow_up } : {}) }
    : undefined;
}

/** Appends history and replays it, in HQ's order, into the complaint's status and progress. */
export async function appendEvents(
  client: PoolClient,
  device: Pick<DevicePrincipal, 'branchId'>,
  opId: string | null,
  complaintId: string,
  events: ComplaintEvent[],
): Promise<void> {
  for (const e of events) {
    const version = await nextVersion(client, device.branchId);
    await client.query(
      `INSERT INTO complaint_events (id, complaint_id, branch_id, type, at, actor, data, op_id, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [e.id, complaintId, device.branchId, e.type, e.at, e.actor, JSON.stringify(e.data), opId, version],
    );
  }
  const history = await client.query<{
    type: ComplaintEvent['type'];
    at: string;
    data: Record<string, unknown>;
  }>('SELECT type, at, data FROM complaint_events WHERE complaint_id = $1 ORDER BY hq_seq', [complaintId]);
  const progress = milestonesFromEvents(history.rows);
  const updatedAt = events.reduce((max, e) => (e.at > max ? e.at : max), '');
  const version = await nextVersion(client, device.branchId);
  await client.query(
    `UPDATE complaints SET status = $2, version = $4,
       updated_at = GREATEST(updated_at, $3::timestamptz),
       record = record || jsonb_build_object('status', $2::text, 'progress', $5::jsonb,
         'updatedAt', to_char(GREATEST(updated_at, $3::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
     WHERE id = $1`,
    [complaintId, progress.status, updatedAt, version, JSON.stringify(progress)],
  );
}

type EntryLock = { state: 'capturing' | 'submitted' } | 'other_branch' | undefined;

async function lockEntry(client: PoolClient, device: DevicePrincipal, id: string): Promise<EntryLock> {
  const { rows } = await client.query<{ state: 'capturing' | 'submitted'; branch_id: number }>(
    'SELECT state, branch_id FROM book_entries WHERE id = $1 FOR UPDATE',
    [id],
  );
  const row = rows[0];
  if (!row) return undefined;
  return row.branch_id === device.branchId ? { state: row.state } : 'other_branch';
}

async function touchEntry(client: PoolClient, device: DevicePrincipal, id: string): Promise<void> {
  const version = await nextVersion(client, device.branchId);
  await client.query('UPDATE book_entries SET version = $2, updated_at = now() WHERE id = $1', [id, version]);
}

async function addBookPage(
  client: PoolClient,
  device: DevicePrincipal,
  p: OperationPayload<'book.page.add'>,
): Promise<Outcome> {
  const { entry, page } = p;
  if (page.entryId !== entry.id) return reject('invalid_payload', 'page.entryId');
  const existing = await lockEntry(client, device, entry.id);
  if (existing === 'other_branch') return reject('wrong_branch');
  if (existing?.state === 'submitted') return reject('entry_submitted');
  const version = await nextVersion(client, device.branchId);
  await client.query(
    `INSERT INTO book_entries (id, branch_id, captured_at, captured_by, deadline, version)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, updated_at = now()`,
    [entry.id, device.branchId, entry.capturedAt, entry.capturedBy, entry.deadline, version],
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

import type { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { ComplaintEvent } from '../../shared/complaints/model';
import type { ConflictReason, ConsolePrinted } from '../../shared/console/protocol';
import { HANDLING_EVENT_DATA } from '../../shared/handling/event-data';
import { recordAudit } from '../audit/log';
import { branchTx, lockBranch } from '../branches/versions';
import { appendEvents } from '../complaints/history';
import { inTransaction } from '../db/database';
import { HqError } from '../errors';
import type { ConsolePrincipal } from '../people/sessions';
import { notFound } from './detail';
import { scopeCondition } from './scope';

/**
 * Issue 16 (R9, R24): a console user printed one of a complaint's documents. Printing is reading, so every
 * user who may read the complaint may print it (the auditor too: the record is for an inspector), and each
 * print is a `document_printed` event in the complaint's history — who, which document, when — that the
 * branch receives with its next pull, and a line in the append-only audit. Scoped in SQL: a complaint of
 * another branch is "not found".
 */
export async function recordConsolePrint(
  pool: Pool,
  principal: ConsolePrincipal,
  complaintId: string,
  printed: ConsolePrinted,
  ip?: string,
  now = new Date(),
): Promise<ComplaintEvent> {
  const { user } = principal;
  const data = HANDLING_EVENT_DATA.document_printed.parse(printed);
  return inTransaction(pool, async (client) => {
    const params: unknown[] = [complaintId];
    const scope = scopeCondition(principal, params);
    const { rows } = await client.query<{ branch_id: number; number: string; decided: boolean }>(
      `SELECT c.branch_id, c.number, (c.record->'progress'->'decision') IS NOT NULL AS decided
         FROM complaints c WHERE c.id = $1 AND ${scope}`,
      params,
    );
    const c = rows[0];
    if (!c) throw notFound();
    // A decision letter exists only while a decision is in force (the console offers it only then).
    if (data.document === 'decision_letter' && !c.decided)
      throw new HqError(
        409,
        'conflict',
        'This complaint has no decision in force: no decision letter to print.',
        {
          reason: 'complaint_changed' satisfies ConflictReason,
        },
      );
    // The branch's lock first, as every writer of its data (a push locks the branch, then its complaints):
    // taking the complaint's row first deadlocked against a push in the fuzz run. A complaint never moves
    // to another branch, so the branch read above stays right.
    await lockBranch(client, c.branch_id);
    const event: ComplaintEvent = {
      id: uuidv7(),
      complaintId,
      type: 'document_printed',
      at: now.toISOString(),
      actor: user.name,
      actorId: user.id,
      data,
    };
    await appendEvents(branchTx(client, c.branch_id, 1), null, complaintId, [event]);
    await recordAudit(
      client,
      { actor: { kind: 'hq_user', id: user.id, name: user.name }, ...(ip ? { ip } : {}) },
      'complaint.printed',
      `complaint:${c.number}`,
      { after: { ...data, eventId: event.id } },
    );
    return event;
  });
}

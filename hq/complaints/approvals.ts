import { randomUUID } from 'node:crypto';
import type { ComplaintEvent } from '../../shared/complaints/model';
import type { Money } from '../../shared/documents/money';
import { hqApprovalNeeded } from '../../shared/handling/compensation';
import { HANDLING_EVENT_DATA } from '../../shared/handling/event-data';
import { effectiveHandlingPolicy } from '../../shared/handling/policy';
import { parsePolicyLayer } from '../../shared/settings/policy-layers';
import { recordAudit, SYSTEM } from '../audit/log';
import type { BranchTx } from '../branches/versions';
import { COMPANY_POLICY_COLUMN } from '../db/complaint-rows';

/** Who HQ's own history lines name (as the escalation and document mail do). */
const HQ_ACTOR = 'HQ';

/**
 * R16 at HQ (issue 15): a branch PC may ask for approval of smaller compensations than HQ's policy, never
 * waive it for larger ones (shared/handling/policy). A pushed decision the PC took without approval is
 * applied as the branch decided it; where HQ's thresholds for the branch (company layer, then the branch's)
 * ask for approval, HQ appends `compensation_approval_required` right after it, so the decision waits for
 * the branch manager or the head of sales like any other, at the branch after its next pull and in the
 * console's approval queue. Audited as HQ's own action. Undefined: HQ agrees with the PC.
 */
export async function hqApprovalEvent(
  tx: BranchTx,
  decided: ComplaintEvent,
  now = new Date(),
): Promise<ComplaintEvent | undefined> {
  if (decided.type !== 'compensation_decided') return undefined;
  const d = decided.data as { compensationId: string; amount: Money; approvalRequired: boolean };
  if (d.approvalRequired) return undefined; // waits for approval already: no policy to read
  const { rows } = await tx.client.query<{ number: string; policy: unknown; company_policy: unknown }>(
    `SELECT c.number, b.policy, ${COMPANY_POLICY_COLUMN}
       FROM complaints c JOIN branches b ON b.id = c.branch_id WHERE c.id = $1 AND c.branch_id = $2`,
    [decided.complaintId, tx.branchId],
  );
  const thresholds = effectiveHandlingPolicy({
    company: parsePolicyLayer(rows[0]?.company_policy).handling,
    branch: parsePolicyLayer(rows[0]?.policy).handling,
  }).approvalThresholds;
  const needed = hqApprovalNeeded(d, thresholds);
  if (!needed) return undefined;
  const data = HANDLING_EVENT_DATA.compensation_approval_required.parse({
    compensationId: d.compensationId,
    ...needed,
  });
  const event: ComplaintEvent = {
    id: randomUUID(),
    complaintId: decided.complaintId,
    type: 'compensation_approval_required',
    // After the decision on every clock: the branch orders history by `at` (HQ by its own sequence), and a PC
    // whose clock runs ahead of HQ's would otherwise replay the demand before the decision it is about.
    at: new Date(Math.max(now.getTime(), Date.parse(decided.at) + 1)).toISOString(),
    actor: HQ_ACTOR,
    data,
  };
  await recordAudit(tx.client, SYSTEM, 'compensation.approval_required', `complaint:${rows[0]!.number}`, {
    before: { amount: d.amount, approvalRequired: false },
    after: { eventId: event.id, ...data },
  });
  return event;
}

import { v7 as uuidv7 } from 'uuid';
import type { Complaint, ComplaintEvent } from '../../../shared/complaints/model';
import { HANDLING_EVENT_DATA, type HandlingEventType } from '../../../shared/handling/event-data';
import {
  checkCallbackDone,
  checkCallbackPromise,
  type CallbackPromise,
} from '../../../shared/handling/callbacks';
import { checkCustomerInfo, type CustomerInfoInput } from '../../../shared/handling/attachments';
import { checkHandToSenior, checkPassToHeadOfSales } from '../../../shared/handling/handoffs';
import { checkRecourseExplained } from '../../../shared/handling/recourse';
import type { CallbackOutcome, ConversationStep } from '../../../shared/handling/codes';
import { tickedSteps } from '../../../shared/handling/conversation';
import type { RefusalReason } from '../../../shared/lifecycle';
import type { Country } from '../../../shared/settings/workstation';
import type { OtklikDatabase } from '../../db/database';
import type { Signer } from '../../db/employees';
import { actionTables, enqueue } from '../../db/outbox';
import { TransitionRefused, appendEvent } from '../actions';
import { complaintHistory } from '../queries';

/**
 * Issue 15 at the branch: every handling step is a history event checked by the shared rules
 * (shared/handling) and appended in one local transaction with its `complaint.event` operation, like the
 * lifecycle steps (renderer/complaints/actions.ts). A refusal is a TransitionRefused with reason codes the
 * UI translates (locales/<lng>/lifecycle.json `refusal.*`), and writes nothing.
 */

type Checked = { ok: true; data: Record<string, unknown> } | { ok: false; reasons: RefusalReason[] };

/** What a step sees when it decides: the complaint as stored and its history so far. */
export interface StepContext {
  complaint: Complaint;
  history: ComplaintEvent[];
}

/** One handling event to append: its type and the shared rule that produces its data. */
export interface HandlingStep {
  type: HandlingEventType;
  check: (ctx: StepContext) => Checked;
}

/**
 * Appends `steps` in order in one transaction (each sees the ones before it), each with its outbox
 * operation. `patch`: fields of the record itself that an event changes (a correction, a re-assessment).
 */
export async function appendHandlingEvents(
  db: OtklikDatabase,
  complaintId: string,
  steps: readonly HandlingStep[],
  signer: Signer,
  now = new Date(),
  patch?: (complaint: Complaint, event: ComplaintEvent) => Partial<Complaint>,
): Promise<ComplaintEvent[]> {
  return db.transaction('rw', actionTables(db), async () => {
    let complaint = await db.complaints.get(complaintId);
    if (!complaint) throw new Error(`No complaint ${complaintId}`);
    const history = await complaintHistory(db, complaintId);
    const written: ComplaintEvent[] = [];
    for (const step of steps) {
      const result = step.check({ complaint, history: [...history, ...written] });
      if (!result.ok) throw new TransitionRefused(result.reasons);
      const event: ComplaintEvent = {
        id: uuidv7(),
        complaintId,
        type: step.type,
        at: now.toISOString(),
        actor: signer.name,
        actorId: signer.id,
        // The same strict, bounded schema HQ applies: what is queued is what HQ accepts.
        data: HANDLING_EVENT_DATA[step.type].parse(result.data) as Record<string, unknown>,
      };
      if (patch) {
        const changed = patch(complaint, event);
        await db.complaints.update(complaintId, changed);
        complaint = { ...complaint, ...changed };
      }
      await appendEvent(db, complaint, event);
      await enqueue(db, 'complaint.event', { event }, now);
      written.push(event);
      complaint = (await db.complaints.get(complaintId))!;
    }
    return written;
  });
}

const closedRefusal = (c: Complaint): RefusalReason[] => [
  ...(c.progress.mergedInto ? (['complaint_merged'] as const) : []),
  ...(c.status === 'closed' ? (['complaint_closed'] as const) : []),
];

/** R4: the conversation guide's ticked steps, recorded on the complaint. */
export function conversationAidStep(steps: readonly ConversationStep[], note?: string): HandlingStep {
  return {
    type: 'conversation_aid_recorded',
    check: () => {
      const text = note?.trim();
      return { ok: true, data: { steps: tickedSteps(steps), ...(text ? { note: text } : {}) } };
    },
  };
}

/** R4: a callback promised (or rescheduled: a new promise replaces the pending one). */
export function callbackPromiseStep(promise: CallbackPromise, now: Date): HandlingStep {
  return {
    type: 'callback_promised',
    check: ({ complaint }) => {
      const closed = closedRefusal(complaint);
      if (closed.length > 0) return { ok: false, reasons: closed };
      const checked = checkCallbackPromise(promise, now);
      if (!checked.ok) return checked;
      return { ok: true, data: { callbackId: uuidv7(), ...checked.promise } };
    },
  };
}

export function promiseCallback(
  db: OtklikDatabase,
  complaintId: string,
  promise: CallbackPromise,
  signer: Signer,
  now = new Date(),
) {
  return appendHandlingEvents(db, complaintId, [callbackPromiseStep(promise, now)], signer, now);
}

/**
 * R4: the pending callback was made. Not reached: a new time may be promised at once (`next`), in the same
 * transaction, so the complaint never shows "nothing expected" in between.
 */
export function markCallbackDone(
  db: OtklikDatabase,
  complaintId: string,
  done: { callbackId: string; outcome: CallbackOutcome; note?: string },
  signer: Signer,
  now = new Date(),
  next?: CallbackPromise,
) {
  const steps: HandlingStep[] = [
    {
      type: 'callback_done',
      check: ({ complaint }) => {
        const r = checkCallbackDone(complaint.progress.callback, done);
        return r.ok ? { ok: true, data: r.data } : r;
      },
    },
  ];
  if (next) steps.push(callbackPromiseStep(next, now));
  return appendHandlingEvents(db, complaintId, steps, signer, now);
}

/** R5: later information from the customer: who, by which channel, what. */
export function addCustomerInfo(
  db: OtklikDatabase,
  complaintId: string,
  input: CustomerInfoInput,
  signer: Signer,
  now = new Date(),
) {
  return appendHandlingEvents(
    db,
    complaintId,
    [
      {
        type: 'customer_info_added',
        check: ({ complaint }) => {
          const closed = closedRefusal(complaint).filter((r) => r === 'complaint_merged');
          if (closed.length > 0) return { ok: false, reasons: closed };
          const r = checkCustomerInfo(input);
          return r.ok ? { ok: true, data: { ...r.info } } : r;
        },
      },
    ],
    signer,
    now,
  );
}

/** R14: the employee cannot resolve it with the customer present: to the head of sales' queue at HQ. */
export function passToHeadOfSales(
  db: OtklikDatabase,
  complaintId: string,
  reason: string,
  signer: Signer,
  now = new Date(),
) {
  return appendHandlingEvents(
    db,
    complaintId,
    [
      {
        type: 'passed_to_head_of_sales',
        check: ({ complaint }) => checkPassToHeadOfSales(complaint, reason),
      },
    ],
    signer,
    now,
  );
}

/** R14: a threatening or insulting customer handed to a senior colleague, who is named. */
export function handToSenior(
  db: OtklikDatabase,
  complaintId: string,
  input: { seniorName: string; seniorId?: string; reason: string; note?: string },
  signer: Signer,
  now = new Date(),
) {
  return appendHandlingEvents(
    db,
    complaintId,
    [{ type: 'handed_to_senior', check: ({ complaint }) => checkHandToSenior(complaint, input, signer) }],
    signer,
    now,
  );
}

/** R17: the recourse routes explained to the customer, in the customer's language. */
export function explainRecourse(
  db: OtklikDatabase,
  complaintId: string,
  input: { routes: readonly string[]; country: Country; language: string; note?: string },
  signer: Signer,
  now = new Date(),
) {
  return appendHandlingEvents(
    db,
    complaintId,
    [
      {
        type: 'recourse_explained',
        check: ({ complaint }) => {
          const closed = closedRefusal(complaint).filter((r) => r === 'complaint_merged');
          return closed.length > 0 ? { ok: false, reasons: closed } : checkRecourseExplained(input);
        },
      },
    ],
    signer,
    now,
  );
}

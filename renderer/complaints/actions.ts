import { v7 as uuidv7 } from 'uuid';
import type {
  Complaint,
  ComplaintEvent,
  ComplaintEventType,
  ComplaintInput,
} from '../../shared/complaints/model';
import { formatComplaintNumber, sequenceCounterKey } from '../../shared/complaints/numbering';
import { searchWordsOf } from '../../shared/complaints/search';
import {
  LIMITS,
  normalizeComplaintInput,
  validateComplaintInput,
  type FieldError,
} from '../../shared/complaints/validation';
import {
  INITIAL_STATUS,
  lifecycleSubjectOf,
  milestonesFromEvents,
  transition,
  type RefusalReason,
  type TransitionRequest,
} from '../../shared/lifecycle';
import {
  HANDLING_EVENT_DATA,
  type HandlingEventData,
  type HandlingEventType,
} from '../../shared/handling/event-data';
import { customerLanguageOf } from '../../shared/documents/language';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { localDateIn } from '../../shared/time/zoned';
import type { OtklikDatabase } from '../db/database';
import { incrementCounter } from '../db/device';
import { dueKeysPatch, storedSettings, withListKeys } from '../db/listKeys';
import type { Signer } from '../db/employees';
import { actionTables, enqueue } from '../db/outbox';
import { complaintHistory } from './queries';

/** The New complaint form's draft: before issue 13 the only one, now the prefix of each window's. */
export const NEW_COMPLAINT_DRAFT = 'new-complaint';
export const NOTE_MAX_LENGTH = LIMITS.note;

export class ValidationFailed extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`Invalid complaint: ${errors.map((e) => `${e.field}:${e.code}`).join(', ')}`);
  }
}

/** A lifecycle step the rules refuse (shared/lifecycle): the reasons are codes the UI translates. */
export class TransitionRefused extends Error {
  constructor(readonly reasons: RefusalReason[]) {
    super(`Transition refused: ${reasons.join(', ')}`);
  }
}

export interface RegisterOptions {
  /**
   * R9: the customer has been told the number and the answer date (at the counter or on the phone), so
   * registration is also the acknowledgement: the complaint starts as "registered", not "received".
   */
  acknowledged?: boolean;
  /** Registered from another flow (the feedback book): the New complaint form's draft is not this one. */
  keepDraft?: boolean;
  /** The draft the form was typed in (its window's, drafts.ts): cleared in the same transaction. */
  draftId?: string;
  /**
   * Issue 15: handling events recorded with the registration (R4: the conversation guide's ticked steps),
   * checked by their strict schemas; they travel in the registration's own operation.
   */
  handling?: ReadonlyArray<{ type: HandlingEventType; data: Record<string, unknown> }>;
}

/**
 * R1: registers a complaint. One transaction writes the complaint, its first history events, its outbox
 * operation and the counters, and clears the form's draft: all of it is saved, or none of it. `signer`:
 * the signed-in employee, who received it (issue 14).
 */
export async function registerComplaint(
  db: OtklikDatabase,
  raw: ComplaintInput,
  settings: WorkstationSettings,
  signer: Signer,
  now = new Date(),
  options: RegisterOptions = {},
): Promise<Complaint> {
  const errors = validateComplaintInput(raw, now);
  if (errors.length > 0) throw new ValidationFailed(errors);
  const input = normalizeComplaintInput(raw);
  const at = now.toISOString();
  const actor = signer.name;
  const actorId = signer.id;

  return db.transaction('rw', actionTables(db), async () => {
    // The year in the branch's zone: a complaint registered at 00:30 on 1 January in Moscow is next year's.
    const year = Number(localDateIn(now, settings.timeZone).slice(0, 4));
    const counter = sequenceCounterKey(settings.branchCode, year, settings.station);
    let number: string;
    do {
      // A counter restored from an older backup must not reissue a number that is still here.
      const sequence = await incrementCounter(db, counter);
      number = formatComplaintNumber({
        branchCode: settings.branchCode,
        year,
        station: settings.station,
        sequence,
      });
    } while ((await db.complaints.where('number').equals(number).count()) > 0);

    const id = uuidv7();
    const events: ComplaintEvent[] = [
      {
        id: uuidv7(),
        complaintId: id,
        type: 'created',
        at,
        actor,
        actorId,
        data: { number, channel: input.channel },
      },
    ];
    if (options.acknowledged) {
      const step = transition({ status: INITIAL_STATUS }, { to: 'registered', actor, now });
      if (!step.ok) throw new TransitionRefused(step.reasons);
      events.push({ id: uuidv7(), complaintId: id, ...step.event, actorId });
    }
    for (const h of options.handling ?? [])
      events.push({
        id: uuidv7(),
        complaintId: id,
        type: h.type,
        at,
        actor,
        actorId,
        data: HANDLING_EVENT_DATA[h.type].parse(h.data) as Record<string, unknown>,
      });
    const progress = milestonesFromEvents(events);
    const complaint: Complaint = {
      ...input,
      // R25: the customer's documents are in their language; the branch's unless they chose another.
      customerLanguage: customerLanguageOf(input, settings.language),
      id,
      number,
      branchCode: settings.branchCode,
      status: progress.status,
      receivedBy: actor,
      confidential: input.channel === 'internal',
      registeredAt: at,
      updatedAt: at,
      searchWords: [],
      progress,
    };
    complaint.searchWords = searchWordsOf(complaint);
    await db.complaints.add(withListKeys(complaint, settings));
    await db.events.bulkAdd(events);
    await enqueue(db, 'complaint.register', { complaint, events }, now);
    if (!options.keepDraft && options.draftId) await db.drafts.delete(options.draftId);
    return complaint;
  });
}

/**
 * R12: moves a complaint one step along its lifecycle. The rules of shared/lifecycle decide; the status the
 * user saw is the precondition (a second window may have moved it meanwhile), and HQ checks it again.
 */
export async function changeStatus(
  db: OtklikDatabase,
  complaintId: string,
  request: Omit<TransitionRequest, 'actor' | 'now'> & { expectedFrom: Complaint['status'] },
  signer: Signer,
  now = new Date(),
): Promise<ComplaintEvent> {
  return db.transaction('rw', actionTables(db), async () => {
    const complaint = await db.complaints.get(complaintId);
    if (!complaint) throw new Error(`No complaint ${complaintId}`);
    // Issue 15: the handling guards (compensation awaiting approval, open department tasks, merged) too.
    const step = transition(lifecycleSubjectOf(complaint), { ...request, actor: signer.name, now });
    if (!step.ok) throw new TransitionRefused(step.reasons);
    const event: ComplaintEvent = { id: uuidv7(), complaintId, ...step.event, actorId: signer.id };
    await appendEvent(db, complaint, event);
    await enqueue(
      db,
      'complaint.transition',
      { complaintId, from: complaint.status, to: step.status, event },
      now,
    );
    return event;
  });
}

/** History entries that are not status changes. */
export type TimelineEventType = Extract<
  ComplaintEventType,
  'note_added' | 'preliminary_answer_sent' | 'term_extended'
>;

/**
 * R5: later information from the customer; R10: the preliminary answer to a written complaint; a term
 * extension announced to the customer. Each goes into the history of the same complaint.
 */
export async function recordEvent(
  db: OtklikDatabase,
  complaintId: string,
  type: TimelineEventType,
  text: string,
  signer: Signer,
  now = new Date(),
): Promise<ComplaintEvent> {
  const trimmed = text.trim();
  if (type === 'note_added' && !trimmed)
    throw new ValidationFailed([{ field: 'description', code: 'required' }]);
  if (trimmed.length > NOTE_MAX_LENGTH)
    throw new ValidationFailed([
      { field: 'description', code: 'too_long', params: { max: NOTE_MAX_LENGTH } },
    ]);
  return db.transaction('rw', actionTables(db), async () => {
    const complaint = await db.complaints.get(complaintId);
    if (!complaint) throw new Error(`No complaint ${complaintId}`);
    const event: ComplaintEvent = {
      id: uuidv7(),
      complaintId,
      type,
      at: now.toISOString(),
      actor: signer.name,
      actorId: signer.id,
      data: trimmed ? { text: trimmed } : {},
    };
    await appendEvent(db, complaint, event);
    await enqueue(db, 'complaint.event', { event }, now);
    return event;
  });
}

/**
 * Issue 16 (R9, R25): a customer document was printed — which one, on which paper, in which language. The
 * history event and its outbox operation in one transaction, like every other event, so HQ and the console
 * see who printed what and when.
 */
export async function recordDocumentPrinted(
  db: OtklikDatabase,
  complaintId: string,
  printed: HandlingEventData<'document_printed'>,
  signer: Signer,
  now = new Date(),
): Promise<ComplaintEvent> {
  const data = HANDLING_EVENT_DATA.document_printed.parse(printed);
  return db.transaction('rw', actionTables(db), async () => {
    const complaint = await db.complaints.get(complaintId);
    if (!complaint) throw new Error(`No complaint ${complaintId}`);
    const event: ComplaintEvent = {
      id: uuidv7(),
      complaintId,
      type: 'document_printed',
      at: now.toISOString(),
      actor: signer.name,
      actorId: signer.id,
      data,
    };
    await appendEvent(db, complaint, event);
    await enqueue(db, 'complaint.event', { event }, now);
    return event;
  });
}

export function addNote(
  db: OtklikDatabase,
  complaintId: string,
  text: string,
  signer: Signer,
  now = new Date(),
) {
  return recordEvent(db, complaintId, 'note_added', text, signer, now);
}

/**
 * Appends a history event and refreshes the complaint's progress and its urgency keys (what the event did
 * to its deadlines, under the branch's stored calendar and policy); inside the caller's transaction.
 */
export async function appendEvent(
  db: OtklikDatabase,
  complaint: Complaint,
  event: ComplaintEvent,
): Promise<void> {
  const progress = milestonesFromEvents([...(await complaintHistory(db, complaint.id)), event]);
  const next = { status: progress.status, progress, updatedAt: event.at };
  await db.events.add(event);
  await db.complaints.update(complaint.id, {
    ...next,
    ...dueKeysPatch({ ...complaint, ...next }, await storedSettings(db.settings)),
  });
}

/**
 * Keeps what is being typed, so a crash or a closed window loses nothing (R22). Not a user action: no
 * outbox. `draftId` is the window's (drafts.ts): each window has its own.
 */
export async function saveDraft(
  db: OtklikDatabase,
  draftId: string,
  input: ComplaintInput,
  now = new Date(),
): Promise<void> {
  await db.drafts.put({ id: draftId, input, updatedAt: now.toISOString() });
}

export async function discardDraft(db: OtklikDatabase, draftId: string): Promise<void> {
  await db.drafts.delete(draftId);
}

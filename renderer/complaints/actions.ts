import { v7 as uuidv7 } from 'uuid';
import type { Complaint, ComplaintEvent, ComplaintInput } from '../../shared/complaints/model';
import { formatComplaintNumber, sequenceCounterKey } from '../../shared/complaints/numbering';
import { searchWordsOf } from '../../shared/complaints/search';
import {
  normalizeComplaintInput,
  validateComplaintInput,
  type FieldError,
} from '../../shared/complaints/validation';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { localDateIn } from '../../shared/time/zoned';
import type { OtklikDatabase } from '../db/database';
import { incrementCounter } from '../db/device';
import { actionTables, enqueue } from '../db/outbox';

export const NEW_COMPLAINT_DRAFT = 'new-complaint';
export const NOTE_MAX_LENGTH = 5_000;

export class ValidationFailed extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`Invalid complaint: ${errors.map((e) => `${e.field}:${e.code}`).join(', ')}`);
  }
}

/**
 * R1: registers a complaint. One transaction writes the complaint, its first history event, its outbox
 * operation and the counters, and clears the form's draft: all of it is saved, or none of it.
 */
export async function registerComplaint(
  db: OtklikDatabase,
  raw: ComplaintInput,
  settings: WorkstationSettings,
  now = new Date(),
): Promise<Complaint> {
  const errors = validateComplaintInput(raw, now);
  if (errors.length > 0) throw new ValidationFailed(errors);
  const input = normalizeComplaintInput(raw);
  const at = now.toISOString();

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

    const complaint: Complaint = {
      ...input,
      id: uuidv7(),
      number,
      branchCode: settings.branchCode,
      status: 'received',
      receivedBy: settings.employeeName,
      confidential: input.channel === 'internal',
      registeredAt: at,
      updatedAt: at,
      searchWords: [],
    };
    complaint.searchWords = searchWordsOf(complaint);
    const event: ComplaintEvent = {
      id: uuidv7(),
      complaintId: complaint.id,
      type: 'created',
      at,
      actor: settings.employeeName,
      data: { number, channel: complaint.channel },
    };
    await db.complaints.add(complaint);
    await db.events.add(event);
    await enqueue(db, 'complaint.register', { complaint, event }, now);
    await db.drafts.delete(NEW_COMPLAINT_DRAFT);
    return complaint;
  });
}

/** R5: later information from the customer goes into the history of the same complaint. */
export async function addNote(
  db: OtklikDatabase,
  complaintId: string,
  text: string,
  actor: string,
  now = new Date(),
): Promise<ComplaintEvent> {
  const trimmed = text.trim();
  if (!trimmed) throw new ValidationFailed([{ field: 'description', code: 'required' }]);
  if (trimmed.length > NOTE_MAX_LENGTH)
    throw new ValidationFailed([
      { field: 'description', code: 'too_long', params: { max: NOTE_MAX_LENGTH } },
    ]);
  const at = now.toISOString();
  return db.transaction('rw', actionTables(db), async () => {
    const complaint = await db.complaints.get(complaintId);
    if (!complaint) throw new Error(`No complaint ${complaintId}`);
    const event: ComplaintEvent = {
      id: uuidv7(),
      complaintId,
      type: 'note_added',
      at,
      actor,
      data: { text: trimmed },
    };
    await db.events.add(event);
    await db.complaints.update(complaintId, { updatedAt: at });
    await enqueue(db, 'complaint.note', { event }, now);
    return event;
  });
}

/** Keeps what is being typed, so a crash or a closed window loses nothing. Not a user action: no outbox. */
export async function saveDraft(db: OtklikDatabase, input: ComplaintInput, now = new Date()): Promise<void> {
  await db.drafts.put({ id: NEW_COMPLAINT_DRAFT, input, updatedAt: now.toISOString() });
}

export async function discardDraft(db: OtklikDatabase): Promise<void> {
  await db.drafts.delete(NEW_COMPLAINT_DRAFT);
}

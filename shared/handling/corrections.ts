/**
 * R3 corrections and R13 re-assessment: a registered complaint's fields change only through an event that
 * says which field, before, after and why (`fields_corrected`, `assessment_changed`). The record's current
 * fields are its registration snapshot with every such event applied in order (`applyCorrections`).
 *
 * Order: the branch applies an event when it records it; HQ applies each in its own order as it appends it
 * and sends the resulting record down with pull (HQ's order wins, as for status changes). Applying "set
 * field to after" one event at a time gives the same record as replaying all of them from the snapshot, so
 * neither side needs the snapshot kept apart. A correction whose `before` no longer matches (two PCs
 * corrected the same field offline) is still applied in HQ's order — both corrections stay in the history;
 * `staleChanges` tells the UI to say so.
 */
import {
  CATEGORIES,
  CHANNELS,
  CONTACT_METHODS,
  SEVERITIES,
  URGENCY_LEVELS,
  type Complaint,
  type ComplaintEvent,
  type ComplaintInput,
  type ComplaintStatus,
  type Milestones,
} from '../complaints/model';
import { searchWordsOf } from '../complaints/search';
import { LIMITS, validateComplaintInput, type FieldError, type FieldPath } from '../complaints/validation';
import type { RefusalReason } from '../lifecycle/reasons';

/**
 * R3: what may be corrected after registration. Not the number, branch, who registered or when (facts of
 * the registration), not the internal register (confidentiality is decided at intake: a channel correction
 * may not move a complaint into or out of `internal`).
 */
export const CORRECTABLE_FIELDS = [
  'channel',
  'receivedAt',
  'customer.name',
  'customer.phone',
  'customer.email',
  'customer.address',
  'customer.preferredContact',
  'noContactReason',
  'description',
  'remedy',
  'concerns.product',
  'concerns.service',
  'concerns.employee',
  'consent',
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** R13: re-assessed with `assessment_changed`, never with a correction. */
export const ASSESSMENT_FIELDS = ['urgencyLevel', 'severity', 'category', 'healthAndSafety'] as const;
export type AssessmentField = (typeof ASSESSMENT_FIELDS)[number];

export type RecordField = CorrectableField | AssessmentField;
export type FieldValue = string | boolean;

export interface FieldChange {
  field: RecordField;
  before: FieldValue;
  after: FieldValue;
}

/** The value's kind and bound of each field: the same LIMITS as intake. */
export const FIELD_BOUNDS: Record<
  RecordField,
  | { kind: 'text'; max: number }
  | { kind: 'choice'; of: readonly string[] }
  | { kind: 'flag' }
  | { kind: 'instant' }
> = {
  channel: { kind: 'choice', of: CHANNELS },
  receivedAt: { kind: 'instant' },
  'customer.name': { kind: 'text', max: LIMITS.name },
  'customer.phone': { kind: 'text', max: LIMITS.phone },
  'customer.email': { kind: 'text', max: LIMITS.email },
  'customer.address': { kind: 'text', max: LIMITS.address },
  'customer.preferredContact': { kind: 'choice', of: ['', ...CONTACT_METHODS] },
  noContactReason: { kind: 'text', max: LIMITS.noContactReason },
  description: { kind: 'text', max: LIMITS.description },
  remedy: { kind: 'text', max: LIMITS.remedy },
  'concerns.product': { kind: 'text', max: LIMITS.concerns },
  'concerns.service': { kind: 'text', max: LIMITS.concerns },
  'concerns.employee': { kind: 'text', max: LIMITS.concerns },
  consent: { kind: 'flag' },
  urgencyLevel: { kind: 'choice', of: URGENCY_LEVELS },
  severity: { kind: 'choice', of: SEVERITIES },
  category: { kind: 'choice', of: CATEGORIES },
  healthAndSafety: { kind: 'flag' },
};

/** Whether `value` is a value `field` can hold (kind and bound). */
export function isFieldValue(field: RecordField, value: unknown): value is FieldValue {
  const b = FIELD_BOUNDS[field];
  switch (b.kind) {
    case 'text':
      return typeof value === 'string' && value.length <= b.max;
    case 'choice':
      return typeof value === 'string' && b.of.includes(value);
    case 'flag':
      return typeof value === 'boolean';
    case 'instant':
      return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));
  }
}

type Fields = Pick<
  ComplaintInput,
  | 'channel'
  | 'receivedAt'
  | 'customer'
  | 'noContactReason'
  | 'description'
  | 'remedy'
  | 'concerns'
  | 'category'
  | 'severity'
  | 'urgencyLevel'
  | 'healthAndSafety'
  | 'consent'
>;

/** The field's current value (urgency defaults for records from before it existed). */
export function readField(c: Fields, field: RecordField): FieldValue {
  const [group, key] = field.split('.') as [string, string | undefined];
  if (key === undefined) {
    if (field === 'urgencyLevel') return c.urgencyLevel ?? 'normal';
    return (c as unknown as Record<string, FieldValue>)[group]!;
  }
  return (c as unknown as Record<string, Record<string, FieldValue>>)[group]![key]!;
}

/** A copy with one field set (nested objects copied, never shared). */
export function writeField<T extends Fields>(c: T, field: RecordField, value: FieldValue): T {
  const [group, key] = field.split('.') as [string, string | undefined];
  if (key === undefined) return { ...c, [group]: value };
  const inner = (c as unknown as Record<string, Record<string, FieldValue>>)[group]!;
  return { ...c, [group]: { ...inner, [key]: value } };
}

const isRecordField = (f: unknown): f is RecordField =>
  typeof f === 'string' && Object.hasOwn(FIELD_BOUNDS, f);

/** The changes an event carries, each checked (a hostile or unknown one is skipped, never applied). */
function changesOf(event: Pick<ComplaintEvent, 'type' | 'data'>): FieldChange[] {
  if (event.type !== 'fields_corrected' && event.type !== 'assessment_changed') return [];
  const changes = (event.data as { changes?: unknown }).changes;
  if (!Array.isArray(changes)) return [];
  return changes.filter(
    (c): c is FieldChange =>
      typeof c === 'object' && c !== null && isRecordField(c.field) && isFieldValue(c.field, c.after),
  );
}

/**
 * The record with the corrections and re-assessments among `events` applied in order; other events are
 * ignored. Search words are recomputed when the record has them (a corrected phone is found by its digits).
 */
export function applyCorrections<T extends Fields>(
  record: T,
  events: readonly Pick<ComplaintEvent, 'type' | 'data'>[],
): T {
  let next = record;
  for (const event of events) for (const c of changesOf(event)) next = writeField(next, c.field, c.after);
  if (next !== record && 'searchWords' in next && 'number' in next) {
    const withWords = next as unknown as Complaint;
    next = { ...next, searchWords: searchWordsOf(withWords) };
  }
  return next;
}

/** Changes whose `before` is not the record's current value: someone else changed the field meanwhile. */
export function staleChanges(record: Fields, changes: readonly FieldChange[]): FieldChange[] {
  return changes.filter((c) => readField(record, c.field) !== c.before);
}

/** Which intake checks a changed field brings back into play (a new phone: the phone's format, consent…). */
const RELATED: Partial<Record<RecordField, FieldPath[]>> = {
  channel: ['contact', 'customer.name'],
  'customer.name': ['consent'],
  'customer.phone': ['contact', 'consent', 'customer.preferredContact'],
  'customer.email': ['contact', 'consent', 'customer.preferredContact'],
  'customer.address': ['contact', 'consent', 'customer.preferredContact'],
  noContactReason: ['contact'],
};

export type RecordChangeCheck =
  { ok: true; changes: FieldChange[] } | { ok: false; reasons: RefusalReason[]; fieldErrors: FieldError[] };

export interface RecordChangeRequest {
  /** The fields to set, with their new values. */
  set: Partial<Record<RecordField, FieldValue>>;
  reason: string;
}

/**
 * R3/R13: checks a correction (`kind: 'correction'`) or a re-assessment of `current`. Text values are
 * trimmed; a field set to its current value is dropped. The result must pass the intake rules that the
 * changed fields touch (R1–R3, shared/complaints/validation), with `receivedAt` judged against the
 * registration time as at intake. Refusal codes are lifecycle refusal reasons; field problems are the
 * intake's own codes (locales/<lng>/validation.json).
 */
export function checkRecordChange(
  current: Fields & { registeredAt: string },
  kind: 'correction' | 'assessment',
  request: RecordChangeRequest,
): RecordChangeCheck {
  const allowed: readonly RecordField[] = kind === 'correction' ? CORRECTABLE_FIELDS : ASSESSMENT_FIELDS;
  const reasons: RefusalReason[] = [];
  const reason = typeof request.reason === 'string' ? request.reason.trim() : '';
  if (reason === '') reasons.push('change_reason_required');
  else if (reason.length > LIMITS.note) reasons.push('change_value_invalid');

  const changes: FieldChange[] = [];
  let next: Fields = current;
  for (const [field, raw] of Object.entries(request.set)) {
    if (!isRecordField(field) || !allowed.includes(field)) {
      reasons.push('change_field_not_allowed');
      continue;
    }
    const value = typeof raw === 'string' && FIELD_BOUNDS[field].kind === 'text' ? raw.trim() : raw;
    if (!isFieldValue(field, value)) {
      reasons.push('change_value_invalid');
      continue;
    }
    // The confidential register is decided at intake (R2, R24).
    if (field === 'channel' && (value === 'internal') !== (current.channel === 'internal')) {
      reasons.push('change_field_not_allowed');
      continue;
    }
    const before = readField(current, field);
    if (before === value) continue;
    changes.push({ field, before, after: value });
    next = writeField(next, field, value);
  }
  if (changes.length === 0 && !reasons.includes('change_field_not_allowed')) reasons.push('change_empty');

  const touched = new Set<FieldPath>();
  for (const c of changes) {
    if (c.field !== 'urgencyLevel' && c.field !== 'healthAndSafety') touched.add(c.field);
    for (const r of RELATED[c.field] ?? []) touched.add(r);
  }
  const fieldErrors = validateComplaintInput(next as ComplaintInput, new Date(current.registeredAt)).filter(
    (e) => touched.has(e.field),
  );
  if (fieldErrors.length > 0) reasons.push('change_value_invalid');

  if (reasons.length > 0) return { ok: false, reasons: [...new Set(reasons)], fieldErrors };
  return { ok: true, changes };
}

/**
 * R3/R13: whether the complaint may be corrected or re-assessed at all, at the branch and at HQ alike. A
 * closed complaint is reopened first (its record is what the customer was answered about); a merged one is
 * only a reference — its survivor is corrected instead.
 */
export function checkChangeSubject(subject: {
  status: ComplaintStatus;
  progress?: Partial<Pick<Milestones, 'mergedInto'>>;
}): RefusalReason[] {
  if (subject.progress?.mergedInto) return ['complaint_merged'];
  if (subject.status === 'closed') return ['complaint_closed'];
  return [];
}

/** The kind of record change an event is, if it is one. */
export function recordChangeKind(type: ComplaintEvent['type']): 'correction' | 'assessment' | undefined {
  if (type === 'fields_corrected') return 'correction';
  if (type === 'assessment_changed') return 'assessment';
  return undefined;
}

import type { Channel, ComplaintInput, ContactMethod } from './model';
import { CATEGORIES, CHANNELS, CONTACT_METHODS, SEVERITIES, URGENCY_LEVELS } from './model';

/**
 * R1–R3 intake rules. Errors are codes, not sentences: the UI turns each into a message in the user's
 * language (locales/<lng>/validation.json). None of these rules refuses a complaint outright (R1): where
 * a contact is missing, a note saying why is always an accepted answer.
 */

export type ContactField = 'phone' | 'email' | 'address';

export type FieldPath =
  | 'channel'
  | 'receivedAt'
  | 'customer.name'
  | 'customer.phone'
  | 'customer.email'
  | 'customer.address'
  | 'customer.preferredContact'
  | 'contact'
  | 'noContactReason'
  | 'description'
  | 'remedy'
  | 'concerns.product'
  | 'concerns.service'
  | 'concerns.employee'
  | 'category'
  | 'severity'
  | 'urgencyLevel'
  | 'consent';

export type ValidationCode =
  | 'required'
  | 'invalid_choice'
  | 'too_short'
  | 'too_long'
  | 'invalid_email'
  | 'invalid_phone'
  | 'invalid_date'
  | 'in_future'
  | 'too_old'
  | 'contact_or_reason_required'
  | 'preferred_contact_missing'
  | 'consent_required';

export interface FieldError {
  field: FieldPath;
  code: ValidationCode;
  params?: { min?: number; max?: number; fields?: ContactField[]; method?: ContactMethod };
}

export interface ChannelRule {
  /** The customer must leave at least one of these, or the employee notes why there is none. */
  contactOneOf: readonly ContactField[];
  /** Internal complaints name the employee who complains. */
  nameRequired: boolean;
}

/** Which contact each channel naturally yields: a phone call has a number, a letter has an address. */
export const CHANNEL_RULES: Record<Channel, ChannelRule> = {
  feedback_book: { contactOneOf: ['phone', 'email', 'address'], nameRequired: false },
  in_person: { contactOneOf: ['phone', 'email', 'address'], nameRequired: false },
  phone: { contactOneOf: ['phone'], nameRequired: false },
  hotline: { contactOneOf: ['phone'], nameRequired: false },
  email: { contactOneOf: ['email'], nameRequired: false },
  web: { contactOneOf: ['email', 'phone'], nameRequired: false },
  post: { contactOneOf: ['address', 'email'], nameRequired: false },
  questionnaire: { contactOneOf: ['phone', 'email', 'address'], nameRequired: false },
  internal: { contactOneOf: ['phone', 'email'], nameRequired: true },
};

/**
 * The app's own field limits. The sync schemas (shared/sync/operations.ts) use the very same numbers, so HQ
 * refuses exactly what the app could never have produced (issue 13: HQ stored a 5 MB description).
 */
export const LIMITS = {
  name: 200,
  phone: 40,
  email: 254,
  address: 500,
  noContactReason: 500,
  descriptionMin: 5,
  description: 10_000,
  remedy: 2_000,
  concerns: 200,
  /** An employee's name: who registered, who acted (the workstation settings' employee name). */
  person: 120,
  /** A note, a preliminary answer, a decision's justification, a follow-up comment: any free text later on. */
  note: 5_000,
} as const;

/** A complaint may be registered up to this long after it arrived (a letter found late, a book page). */
export const MAX_AGE_DAYS = 366;
/** Clocks of two PCs disagree; a few minutes "in the future" is not an error. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const PHONE_CHARS = /^\+?[\d\s()./-]+$/;

const PREFERRED_NEEDS: Record<ContactMethod, ContactField | null> = {
  phone: 'phone',
  email: 'email',
  post: 'address',
  in_person: null,
};

export function isValidEmail(value: string): boolean {
  return value.length <= LIMITS.email && EMAIL.test(value);
}

/** E.164 allows at most 15 digits; fewer than 5 is no reachable number anywhere we work. */
export function isValidPhone(value: string): boolean {
  if (!PHONE_CHARS.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 5 && digits <= 15;
}

/** Trims every text field: what is saved is what was meant. */
export function normalizeComplaintInput(input: ComplaintInput): ComplaintInput {
  const t = (s: string) => s.trim();
  return {
    ...input,
    customer: {
      name: t(input.customer.name),
      phone: t(input.customer.phone),
      email: t(input.customer.email),
      address: t(input.customer.address),
      preferredContact: input.customer.preferredContact,
    },
    noContactReason: t(input.noContactReason),
    description: t(input.description),
    remedy: t(input.remedy),
    concerns: {
      product: t(input.concerns.product),
      service: t(input.concerns.service),
      employee: t(input.concerns.employee),
    },
  };
}

export function hasPersonalData(input: ComplaintInput): boolean {
  const c = input.customer;
  return [c.name, c.phone, c.email, c.address].some((v) => v.trim() !== '');
}

/** All problems with the input, in form order. An empty list means it can be saved. */
export function validateComplaintInput(raw: ComplaintInput, now: Date): FieldError[] {
  const input = normalizeComplaintInput(raw);
  const errors: FieldError[] = [];
  const add = (field: FieldPath, code: ValidationCode, params?: FieldError['params']) =>
    errors.push(params ? { field, code, params } : { field, code });
  const maxLength = (field: FieldPath, value: string, max: number) => {
    if (value.length > max) add(field, 'too_long', { max });
  };

  if (!CHANNELS.includes(input.channel)) {
    add('channel', 'invalid_choice');
    return errors;
  }
  const rule = CHANNEL_RULES[input.channel];

  const received = new Date(input.receivedAt);
  if (!input.receivedAt || Number.isNaN(received.getTime())) add('receivedAt', 'invalid_date');
  else if (received.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) add('receivedAt', 'in_future');
  else if (received.getTime() < now.getTime() - MAX_AGE_DAYS * 86_400_000)
    add('receivedAt', 'too_old', { max: MAX_AGE_DAYS });

  const { name, phone, email, address, preferredContact } = input.customer;
  if (rule.nameRequired && !name) add('customer.name', 'required');
  maxLength('customer.name', name, LIMITS.name);

  // The contact block reads top to bottom: "is there a way to answer?", then the format of each field.
  const given: Record<ContactField, string> = { phone, email, address };
  if (!rule.contactOneOf.some((f) => given[f] !== '') && !input.noContactReason) {
    add('contact', 'contact_or_reason_required', { fields: [...rule.contactOneOf] });
  }
  if (phone && !isValidPhone(phone)) add('customer.phone', 'invalid_phone');
  maxLength('customer.phone', phone, LIMITS.phone);
  if (email && !isValidEmail(email)) add('customer.email', 'invalid_email');
  maxLength('customer.address', address, LIMITS.address);
  maxLength('noContactReason', input.noContactReason, LIMITS.noContactReason);

  if (preferredContact !== '') {
    if (!CONTACT_METHODS.includes(preferredContact)) add('customer.preferredContact', 'invalid_choice');
    else {
      const needs = PREFERRED_NEEDS[preferredContact];
      if (needs && !given[needs])
        add('customer.preferredContact', 'preferred_contact_missing', { method: preferredContact });
    }
  }

  if (!input.description) add('description', 'required');
  else if (input.description.length < LIMITS.descriptionMin)
    add('description', 'too_short', { min: LIMITS.descriptionMin });
  maxLength('description', input.description, LIMITS.description);
  maxLength('remedy', input.remedy, LIMITS.remedy);
  maxLength('concerns.product', input.concerns.product, LIMITS.concerns);
  maxLength('concerns.service', input.concerns.service, LIMITS.concerns);
  maxLength('concerns.employee', input.concerns.employee, LIMITS.concerns);

  if (!CATEGORIES.includes(input.category)) add('category', 'invalid_choice');
  if (!SEVERITIES.includes(input.severity)) add('severity', 'invalid_choice');
  // R13: absent on drafts from before issue 15 (DEFAULT_URGENCY_LEVEL), never an unknown level.
  if (input.urgencyLevel !== undefined && !URGENCY_LEVELS.includes(input.urgencyLevel))
    add('urgencyLevel', 'invalid_choice');

  if (hasPersonalData(input) && !input.consent) add('consent', 'consent_required');

  return errors;
}

import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  emptyComplaintInput,
  type Channel,
  type ComplaintInput,
} from '../../../../shared/complaints/model';
import {
  CHANNEL_RULES,
  isValidEmail,
  isValidPhone,
  normalizeComplaintInput,
  validateComplaintInput,
  type FieldError,
} from '../../../../shared/complaints/validation';

const now = new Date('2026-11-23T09:00:00Z');

/** A complaint that passes every rule for its channel; each case below breaks or mends one thing. */
function valid(channel: Channel, patch: (c: ComplaintInput) => void = () => {}): ComplaintInput {
  const c = emptyComplaintInput(channel, new Date(now.getTime() - 60_000));
  c.description = 'Кассир отказался принять возврат';
  c.customer.name = 'Петров';
  c.customer.phone = '+7 916 123-45-67';
  c.customer.email = 'petrov@example.ru';
  c.customer.address = 'Москва, ул. Ленина, 5';
  c.consent = true;
  patch(c);
  return c;
}

const codes = (errors: FieldError[]) => errors.map((e) => `${e.field}:${e.code}`);

describe('R2/R3 intake validation', () => {
  it.each(CHANNELS)('a complete %s complaint is valid', (channel) => {
    expect(validateComplaintInput(valid(channel), now)).toEqual([]);
  });

  it.each<[string, Channel, (c: ComplaintInput) => void, string[]]>([
    // Channel-dependent contact: a phone complaint needs a number or a note why not.
    ['phone without number', 'phone', (c) => (c.customer.phone = ''), ['contact:contact_or_reason_required']],
    [
      'phone without number but with reason',
      'phone',
      (c) => ((c.customer.phone = ''), (c.noContactReason = 'Номер скрыт')),
      [],
    ],
    [
      'hotline without number',
      'hotline',
      (c) => (c.customer.phone = ''),
      ['contact:contact_or_reason_required'],
    ],
    [
      'e-mail without address',
      'email',
      (c) => (c.customer.email = ''),
      ['contact:contact_or_reason_required'],
    ],
    ['website with phone only', 'web', (c) => (c.customer.email = ''), []],
    [
      'website without any',
      'web',
      (c) => ((c.customer.email = ''), (c.customer.phone = '')),
      ['contact:contact_or_reason_required'],
    ],
    ['letter without postal address but e-mail', 'post', (c) => (c.customer.address = ''), []],
    [
      'letter without address or e-mail',
      'post',
      (c) => ((c.customer.address = ''), (c.customer.email = '')),
      ['contact:contact_or_reason_required'],
    ],
    ['in person, address only', 'in_person', (c) => ((c.customer.phone = ''), (c.customer.email = '')), []],
    [
      'anonymous book entry',
      'feedback_book',
      (c) => {
        c.customer = { name: '', phone: '', email: '', address: '', preferredContact: '' };
        c.consent = false;
        c.noContactReason = 'Запись без подписи';
      },
      [],
    ],
    ['internal without employee name', 'internal', (c) => (c.customer.name = ''), ['customer.name:required']],
    ['in person without name is fine', 'in_person', (c) => (c.customer.name = ''), []],
    // Formats
    ['bad e-mail', 'in_person', (c) => (c.customer.email = 'petrov@'), ['customer.email:invalid_email']],
    [
      'bad phone letters',
      'in_person',
      (c) => (c.customer.phone = 'позвонить'),
      ['customer.phone:invalid_phone'],
    ],
    ['phone too short', 'phone', (c) => (c.customer.phone = '1234'), ['customer.phone:invalid_phone']],
    [
      'surrounding spaces are trimmed, not errors',
      'email',
      (c) => (c.customer.email = '  petrov@example.ru  '),
      [],
    ],
    // Text
    ['no description', 'in_person', (c) => (c.description = '   '), ['description:required']],
    ['description too short', 'in_person', (c) => (c.description = 'плох'), ['description:too_short']],
    [
      'description too long',
      'in_person',
      (c) => (c.description = 'я'.repeat(10_001)),
      ['description:too_long'],
    ],
    ['remedy too long', 'in_person', (c) => (c.remedy = 'я'.repeat(2_001)), ['remedy:too_long']],
    ['name too long', 'in_person', (c) => (c.customer.name = 'я'.repeat(201)), ['customer.name:too_long']],
    // Consent to process personal data (R3)
    ['personal data without consent', 'in_person', (c) => (c.consent = false), ['consent:consent_required']],
    // Preferred contact must be one that was given
    [
      'prefers e-mail but gave none',
      'phone',
      (c) => ((c.customer.email = ''), (c.customer.preferredContact = 'email')),
      ['customer.preferredContact:preferred_contact_missing'],
    ],
    ['prefers post with address', 'in_person', (c) => (c.customer.preferredContact = 'post'), []],
    ['prefers to come in person', 'phone', (c) => (c.customer.preferredContact = 'in_person'), []],
    // Time received
    [
      'received in the future',
      'in_person',
      (c) => (c.receivedAt = '2026-11-23T10:00:00Z'),
      ['receivedAt:in_future'],
    ],
    ['clock skew of 4 minutes tolerated', 'in_person', (c) => (c.receivedAt = '2026-11-23T09:04:00Z'), []],
    [
      'received over a year ago',
      'post',
      (c) => (c.receivedAt = '2025-11-01T09:00:00Z'),
      ['receivedAt:too_old'],
    ],
    ['received time garbage', 'post', (c) => (c.receivedAt = 'yesterday'), ['receivedAt:invalid_date']],
    // Codes outside the lists
    ['unknown category', 'post', (c) => (c.category = 'weather' as never), ['category:invalid_choice']],
    ['unknown severity', 'post', (c) => (c.severity = 'huge' as never), ['severity:invalid_choice']],
    // R13: urgency beside severity; records from before it have none and count as "normal"
    ['unknown urgency', 'post', (c) => (c.urgencyLevel = 'asap' as never), ['urgencyLevel:invalid_choice']],
    ['no urgency (older draft)', 'post', (c) => delete c.urgencyLevel, []],
    ['immediate urgency', 'post', (c) => (c.urgencyLevel = 'immediate'), []],
    [
      'several problems, reported in form order',
      'phone',
      (c) => ((c.customer.phone = ''), (c.description = ''), (c.consent = false)),
      ['contact:contact_or_reason_required', 'description:required', 'consent:consent_required'],
    ],
  ])('%s', (_name, channel, patch, expected) => {
    expect(codes(validateComplaintInput(valid(channel, patch), now))).toEqual(expected);
  });

  it('a missing contact comes before the format of the contacts given (form order)', () => {
    const c = valid('phone', (x) => ((x.customer.phone = ''), (x.customer.email = 'bad@')));
    expect(codes(validateComplaintInput(c, now))).toEqual([
      'contact:contact_or_reason_required',
      'customer.email:invalid_email',
    ]);
  });

  it('an unknown channel stops validation with one clear error', () => {
    const c = valid('phone', (x) => (x.channel = 'pigeon' as never));
    expect(codes(validateComplaintInput(c, now))).toEqual(['channel:invalid_choice']);
  });

  it('tells which contacts the channel accepts', () => {
    const [error] = validateComplaintInput(
      valid('post', (c) => ((c.customer.address = ''), (c.customer.email = ''))),
      now,
    );
    expect(error?.params?.fields).toEqual(CHANNEL_RULES.post.contactOneOf);
  });

  it.each([
    ['+7 (916) 123-45-67', true],
    ['8 800 555 35 35', true],
    ['+420 601 123 456', true],
    ['010-1234-5678', true],
    ['12345', true],
    ['1234', false],
    ['+1234567890123456', false],
    ['тел. 123456', false],
  ])('phone %j valid: %s', (phone, ok) => expect(isValidPhone(phone)).toBe(ok));

  it.each([
    ['a@b.ru', true],
    ['first.last+tag@mail.example.cz', true],
    ['김민준@example.kr', true],
    ['a@b', false],
    ['a b@c.ru', false],
    ['@c.ru', false],
    ['a@@c.ru', false],
  ])('e-mail %j valid: %s', (email, ok) => expect(isValidEmail(email)).toBe(ok));

  it('normalization trims but keeps what was typed inside', () => {
    const c = normalizeComplaintInput(valid('phone', (x) => (x.description = '  Два  пробела  ')));
    expect(c.description).toBe('Два  пробела');
  });
});

import type { i18n as I18n } from 'i18next';
import type { ContactMethod } from '../../shared/complaints/model';
import type { ContactField, FieldError, FieldPath } from '../../shared/complaints/validation';
import { joinOr } from '../i18n/format';

const FIELD_FOR_METHOD: Record<ContactMethod, ContactField | null> = {
  phone: 'phone',
  email: 'email',
  post: 'address',
  in_person: null,
};

/** The sentence shown under a field for one validation error, in the user's language. */
export function complaintErrorMessage(i18n: I18n, e: FieldError): string {
  const t = i18n.t;
  const lng = i18n.language;
  switch (e.code) {
    case 'too_short':
      return t('validation:too_short', { count: e.params?.min ?? 0 });
    case 'too_long':
      return t('validation:too_long', { count: e.params?.max ?? 0 });
    case 'too_old':
      return t('validation:too_old', { count: e.params?.max ?? 0 });
    case 'contact_or_reason_required': {
      const fields = (e.params?.fields ?? []).map((f) => t(`complaints:contactAccusative.${f}`));
      return t('validation:contact_or_reason_required', { fields: joinOr(fields, lng) });
    }
    case 'preferred_contact_missing': {
      const field = e.params?.method ? FIELD_FOR_METHOD[e.params.method] : null;
      return t('validation:preferred_contact_missing', {
        field: field ? t(`complaints:contactAccusative.${field}`) : '',
      });
    }
    default:
      return t(`validation:${e.code}`);
  }
}

/** The control to focus for an error; a missing contact points at the first contact the channel accepts. */
export function controlIdFor(e: FieldError): string {
  if (e.field === 'contact') return fieldId(`customer.${e.params?.fields?.[0] ?? 'phone'}` as FieldPath);
  return fieldId(e.field);
}

export function fieldId(path: FieldPath): string {
  return `f-${path.replace('.', '-')}`;
}

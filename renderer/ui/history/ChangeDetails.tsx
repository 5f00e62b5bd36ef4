import { useTranslation } from 'react-i18next';
import type { FieldChange, RecordField } from '../../../shared/handling/corrections';

/** R3, R13: each field's label in the intake form (locales/<lng>/complaints.json `fields.*`). */
export const FIELD_LABELS = {
  channel: 'channel',
  receivedAt: 'receivedAt',
  'customer.name': 'customerName',
  'customer.phone': 'phone',
  'customer.email': 'email',
  'customer.address': 'address',
  'customer.preferredContact': 'preferredContact',
  noContactReason: 'noContactReason',
  description: 'description',
  remedy: 'remedy',
  'concerns.product': 'product',
  'concerns.service': 'service',
  'concerns.employee': 'employeeConcerned',
  consent: 'consent',
  urgencyLevel: 'urgencyLevel',
  severity: 'severity',
  category: 'category',
  healthAndSafety: 'healthAndSafety',
} as const satisfies Record<RecordField, string>;

/** Where a choice field's values are labelled (complaints.json). */
const CHOICES: Partial<Record<RecordField, string>> = {
  channel: 'channel',
  'customer.preferredContact': 'contactMethod',
  urgencyLevel: 'urgencyLevel',
  severity: 'severity',
  category: 'category',
};

/**
 * R3, R13: what a correction or re-assessment changed — each field with its value before and after — and
 * why, in the history of the branch app and the HQ console.
 */
export function ChangeDetails({ changes, reason }: { changes: unknown; reason: unknown }) {
  const { t } = useTranslation('complaints');
  const list = Array.isArray(changes)
    ? (changes as FieldChange[]).filter((c) => Object.hasOwn(FIELD_LABELS, c.field))
    : [];
  const value = (field: RecordField, v: unknown) => {
    if (typeof v === 'boolean') return v ? t('detail.yes') : t('detail.no');
    const choice = CHOICES[field];
    if (choice && typeof v === 'string' && v !== '') return t(`${choice}.${v}` as 'channel.phone');
    return typeof v === 'string' && v !== '' ? v : '—';
  };
  return (
    <>
      {list.length > 0 && (
        <ul className="field-changes" data-testid="field-changes">
          {list.map((c) => (
            <li key={c.field}>
              {t(`fields.${FIELD_LABELS[c.field]}`)}: <del>{value(c.field, c.before)}</del> →{' '}
              <ins>{value(c.field, c.after)}</ins>
            </li>
          ))}
        </ul>
      )}
      {typeof reason === 'string' && reason !== '' && <q>{reason}</q>}
    </>
  );
}

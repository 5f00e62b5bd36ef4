import { useTranslation } from 'react-i18next';
import {
  NUMERIC_SETTING_RANGES,
  type NumericSetting,
  type SettingsField,
  type WorkstationSettings,
} from '../../shared/settings/workstation';
import { Field, describedBy } from '../ui/Field';

/**
 * R7: the feedback book's warning lead, photo size and the branch's office hours. R10: the warning lead and
 * office hours HQ sets are read-only here (`fromHq`), unless HQ lets the branch set its own (`ownAllowed`).
 */
export function BookSection(props: {
  value: WorkstationSettings;
  set: <K extends SettingsField>(key: K, v: WorkstationSettings[K]) => void;
  message: (field: SettingsField) => string | undefined;
  fromHq: ReadonlySet<string>;
  ownAllowed: ReadonlySet<string>;
}) {
  const { t } = useTranslation('settings');
  const { value, set, message, fromHq, ownAllowed } = props;
  const hqHint = (field: SettingsField) =>
    fromHq.has(field) ? t('hints.setByHq') : ownAllowed.has(field) ? t('hints.hqAllowsOwn') : undefined;
  return (
    <section className="form-section" aria-labelledby="book-settings-title">
      <h2 id="book-settings-title">{t('sectionBook')}</h2>
      <div className="grid-2">
        {(Object.keys(NUMERIC_SETTING_RANGES) as NumericSetting[]).map((field) => {
          const range = NUMERIC_SETTING_RANGES[field];
          const hint =
            hqHint(field) ??
            (field === 'bookWarnHours' || field === 'photoLongEdge' ? t(`hints.${field}`) : undefined);
          return (
            <Field
              key={field}
              id={`s-${field}`}
              label={t(`fields.${field}`)}
              error={message(field)}
              hint={hint}
            >
              <input
                {...describedBy(`s-${field}`, message(field), hint)}
                type="number"
                min={range.min}
                max={range.max}
                step={range.step}
                readOnly={fromHq.has(field)}
                data-from-hq={fromHq.has(field) || undefined}
                value={Number.isFinite(value[field]) ? value[field] : ''}
                onChange={(e) => set(field, e.target.value === '' ? Number.NaN : Number(e.target.value))}
              />
            </Field>
          );
        })}
        {(['officeOpens', 'officeCloses'] as const).map((field) => {
          const hint = hqHint(field) ?? (field === 'officeOpens' ? t('hints.officeHours') : undefined);
          return (
            <Field
              key={field}
              id={`s-${field}`}
              label={t(`fields.${field}`)}
              error={message(field)}
              hint={hint}
            >
              <input
                {...describedBy(`s-${field}`, message(field), hint)}
                type="time"
                step={60}
                readOnly={fromHq.has(field)}
                data-from-hq={fromHq.has(field) || undefined}
                value={value[field]}
                onChange={(e) => set(field, e.target.value)}
              />
            </Field>
          );
        })}
      </div>
    </section>
  );
}

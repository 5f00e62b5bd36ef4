import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import {
  AUTO_LOCK_CHOICES,
  type AutoLockSeconds,
  type SettingsField,
  type WorkstationSettings,
} from '../../shared/settings/workstation';
import { Field, describedBy } from '../ui/Field';

/** Issue 14: how soon an idle workstation locks, and the way to the branch's employees. */
export function SignInSection(props: {
  value: WorkstationSettings;
  set: <K extends SettingsField>(key: K, v: WorkstationSettings[K]) => void;
  message: (field: SettingsField) => string | undefined;
}) {
  const { t } = useTranslation('people');
  const { value, set, message } = props;
  const id = 's-autoLockSeconds';
  const hint = t('settings.autoLockHint');
  return (
    <section className="form-section" aria-labelledby="sign-in-settings">
      <h2 id="sign-in-settings">{t('settings.section')}</h2>
      <div className="grid-2">
        <Field id={id} label={t('settings.autoLock')} error={message('autoLockSeconds')} hint={hint}>
          <select
            {...describedBy(id, message('autoLockSeconds'), hint)}
            value={value.autoLockSeconds}
            onChange={(e) => set('autoLockSeconds', Number(e.target.value) as AutoLockSeconds)}
          >
            {AUTO_LOCK_CHOICES.map((s) => (
              <option key={s} value={s}>
                {s < 60 ? t('settings.seconds', { count: s }) : t('settings.minutes', { count: s / 60 })}
              </option>
            ))}
          </select>
        </Field>
        <p>
          <Link href="/employees" data-testid="employees-link">
            {t('employees.link')}
          </Link>
        </p>
      </div>
    </section>
  );
}

import { useMemo, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_STATION, MIN_STATION } from '../../shared/complaints/numbering';
import { hqSetFields, resolvedPolicyOf } from '../../shared/settings/directory';
import {
  COUNTRIES,
  DEFAULT_TIME_ZONE,
  isLanguage,
  validateWorkstationSettings,
  type Country,
  type Language,
  type SettingsError,
  type SettingsField,
  type WorkstationSettings,
} from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { SettingsInvalid, saveWorkstationSettings } from '../db/settings';
import { regionName } from '../i18n/format';
import { rememberLanguage, rememberedLanguage } from '../i18n/language';
import { useHqLink, useHqPolicy } from '../sync/hooks';
import { OVERRIDE_GROUP, POLICY_FIELDS } from '../../shared/settings/policy-layers';
import { HqPolicySection } from './HqPolicySection';
import { BranchOverridesSection } from './BranchOverridesSection';
import { useCounter } from '../people';
import { Field, describedBy } from '../ui/Field';
import { LanguageOptions } from '../ui/LanguageSelect';
import { BookSection } from './BookSection';
import { CalendarSection } from './CalendarSection';
import { FirstRunStaff } from './FirstRunStaff';
import { completeFirstRun, staffProblems, type StaffRow } from './firstRun';
import { SignInSection } from './SignInSection';
import { firstRunSettings, settingsErrorMessage } from './settingsForm';
import { TextSetting, type TextSettingField } from './TextSetting';
import { saveFailureText } from '../ui/saveFailure';

const ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

const withLanguage = (v: WorkstationSettings, language: string): WorkstationSettings =>
  isLanguage(language) && v.language !== language ? { ...v, language } : v;

/** Also the first-run setup: until the branch is known, no complaint number can be issued. */
export function SettingsPage({ settings }: { settings: WorkstationSettings | null }) {
  const { t, i18n } = useTranslation(['settings', 'validation']);
  const db = useDb();
  const setup = settings === null;
  const [value, setValue] = useState<WorkstationSettings>(() =>
    withLanguage(settings ?? firstRunSettings(rememberedLanguage()), i18n.language),
  );
  // The header's language switcher and this form edit the same setting: keep the form in step.
  const [formLanguage, setFormLanguage] = useState(i18n.language);
  if (formLanguage !== i18n.language) {
    setFormLanguage(i18n.language);
    setValue((v) => withLanguage(v, i18n.language));
  }
  const [errors, setErrors] = useState<SettingsError[]>([]);
  // Issue 14: the first run creates the branch's employees, starting with the person setting up.
  const [staff, setStaff] = useState<StaffRow[]>([{ key: 'founder', name: '', role: 'branch_manager' }]);
  const [staffChecked, setStaffChecked] = useState(false);
  const staffErrors = setup && staffChecked ? staffProblems(staff) : [];
  const [saved, setSaved] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  // Directory fields HQ has set are HQ's: shown read-only with HQ's current value (issue 6, R7).
  const link = useHqLink();
  const fromHq = new Set<string>(hqSetFields(link?.branch));
  // R10: HQ's policies with where each value comes from, and what HQ lets this branch set itself.
  const policy = useHqPolicy(value);
  // R10 (issue 15): HQ's thresholds and duplicate window (the defaults of the branch's own), and who edits.
  const { localHandling: _own, ...withoutOwn } = value;
  const hqHandling = resolvedPolicyOf(withoutOwn, link?.branch).handling;
  const counter = useCounter();
  const ownAllowed = new Set<string>(
    POLICY_FIELDS.filter((f) => !fromHq.has(f) && policy.mayOverride.includes(OVERRIDE_GROUP[f]!)),
  );
  const zones = useMemo(
    () => (ZONES.includes(value.timeZone) ? ZONES : [value.timeZone, ...ZONES]),
    [value.timeZone],
  );

  const set = <K extends SettingsField>(key: K, v: WorkstationSettings[K]) => {
    setSaved(false);
    setValue((prev) => {
      const next = { ...prev, [key]: v };
      // Moving the branch to another country moves its zone too, unless someone chose a zone by hand.
      if (key === 'country' && prev.timeZone === DEFAULT_TIME_ZONE[prev.country])
        next.timeZone = DEFAULT_TIME_ZONE[v as Country];
      if (errors.length > 0) setErrors(validateWorkstationSettings(next));
      return next;
    });
  };

  const message = (field: SettingsField) => {
    const e = errors.find((x) => x.field === field);
    return e ? settingsErrorMessage(i18n, e) : undefined;
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validateWorkstationSettings(value);
    setErrors(found);
    setSaveError(null);
    setStaffChecked(true);
    if (found.length > 0) {
      document.getElementById(`s-${found[0]!.field}`)?.focus();
      return;
    }
    if (setup && staffProblems(staff).length > 0) {
      document.getElementById('s-founder')?.focus();
      return;
    }
    try {
      const stored = setup
        ? await completeFirstRun(db, value, staff)
        : await saveWorkstationSettings(db, value);
      rememberLanguage(stored.language);
      if (stored.language !== i18n.language) await i18n.changeLanguage(stored.language);
      setValue(stored);
      setSaved(true);
    } catch (err) {
      if (err instanceof SettingsInvalid) setErrors(err.errors);
      else setSaveError(saveFailureText(err, (message) => t('saveFailed', { message })));
    }
  }

  const input = (field: TextSettingField, hint?: string, extra?: InputHTMLAttributes<HTMLInputElement>) => (
    <TextSetting
      field={field}
      value={value[field]}
      onChange={(v) => set(field, v)}
      error={message(field)}
      hint={hint}
      fromHq={link && fromHq.has(field) ? link.branch : undefined}
      extra={extra}
    />
  );

  return (
    <form className="page settings-form" onSubmit={submit} noValidate aria-labelledby="settings-title">
      <div className="page-header">
        <h1 id="settings-title">{setup ? t('setupTitle') : t('title')}</h1>
      </div>
      {setup && (
        <p className="intro" data-testid="setup-intro">
          {t('setupIntro')}
        </p>
      )}
      {saved && (
        <div className="banner banner-success" role="status" data-testid="settings-saved">
          {t('saved')}
        </div>
      )}
      {saveError && (
        <div className="banner banner-error" role="alert">
          {saveError}
        </div>
      )}

      <section className="form-section">
        <h2>{t('sectionBranch')}</h2>
        <div className="grid-2">
          {input('branchCode', t('hints.branchCode'), {
            autoFocus: setup,
            autoCapitalize: 'characters',
            spellCheck: false,
          })}
          {input('branchName')}
          <Field id="s-country" label={t('fields.country')} required error={message('country')}>
            <select
              {...describedBy('s-country', message('country'), undefined)}
              value={value.country}
              onChange={(e) => set('country', e.target.value as Country)}
            >
              {COUNTRIES.map((c) => (
                <option key={c} value={c}>
                  {regionName(c, i18n.language)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id="s-timeZone"
            label={t('fields.timeZone')}
            required
            error={message('timeZone')}
            hint={t('hints.timeZone')}
          >
            <select
              {...describedBy('s-timeZone', message('timeZone'), t('hints.timeZone'))}
              value={value.timeZone}
              onChange={(e) => set('timeZone', e.target.value)}
            >
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </section>

      <section className="form-section">
        <h2>{t('sectionWorkstation')}</h2>
        <div className="grid-2">
          <Field
            id="s-station"
            label={t('fields.station')}
            required
            error={message('station')}
            hint={t('hints.station')}
          >
            <select
              {...describedBy('s-station', message('station'), t('hints.station'))}
              value={value.station}
              onChange={(e) => set('station', Number(e.target.value))}
            >
              {Array.from({ length: MAX_STATION - MIN_STATION + 1 }, (_, i) => MIN_STATION + i).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </Field>
          <Field id="s-language" label={t('fields.language')} required error={message('language')}>
            <select
              {...describedBy('s-language', message('language'), undefined)}
              value={value.language}
              onChange={(e) => set('language', e.target.value as Language)}
            >
              <LanguageOptions />
            </select>
          </Field>
          {input('hqUrl', t('hints.hqUrl'), { type: 'url', spellCheck: false, placeholder: 'https://' })}
        </div>
      </section>

      {setup ? (
        <FirstRunStaff rows={staff} onChange={setStaff} problems={staffErrors} />
      ) : (
        <SignInSection value={value} set={set} message={message} />
      )}

      <CalendarSection value={value} set={set} message={message} fromHq={fromHq} />

      <section className="form-section" aria-labelledby="directory-title">
        <h2 id="directory-title">{t('sectionDirectory')}</h2>
        <p className="muted">{t('directoryIntro')}</p>
        <div className="grid-2">
          {input('managerName')}
          {input('managerEmail', undefined, { type: 'email', spellCheck: false })}
          {input('headOfSalesName')}
          {input('headOfSalesEmail', undefined, { type: 'email', spellCheck: false })}
        </div>
      </section>

      <BookSection value={value} set={set} message={message} fromHq={fromHq} ownAllowed={ownAllowed} />

      {link && (
        <BranchOverridesSection
          value={value}
          set={set}
          message={message}
          hq={hqHandling}
          mayOverride={policy.mayOverride}
          role={counter?.shown?.role}
        />
      )}

      {link && <HqPolicySection policy={policy} companyName={policy.companyName} />}

      <div className="form-actions">
        <button type="submit" className="primary">
          {setup ? t('start') : t('save')}
        </button>
      </div>
    </form>
  );
}

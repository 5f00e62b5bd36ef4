import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COUNTRIES,
  DEFAULT_TIME_ZONE,
  LANGUAGES,
  NUMERIC_SETTING_RANGES,
  branchCalendarOf,
  isLanguage,
  policyOf,
  withSettingsDefaults,
  validateWorkstationSettings,
  type Country,
  type Language,
  type NumericSetting,
  type SettingsError,
  type SettingsField,
  type WorkstationSettings,
} from '../../shared/settings/workstation';
import { MAX_STATION, MIN_STATION } from '../../shared/complaints/numbering';
import {
  POLICY_PRESET_IDS,
  calendarDataStatus,
  termDeadline,
  type PolicyPresetId,
} from '../../shared/deadlines';
import { localDateIn } from '../../shared/time/zoned';
import { formatDate } from '../i18n/format';
import { DateListField } from './DateListField';
import { PolicySummary } from './PolicySummary';
import { useDb } from '../db/context';
import { endonym, regionName } from '../i18n/format';
import { Field, describedBy } from '../shell/Field';
import { SettingsInvalid, rememberedLanguage, saveWorkstationSettings } from './store';
import { hqSetFields, type DirectoryField } from '../../shared/settings/directory';
import { useHqLink } from '../sync/hooks';

function defaults(language: Language): WorkstationSettings {
  const machineZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const country: Country =
    language === 'uk' ? 'UA' : language === 'cs' ? 'CZ' : language === 'ko' ? 'KR' : 'RU';
  const zone = Object.values(DEFAULT_TIME_ZONE).includes(machineZone)
    ? machineZone
    : DEFAULT_TIME_ZONE[country];
  return withSettingsDefaults({
    branchCode: '',
    branchName: '',
    country,
    timeZone: zone,
    language,
    employeeName: '',
    station: 1,
  });
}

const ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

/** Also the first-run setup: until the branch is known, no complaint number can be issued. */
export function SettingsPage({ settings }: { settings: WorkstationSettings | null }) {
  const { t, i18n } = useTranslation(['settings', 'validation']);
  const db = useDb();
  const setup = settings === null;
  const [value, setValue] = useState<WorkstationSettings>(() => settings ?? defaults(rememberedLanguage()));
  const [errors, setErrors] = useState<SettingsError[]>([]);
  const [saved, setSaved] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  // Directory fields HQ has set are HQ's: shown read-only with HQ's current value (issue 6, R7).
  const link = useHqLink();
  const fromHq = new Set<string>(hqSetFields(link?.branch));
  // The header's language switcher and this form edit the same setting: keep the form in step.
  useEffect(() => {
    if (isLanguage(i18n.language))
      setValue((v) => (v.language === i18n.language ? v : { ...v, language: i18n.language as Language }));
  }, [i18n.language]);
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
    if (!e) return undefined;
    // A calendar date is shown as the user reads dates; noon UTC keeps it the same day in any zone.
    const date = e.params?.date ? formatDate(`${e.params.date}T12:00:00Z`, i18n.language, 'UTC') : '';
    switch (e.code) {
      case 'too_long':
        return t('validation:too_long', { count: e.params?.max ?? 0 });
      case 'out_of_range':
        return t('validation:out_of_range', { min: e.params?.min ?? 0, max: e.params?.max ?? 0 });
      case 'too_many':
        return t('validation:too_many', { count: e.params?.max ?? 0 });
      case 'invalid_date':
        return t('validation:invalid_calendar_date', { date: e.params?.date ?? '' });
      case 'date_in_both_lists':
        return t('validation:date_in_both_lists', { date });
      default:
        return t(`validation:${e.code}`);
    }
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validateWorkstationSettings(value);
    setErrors(found);
    setSaveError(null);
    if (found.length > 0) {
      document.getElementById(`s-${found[0]!.field}`)?.focus();
      return;
    }
    try {
      const stored = await saveWorkstationSettings(db, value);
      if (stored.language !== i18n.language) await i18n.changeLanguage(stored.language);
      setValue(stored);
      setSaved(true);
    } catch (err) {
      if (err instanceof SettingsInvalid) setErrors(err.errors);
      else setSaveError(err instanceof Error ? err.message : String(err));
    }
  }

  const input = (
    field:
      | 'branchCode'
      | 'branchName'
      | 'employeeName'
      | 'hqUrl'
      | 'managerName'
      | 'managerEmail'
      | 'headOfSalesName'
      | 'headOfSalesEmail',
    hint?: string,
    extra: Record<string, unknown> = {},
  ) => {
    if (link && fromHq.has(field)) {
      const hqValue = link.branch[field as DirectoryField];
      return (
        <Field id={`s-${field}`} label={t(`fields.${field}`)} hint={t('hints.setByHq')}>
          <input
            {...describedBy(`s-${field}`, undefined, t('hints.setByHq'))}
            value={hqValue}
            readOnly
            data-testid={`s-${field}-from-hq`}
            {...extra}
          />
        </Field>
      );
    }
    return (
      <Field
        id={`s-${field}`}
        label={t(`fields.${field}`)}
        required={field === 'branchCode' || field === 'branchName' || field === 'employeeName'}
        error={message(field)}
        hint={hint}
      >
        <input
          {...describedBy(`s-${field}`, message(field), hint)}
          value={value[field]}
          onChange={(e) => set(field, e.target.value)}
          {...extra}
        />
      </Field>
    );
  };

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
          {t('saveFailed', { message: saveError })}
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
          {input('employeeName', t('hints.employeeName'))}
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
              {LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {endonym(l)}
                </option>
              ))}
            </select>
          </Field>
          {input('hqUrl', t('hints.hqUrl'), { type: 'url', spellCheck: false, placeholder: 'https://' })}
        </div>
      </section>

      <CalendarSection value={value} set={set} message={message} />

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

      <section className="form-section" aria-labelledby="book-settings-title">
        <h2 id="book-settings-title">{t('sectionBook')}</h2>
        <div className="grid-2">
          {(Object.keys(NUMERIC_SETTING_RANGES) as NumericSetting[]).map((field) => {
            const range = NUMERIC_SETTING_RANGES[field];
            const hint =
              field === 'bookWarnHours' || field === 'photoLongEdge' ? t(`hints.${field}`) : undefined;
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
                  value={Number.isFinite(value[field]) ? value[field] : ''}
                  onChange={(e) => set(field, e.target.value === '' ? Number.NaN : Number(e.target.value))}
                />
              </Field>
            );
          })}
          {(['officeOpens', 'officeCloses'] as const).map((field) => (
            <Field
              key={field}
              id={`s-${field}`}
              label={t(`fields.${field}`)}
              error={message(field)}
              hint={field === 'officeOpens' ? t('hints.officeHours') : undefined}
            >
              <input
                {...describedBy(
                  `s-${field}`,
                  message(field),
                  field === 'officeOpens' ? t('hints.officeHours') : undefined,
                )}
                type="time"
                step={60}
                value={value[field]}
                onChange={(e) => set(field, e.target.value)}
              />
            </Field>
          ))}
        </div>
      </section>

      <div className="form-actions">
        <button type="submit" className="primary">
          {setup ? t('start') : t('save')}
        </button>
      </div>
    </form>
  );
}

/** R7, R9–R11: the branch's working days and the terms promised to customers. */
function CalendarSection(props: {
  value: WorkstationSettings;
  set: <K extends SettingsField>(key: K, v: WorkstationSettings[K]) => void;
  message: (field: SettingsField) => string | undefined;
}) {
  const { t, i18n } = useTranslation(['settings', 'lifecycle']);
  const { value, set, message } = props;
  const now = new Date();
  const calendar = branchCalendarOf(value);
  const policy = policyOf(value);
  const year = Number(localDateIn(now, value.timeZone).slice(0, 4));
  const unverified = [year, year + 1].filter((y) => calendarDataStatus(value.country, y) === 'rules_only');
  const example = termDeadline(now, policy.written.finalAnswer, calendar);
  return (
    <section className="form-section" aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t('sectionCalendar')}</h2>
      <Field id="s-policyId" label={t('fields.policyId')} required error={message('policyId')}>
        <select
          {...describedBy('s-policyId', message('policyId'), undefined)}
          value={value.policyId}
          onChange={(e) => set('policyId', e.target.value as PolicyPresetId)}
        >
          {POLICY_PRESET_IDS.map((id) => (
            <option key={id} value={id}>
              {t(`lifecycle:policy.name.${id}`)}
            </option>
          ))}
        </select>
      </Field>
      <PolicySummary policy={policy} />
      <p className="muted" data-testid="calendar-example">
        {t('calendar.example', { date: formatDate(example.dueAt, i18n.language, value.timeZone) })}
      </p>
      {unverified.map((y) => (
        <p key={y} className="banner banner-warning" data-testid="calendar-rules-only">
          {t('calendar.rulesOnly', { year: y })}
        </p>
      ))}
      {value.country === 'UA' && (
        <div className="field checkbox-field">
          <label>
            <input
              type="checkbox"
              checked={value.ukraineMartialLaw}
              onChange={(e) => set('ukraineMartialLaw', e.target.checked)}
            />
            {t('fields.ukraineMartialLaw')}
          </label>
          <p className="hint">{t('hints.ukraineMartialLaw')}</p>
        </div>
      )}
      <div className="grid-2">
        <DateListField
          id="s-extraDaysOff"
          label={t('fields.extraDaysOff')}
          hint={t('hints.extraDays')}
          error={message('extraDaysOff')}
          dates={value.extraDaysOff}
          onChange={(dates) => set('extraDaysOff', dates)}
        />
        <DateListField
          id="s-extraWorkingDays"
          label={t('fields.extraWorkingDays')}
          hint={t('hints.extraDays')}
          error={message('extraWorkingDays')}
          dates={value.extraWorkingDays}
          onChange={(dates) => set('extraWorkingDays', dates)}
        />
      </div>
    </section>
  );
}

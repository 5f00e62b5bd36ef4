import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { POLICY_PRESET_IDS, POLICY_PRESETS } from '../../../shared/deadlines/policies';
import { COUNTRIES, DEFAULT_TIME_ZONE, LANGUAGES, type Country } from '../../../shared/settings/workstation';
import { DIRECTORY_LIMITS } from '../../../shared/sync/protocol';
import { DateListField } from '../../ui/DateListField';
import { SelectField, TextField } from '../../ui/Field';
import { PolicySummary } from '../../ui/PolicySummary';
import { endonym, regionName } from '../../i18n/format';
import { branchFormProblems, type BranchFormValue } from './branchForm';

const ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

/** A branch: name, country, zone, language (directory), who gets the feedback-book mail, calendar extras, policy. */
export function BranchForm(props: {
  initial: BranchFormValue;
  creating: boolean;
  busy: boolean;
  onSubmit: (value: BranchFormValue) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation(['console', 'settings', 'validation', 'lifecycle']);
  const [v, setV] = useState(props.initial);
  const [shown, setShown] = useState(false);
  const problems = branchFormProblems(v, props.creating);
  const error = (field: keyof typeof problems) =>
    shown && problems[field] ? t(`validation:${problems[field]}`) : undefined;
  const zones = useMemo(() => (ZONES.includes(v.timeZone) ? ZONES : [v.timeZone, ...ZONES]), [v.timeZone]);
  const set = <K extends keyof BranchFormValue>(key: K, value: BranchFormValue[K]) =>
    setV((prev) => {
      const next = { ...prev, [key]: value };
      // A new country brings its zone, unless the zone was chosen by hand.
      if (key === 'country' && prev.timeZone === DEFAULT_TIME_ZONE[prev.country])
        next.timeZone = DEFAULT_TIME_ZONE[value as Country];
      return next;
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setShown(true);
    if (Object.keys(problems).length === 0) props.onSubmit(v);
  };
  const text = (key: 'name' | 'managerName' | 'managerEmail' | 'headOfSalesName' | 'headOfSalesEmail') => (
    <TextField
      id={`branch-${key}`}
      label={t(key === 'name' ? 'settings:fields.branchName' : `settings:fields.${key}`)}
      value={v[key]}
      maxLength={key.endsWith('Email') ? 254 : 120}
      type={key.endsWith('Email') ? 'email' : 'text'}
      required={key === 'name'}
      onChange={(value) => set(key, value)}
      error={key === 'managerName' || key === 'headOfSalesName' ? undefined : error(key)}
    />
  );

  return (
    <form className="console-form" onSubmit={submit} noValidate data-testid="branch-form">
      <h2>
        {props.creating
          ? t('console:admin.branches.new')
          : t('console:admin.branches.edit', { code: v.code })}
      </h2>
      <div className="grid-2">
        {props.creating && (
          <TextField
            id="branch-code"
            label={t('settings:fields.branchCode')}
            hint={t('settings:hints.branchCode')}
            value={v.code}
            maxLength={16}
            required
            onChange={(value) => set('code', value)}
            error={error('code')}
          />
        )}
        {text('name')}
        <SelectField
          id="branch-country"
          label={t('settings:fields.country')}
          value={v.country}
          options={COUNTRIES}
          optionLabel={(c) => regionName(c, i18n.language)}
          onChange={(value) => set('country', value as Country)}
        />
        <SelectField
          id="branch-timeZone"
          label={t('settings:fields.timeZone')}
          value={v.timeZone}
          options={zones}
          optionLabel={(z) => z}
          onChange={(value) => set('timeZone', value)}
        />
        <SelectField
          id="branch-language"
          label={t('settings:fields.language')}
          value={v.language}
          options={LANGUAGES}
          optionLabel={endonym}
          onChange={(value) => set('language', value as BranchFormValue['language'])}
        />
      </div>
      <fieldset>
        <legend>{t('settings:sectionDirectory')}</legend>
        <div className="grid-2">
          {text('managerName')}
          {text('managerEmail')}
          {text('headOfSalesName')}
          {text('headOfSalesEmail')}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('console:admin.branches.contacts')}</legend>
        <p className="hint">{t('console:admin.branches.contactsHint')}</p>
        <TextField
          id="branch-address"
          label={t('console:admin.branches.address')}
          value={v.address}
          maxLength={DIRECTORY_LIMITS.address}
          onChange={(value) => set('address', value)}
        />
        <div className="grid-2">
          <TextField
            id="branch-phone"
            label={t('console:admin.branches.phone')}
            value={v.phone}
            maxLength={DIRECTORY_LIMITS.phone}
            type="tel"
            onChange={(value) => set('phone', value)}
            error={error('phone')}
          />
          <TextField
            id="branch-hours"
            label={t('console:admin.branches.hours')}
            hint={t('console:admin.branches.hoursHint')}
            value={v.hours}
            maxLength={DIRECTORY_LIMITS.hours}
            onChange={(value) => set('hours', value)}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('settings:sectionCalendar')}</legend>
        <p className="hint">{t('console:admin.branches.calendarHint')}</p>
        <SelectField
          id="branch-policyId"
          label={t('settings:fields.policyId')}
          value={v.policyId}
          options={POLICY_PRESET_IDS}
          optionLabel={(id) => t(`lifecycle:policy.name.${id}`)}
          none={t('console:admin.branches.policyOwn')}
          onChange={(value) => set('policyId', value as BranchFormValue['policyId'])}
        />
        {v.policyId && <PolicySummary policy={POLICY_PRESETS[v.policyId]} />}
        {v.country === 'UA' && (
          <div className="field checkbox-field">
            <label>
              <input
                type="checkbox"
                checked={v.ukraineMartialLaw}
                onChange={(e) => set('ukraineMartialLaw', e.target.checked)}
              />
              {t('settings:fields.ukraineMartialLaw')}
            </label>
          </div>
        )}
        <div className="grid-2">
          <DateListField
            id="branch-extraDaysOff"
            label={t('settings:fields.extraDaysOff')}
            hint={t('settings:hints.extraDays')}
            error={undefined}
            dates={v.extraDaysOff}
            onChange={(dates) => set('extraDaysOff', dates)}
          />
          <DateListField
            id="branch-extraWorkingDays"
            label={t('settings:fields.extraWorkingDays')}
            hint={t('settings:hints.extraDays')}
            error={undefined}
            dates={v.extraWorkingDays}
            onChange={(dates) => set('extraWorkingDays', dates)}
          />
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={props.busy}>
          {t('console:admin.save')}
        </button>
        <button type="button" onClick={props.onCancel} disabled={props.busy}>
          {t('console:admin.cancel')}
        </button>
      </div>
    </form>
  );
}

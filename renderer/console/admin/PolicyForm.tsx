import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { POLICY_PRESET_IDS, type PolicyPresetId } from '../../../shared/deadlines/policies';
import { POLICY_OVERRIDABLE } from '../../../shared/settings/policy-layers';
import { SelectField, TextField } from '../../ui/Field';
import type { RecourseConfig } from '../../../shared/documents/recourse';
import { RecourseEditor } from './RecourseEditor';
import { layerOf, THRESHOLD_CURRENCIES, type PolicyFormField, type PolicyFormValue } from './policyForm';

type TextKey = Exclude<
  keyof PolicyFormValue,
  'thresholds' | 'mayOverride' | 'ukraineMartialLaw' | 'policyId' | 'recourse'
>;

/**
 * R10 (issue 15 item 7): one policy layer — the company's or a branch's. An empty field is not set in this
 * layer (the company's, or HQ's configured default, applies); wrong values are named before anything is sent.
 */
export function PolicyForm(props: {
  scope: string;
  initial: PolicyFormValue;
  /** A branch's layer: the company's recourse routes, which apply where the branch sets none (R17). */
  belowRecourse?: RecourseConfig | undefined;
  busy: boolean;
  onSubmit: (layer: NonNullable<ReturnType<typeof layerOf>['layer']>) => void;
}) {
  const { t } = useTranslation(['console', 'settings', 'lifecycle']);
  const [v, setV] = useState(props.initial);
  const [problems, setProblems] = useState<PolicyFormField[]>([]);
  const error = (field: PolicyFormField) =>
    problems.includes(field) ? t('console:admin.policies.invalid') : undefined;
  const set = <K extends keyof PolicyFormValue>(key: K, value: PolicyFormValue[K]) =>
    setV((prev) => ({ ...prev, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = layerOf(v);
    setProblems(result.problems ?? []);
    if (result.layer) props.onSubmit(result.layer);
  };
  const text = (key: TextKey, label: string, type = 'text') => (
    <TextField
      id={`policy-${key}`}
      label={label}
      type={type}
      value={v[key]}
      maxLength={key.startsWith('extra') ? 5000 : 8}
      onChange={(value) => set(key, value)}
      error={error(key)}
      hint={key.startsWith('extra') ? t('console:admin.policies.datesHint') : undefined}
    />
  );
  return (
    <form
      className="console-form"
      onSubmit={submit}
      noValidate
      data-testid="policy-form"
      data-scope={props.scope}
    >
      <p className="muted">{t('console:admin.policies.emptyHint')}</p>
      <div className="grid-2">
        <SelectField
          id="policy-policyId"
          label={t('settings:fields.policyId')}
          value={v.policyId as PolicyPresetId | ''}
          options={POLICY_PRESET_IDS}
          optionLabel={(id: PolicyPresetId) => t(`lifecycle:policy.name.${id}`)}
          none={t('console:admin.policies.notSet')}
          onChange={(value) => set('policyId', value)}
          error={error('policyId')}
        />
        <SelectField
          id="policy-ukraineMartialLaw"
          label={t('settings:fields.ukraineMartialLaw')}
          value={v.ukraineMartialLaw}
          options={['yes', 'no'] as const}
          optionLabel={(o) => t(`settings:hqPolicy.${o}`)}
          none={t('console:admin.policies.notSet')}
          onChange={(value) => set('ukraineMartialLaw', value as PolicyFormValue['ukraineMartialLaw'])}
        />
        {text('extraDaysOff', t('settings:fields.extraDaysOff'))}
        {text('extraWorkingDays', t('settings:fields.extraWorkingDays'))}
        {text('bookWarnHours', t('settings:fields.bookWarnHours'), 'number')}
        {text('officeOpens', t('settings:fields.officeOpens'), 'time')}
        {text('officeCloses', t('settings:fields.officeCloses'), 'time')}
        {text('branchManagerAfterMinutes', t('console:admin.policies.managerAfterMinutes'), 'number')}
        {text('headOfSalesAfterHours', t('console:admin.policies.headOfSalesAfterHours'), 'number')}
        {text('windowDays', t('console:admin.policies.duplicateWindowDays'), 'number')}
      </div>
      <fieldset>
        <legend>{t('settings:hqPolicy.thresholds')}</legend>
        <div className="grid-2">
          {THRESHOLD_CURRENCIES.map((c) => (
            <TextField
              key={c}
              id={`policy-threshold-${c}`}
              label={c}
              type="number"
              maxLength={16}
              value={v.thresholds[c] ?? ''}
              onChange={(value) => set('thresholds', { ...v.thresholds, [c]: value })}
              error={error(`thresholds.${c}`)}
            />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('console:admin.policies.mayOverride')}</legend>
        {POLICY_OVERRIDABLE.map((o) => (
          <label key={o} className="checkbox">
            <input
              type="checkbox"
              checked={v.mayOverride.includes(o)}
              onChange={(e) =>
                set(
                  'mayOverride',
                  e.target.checked ? [...v.mayOverride, o] : v.mayOverride.filter((x) => x !== o),
                )
              }
            />
            {t(`settings:hqPolicy.overridable.${o}`)}
          </label>
        ))}
      </fieldset>
      <RecourseEditor
        value={v.recourse}
        below={props.belowRecourse}
        onChange={(value) => set('recourse', value)}
        error={(field) => error(field)}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={props.busy}>
          {t('console:admin.save')}
        </button>
      </div>
    </form>
  );
}

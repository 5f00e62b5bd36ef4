import { useTranslation } from 'react-i18next';
import {
  calendarDataStatus,
  POLICY_PRESET_IDS,
  termDeadline,
  type PolicyPresetId,
} from '../../shared/deadlines';
import {
  branchCalendarOf,
  policyOf,
  type SettingsField,
  type WorkstationSettings,
} from '../../shared/settings/workstation';
import { localDateIn } from '../../shared/time/zoned';
import { formatDate } from '../i18n/format';
import { Field, describedBy } from '../ui/Field';
import { DateListField } from './DateListField';
import { PolicySummary } from './PolicySummary';

/** R7, R9–R11: the branch's working days and the terms promised to customers. */
export function CalendarSection(props: {
  value: WorkstationSettings;
  set: <K extends SettingsField>(key: K, v: WorkstationSettings[K]) => void;
  message: (field: SettingsField) => string | undefined;
  /** Fields headquarters has set (issue 14): shown read-only, with HQ's value. */
  fromHq: ReadonlySet<string>;
}) {
  const { t, i18n } = useTranslation(['settings', 'lifecycle']);
  const { value, set, message, fromHq } = props;
  const hqHint = (field: SettingsField) => (fromHq.has(field) ? t('hints.setByHq') : undefined);
  const now = new Date();
  const calendar = branchCalendarOf(value);
  const policy = policyOf(value);
  const year = Number(localDateIn(now, value.timeZone).slice(0, 4));
  const unverified = [year, year + 1].filter((y) => calendarDataStatus(value.country, y) === 'rules_only');
  const example = termDeadline(now, policy.written.finalAnswer, calendar);
  return (
    <section className="form-section" aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t('sectionCalendar')}</h2>
      <Field
        id="s-policyId"
        label={t('fields.policyId')}
        required
        error={message('policyId')}
        hint={hqHint('policyId')}
      >
        <select
          {...describedBy('s-policyId', message('policyId'), hqHint('policyId'))}
          disabled={fromHq.has('policyId')}
          data-from-hq={fromHq.has('policyId') || undefined}
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
              disabled={fromHq.has('ukraineMartialLaw')}
              onChange={(e) => set('ukraineMartialLaw', e.target.checked)}
            />
            {t('fields.ukraineMartialLaw')}
          </label>
          <p className="hint">{hqHint('ukraineMartialLaw') ?? t('hints.ukraineMartialLaw')}</p>
        </div>
      )}
      <div className="grid-2">
        <DateListField
          id="s-extraDaysOff"
          label={t('fields.extraDaysOff')}
          hint={hqHint('extraDaysOff') ?? t('hints.extraDays')}
          readOnly={fromHq.has('extraDaysOff')}
          error={message('extraDaysOff')}
          dates={value.extraDaysOff}
          onChange={(dates) => set('extraDaysOff', dates)}
        />
        <DateListField
          id="s-extraWorkingDays"
          label={t('fields.extraWorkingDays')}
          hint={hqHint('extraWorkingDays') ?? t('hints.extraDays')}
          readOnly={fromHq.has('extraWorkingDays')}
          error={message('extraWorkingDays')}
          dates={value.extraWorkingDays}
          onChange={(dates) => set('extraWorkingDays', dates)}
        />
      </div>
    </section>
  );
}

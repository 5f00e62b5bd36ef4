import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, SEVERITIES, URGENCY_LEVELS, type Complaint } from '../../../shared/complaints/model';
import { INFO_CHANNELS, type InfoChannel } from '../../../shared/handling/codes';
import { readField, type RecordField } from '../../../shared/handling/corrections';
import { useDb } from '../../db/context';
import { useSignedInEmployee } from '../../people';
import { addCustomerInfo } from './actions';
import { changeRecord } from './decisionActions';
import { StepErrors, useStep } from './useStep';
import { FIELD_LABELS } from '../../ui/history/ChangeDetails';

/** R3: the text fields a correction offers here (the others are choices the intake form makes). */
const TEXT_FIELDS = [
  'customer.name',
  'customer.phone',
  'customer.email',
  'customer.address',
  'description',
  'remedy',
  'concerns.product',
  'concerns.service',
  'concerns.employee',
] as const satisfies readonly RecordField[];
type TextField = (typeof TEXT_FIELDS)[number];

/**
 * R3, R5, R13: correcting a field with a reason (before and after go into the history), re-assessing
 * urgency, severity, category and health-and-safety, and later information from the customer (who, by
 * which channel, what) — each its own event.
 */
export function ChangesPanel({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation('handling');
  if (complaint.status === 'closed' || complaint.progress.mergedInto) return null;
  return (
    <section aria-labelledby="changes-title" className="handling-panel" data-testid="changes">
      <h2 id="changes-title">{t('ui.changes.title')}</h2>
      <Correction complaint={complaint} />
      <Assessment complaint={complaint} />
      <CustomerInfo complaint={complaint} />
    </section>
  );
}

function Correction({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation(['handling', 'complaints']);
  const db = useDb();
  const me = useSignedInEmployee();
  const [field, setField] = useState<TextField>('customer.phone');
  const [value, setValue] = useState(() => String(readField(complaint, 'customer.phone')));
  const [reason, setReason] = useState('');
  const step = useStep();
  const save = async () => {
    if (
      await step.run(() =>
        changeRecord(db, complaint.id, 'correction', { set: { [field]: value }, reason }, me),
      )
    )
      setReason('');
  };
  return (
    <div className="step-form" data-testid="correction">
      <h3>{t('ui.changes.correct')}</h3>
      <label>
        {t('ui.changes.field')}
        <select
          value={field}
          onChange={(e) => {
            const f = e.target.value as TextField;
            setField(f);
            setValue(String(readField(complaint, f)));
          }}
        >
          {TEXT_FIELDS.map((f) => (
            <option key={f} value={f}>
              {t(`complaints:fields.${FIELD_LABELS[f]}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ui.changes.newValue')}
        <input value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <label>
        {t('ui.changes.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <StepErrors errors={step.errors} testId="correction-error" />
      <button type="button" disabled={step.saving} onClick={() => void save()}>
        {t('ui.changes.saveCorrection')}
      </button>
    </div>
  );
}

function Assessment({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation(['handling', 'complaints']);
  const db = useDb();
  const me = useSignedInEmployee();
  const [set, setSet] = useState({
    urgencyLevel: String(readField(complaint, 'urgencyLevel')),
    severity: complaint.severity as string,
    category: complaint.category as string,
    healthAndSafety: complaint.healthAndSafety,
  });
  const [reason, setReason] = useState('');
  const step = useStep();
  const choice = (key: 'urgencyLevel' | 'severity' | 'category', of: readonly string[]) => (
    <label>
      {t(`complaints:fields.${key}`)}
      <select value={set[key]} onChange={(e) => setSet({ ...set, [key]: e.target.value })}>
        {of.map((v) => (
          <option key={v} value={v}>
            {t(`complaints:${key}.${v}` as `complaints:severity.${(typeof SEVERITIES)[number]}`)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="step-form" data-testid="assessment">
      <h3>{t('ui.changes.reassess')}</h3>
      {choice('urgencyLevel', URGENCY_LEVELS)}
      {choice('severity', SEVERITIES)}
      {choice('category', CATEGORIES)}
      <label>
        <input
          type="checkbox"
          checked={set.healthAndSafety}
          onChange={(e) => setSet({ ...set, healthAndSafety: e.target.checked })}
        />
        {t('complaints:fields.healthAndSafety')}
      </label>
      <label>
        {t('ui.changes.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <StepErrors errors={step.errors} testId="assessment-error" />
      <button
        type="button"
        disabled={step.saving}
        onClick={() => void step.run(() => changeRecord(db, complaint.id, 'assessment', { set, reason }, me))}
      >
        {t('ui.changes.saveAssessment')}
      </button>
    </div>
  );
}

function CustomerInfo({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation(['handling', 'complaints']);
  const db = useDb();
  const me = useSignedInEmployee();
  const [from, setFrom] = useState(complaint.customer.name);
  const [channel, setChannel] = useState<InfoChannel>('phone');
  const [text, setText] = useState('');
  const step = useStep();
  const save = async () => {
    if (await step.run(() => addCustomerInfo(db, complaint.id, { from, channel, text }, me))) setText('');
  };
  return (
    <div className="step-form" data-testid="customer-info">
      <h3>{t('ui.changes.info')}</h3>
      <label>
        {t('ui.changes.infoFrom')}
        <input value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        {t('complaints:fields.channel')}
        <select value={channel} onChange={(e) => setChannel(e.target.value as InfoChannel)}>
          {INFO_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`complaints:channel.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ui.changes.infoText')}
        <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <StepErrors errors={step.errors} testId="customer-info-error" />
      <button type="button" disabled={step.saving} onClick={() => void save()}>
        {t('ui.changes.saveInfo')}
      </button>
    </div>
  );
}

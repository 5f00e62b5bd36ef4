import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Complaint } from '../../../shared/complaints/model';
import { formatMoney } from '../../i18n/format';
import {
  AID_ANSWERS,
  COMPENSATION_FORMS,
  COMPENSATION_QUESTIONS,
  type AidAnswer,
  type CompensationForm,
  type CompensationQuestion,
} from '../../../shared/handling/codes';
import {
  COUNTRY_CURRENCY,
  DEFAULT_APPROVAL_THRESHOLDS,
  approvalThreshold,
  parseAmount,
  type ApprovalThresholds,
} from '../../../shared/handling/compensation';
import type { WorkstationSettings } from '../../../shared/settings/workstation';
import { localDateIn } from '../../../shared/time/zoned';
import { useDb } from '../../db/context';
import { useSignedInEmployee } from '../../people';
import { answerApproval, decideCompensation } from './decisionActions';
import { StepErrors, useStep } from './useStep';
import { DecisionTasks, type DecisionTaskRow } from './DecisionTasks';
import { useNow } from '../../ui/useNow';

const FAULT_STEPS = [0, 25, 50, 75, 100] as const;

/**
 * R16: the compensation in force and its approval; the decision aid while the complaint is decided; the
 * approval form for a branch manager signed in here. `thresholds`: the effective handling policy's.
 */
export function CompensationPanel(props: {
  complaint: Complaint;
  settings: WorkstationSettings;
  thresholds?: ApprovalThresholds;
}) {
  const { t, i18n } = useTranslation('handling');
  const me = useSignedInEmployee();
  const c = props.complaint;
  const comp = c.progress.compensation;
  const canDecide = c.status === 'decided' && !c.progress.mergedInto && comp?.approval !== 'pending';
  if (!comp && !canDecide) return null;
  return (
    <section aria-labelledby="compensation-title" className="handling-panel" data-testid="compensation">
      <h2 id="compensation-title">{t('ui.compensation.title')}</h2>
      {comp && (
        <p data-testid="compensation-state" data-approval={comp.approval}>
          {formatMoney(comp.amount, i18n.language)} · {t(`compensationForm.${comp.form}`)} ·{' '}
          <strong>{t(`approval.${comp.approval}`)}</strong>
          {comp.answeredBy && <> ({t(`approverRole.${comp.answeredBy}`)})</>}
        </p>
      )}
      {comp?.approval === 'pending' && me.role === 'branch_manager' && <ApprovalForm complaintId={c.id} />}
      {comp?.approval === 'pending' && me.role !== 'branch_manager' && (
        <p className="hint">{t('ui.compensation.waits')}</p>
      )}
      {canDecide && (
        <DecideForm
          complaint={c}
          settings={props.settings}
          thresholds={props.thresholds ?? DEFAULT_APPROVAL_THRESHOLDS}
          again={Boolean(comp)}
        />
      )}
    </section>
  );
}

function DecideForm(props: {
  complaint: Complaint;
  settings: WorkstationSettings;
  thresholds: ApprovalThresholds;
  again: boolean;
}) {
  const { t, i18n } = useTranslation('handling');
  const db = useDb();
  const me = useSignedInEmployee();
  const [answers, setAnswers] = useState<Partial<Record<CompensationQuestion, AidAnswer>>>({});
  const [fault, setFault] = useState<number | undefined>(undefined);
  const [amount, setAmount] = useState('');
  const currency: string = COUNTRY_CURRENCY[props.settings.country];
  const [form, setForm] = useState<CompensationForm>('refund');
  const [note, setNote] = useState('');
  const today = localDateIn(useNow(), props.settings.timeZone);
  const [tasks, setTasks] = useState<DecisionTaskRow[]>([]);
  const step = useStep();
  const threshold = approvalThreshold(currency, props.thresholds);
  const minor = parseAmount(amount, currency);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await step.run(() =>
      decideCompensation(
        db,
        props.complaint.id,
        {
          answers: { ...answers, ...(fault === undefined ? {} : { companyFaultPercent: fault }) },
          // An amount that cannot be read is refused by the shared rule, in words.
          amount: { amountMinor: minor ?? -1, currency },
          form,
          note,
        },
        tasks.map(({ key: _key, ...task }) => task),
        props.thresholds,
        localDateIn(new Date(), props.settings.timeZone),
        me,
      ),
    );
    if (saved) setTasks([]);
  }
  return (
    <form className="step-form" onSubmit={submit} noValidate data-testid="compensation-decide">
      <h3>{props.again ? t('ui.compensation.decideAgain') : t('ui.compensation.decide')}</h3>
      {COMPENSATION_QUESTIONS.map((q) => (
        <fieldset key={q} data-testid={`question-${q}`}>
          <legend>{t(`question.${q}`)}</legend>
          {AID_ANSWERS.map((a) => (
            <label key={a}>
              <input
                type="radio"
                name={`q-${q}`}
                checked={answers[q] === a}
                onChange={() => setAnswers({ ...answers, [q]: a })}
              />
              {t(`answer.${a}`)}
            </label>
          ))}
        </fieldset>
      ))}
      <fieldset data-testid="question-companyFaultPercent">
        <legend>{t('question.companyFaultPercent')}</legend>
        {FAULT_STEPS.map((p) => (
          <label key={p}>
            <input type="radio" name="q-fault" checked={fault === p} onChange={() => setFault(p)} />
            {t('ui.compensation.percent', { value: p })}
          </label>
        ))}
      </fieldset>
      <label>
        {t('ui.compensation.amount', { currency })}
        <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </label>
      <p className="hint" data-testid="compensation-threshold">
        {threshold
          ? t('ui.compensation.threshold', { amount: formatMoney(threshold, i18n.language) })
          : t('ui.compensation.alwaysApproval')}
      </p>
      <label>
        {t('ui.compensation.form')}
        <select value={form} onChange={(e) => setForm(e.target.value as CompensationForm)}>
          {COMPENSATION_FORMS.map((f) => (
            <option key={f} value={f}>
              {t(`compensationForm.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ui.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <DecisionTasks rows={tasks} onChange={setTasks} today={today} />
      <StepErrors errors={step.errors} testId="compensation-error" />
      <button type="submit" disabled={step.saving}>
        {t('ui.compensation.save')}
      </button>
    </form>
  );
}

function ApprovalForm({ complaintId }: { complaintId: string }) {
  const { t } = useTranslation('handling');
  const db = useDb();
  const me = useSignedInEmployee();
  const [reason, setReason] = useState('');
  const step = useStep();
  const answer = (approve: boolean) =>
    void step.run(() => answerApproval(db, complaintId, { approve, reason }, me));
  return (
    <div className="step-form" data-testid="compensation-approval">
      <h3>{t('ui.compensation.approvalTitle')}</h3>
      <label>
        {t('ui.compensation.approvalReason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <StepErrors errors={step.errors} testId="approval-error" />
      <button type="button" className="primary" disabled={step.saving} onClick={() => answer(true)}>
        {t('ui.compensation.approve')}
      </button>{' '}
      <button type="button" disabled={step.saving} onClick={() => answer(false)}>
        {t('ui.compensation.refuse')}
      </button>
    </div>
  );
}

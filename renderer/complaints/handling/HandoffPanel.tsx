import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { Complaint } from '../../../shared/complaints/model';
import { SENIOR_HANDOVER_REASONS, type SeniorHandoverReason } from '../../../shared/handling/codes';
import { useDb } from '../../db/context';
import { branchEmployees } from '../../db/employees';
import { formatDateTime } from '../../i18n/format';
import { useSignedInEmployee } from '../../people';
import { handToSenior, passToHeadOfSales } from './actions';
import { StepErrors, useStep } from './useStep';

/**
 * R11, R14: where the complaint went beyond the counter — HQ's escalations ("escalated to … at …", arriving
 * with pull), a pass to the head of sales, a senior colleague who took over a threatening or insulting
 * customer — and the two hand-offs the employee can start here.
 */
export function HandoffPanel({ complaint, timeZone }: { complaint: Complaint; timeZone: string }) {
  const { t, i18n } = useTranslation('handling');
  const p = complaint.progress;
  const open = complaint.status !== 'closed' && !p.mergedInto;
  const when = (iso: string) => formatDateTime(iso, i18n.language, timeZone);
  return (
    <section aria-labelledby="handoff-title" className="handling-panel" data-testid="handoffs">
      <h2 id="handoff-title">{t('ui.handoff.title')}</h2>
      <ul>
        {(p.escalations ?? []).map((e) => (
          <li key={`${e.step}:${e.dueKey}`} data-testid="escalation">
            {t('ui.handoff.escalated', {
              who: e.toName || t(`escalationStep.${e.step}`),
              step: t(`escalationStep.${e.step}`),
              time: when(e.at),
            })}
          </li>
        ))}
        {p.passedToHeadOfSalesAt && (
          <li data-testid="passed">{t('ui.handoff.passed', { time: when(p.passedToHeadOfSalesAt) })}</li>
        )}
        {p.senior && (
          <li data-testid="senior">
            {t('ui.handoff.senior', {
              name: p.senior.name,
              reason: t(`seniorReason.${p.senior.reason}`),
              time: when(p.senior.at),
            })}
          </li>
        )}
      </ul>
      {open && !p.passedToHeadOfSalesAt && !p.owner && <PassForm complaintId={complaint.id} />}
      {open && <SeniorForm complaint={complaint} />}
    </section>
  );
}

function PassForm({ complaintId }: { complaintId: string }) {
  const { t } = useTranslation('handling');
  const db = useDb();
  const me = useSignedInEmployee();
  const [reason, setReason] = useState('');
  const step = useStep();
  return (
    <div className="step-form" data-testid="pass-form">
      <label>
        {t('ui.handoff.passReason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <StepErrors errors={step.errors} testId="pass-error" />
      <button
        type="button"
        disabled={step.saving}
        onClick={() => void step.run(() => passToHeadOfSales(db, complaintId, reason, me))}
      >
        {t('ui.handoff.pass')}
      </button>
    </div>
  );
}

function SeniorForm({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation('handling');
  const db = useDb();
  const me = useSignedInEmployee();
  const colleagues = useLiveQuery(
    () => branchEmployees(db, complaint.branchCode),
    [db, complaint.branchCode],
  );
  const others = (colleagues ?? []).filter((e) => e.active && e.id !== me.id);
  const [seniorId, setSeniorId] = useState('');
  const [reason, setReason] = useState<SeniorHandoverReason>('threatening');
  const step = useStep();
  const senior = others.find((e) => e.id === seniorId);
  return (
    <div className="step-form" data-testid="senior-form">
      <label>
        {t('ui.handoff.seniorWho')}
        <select value={seniorId} onChange={(e) => setSeniorId(e.target.value)}>
          <option value="">—</option>
          {others.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        {SENIOR_HANDOVER_REASONS.map((r) => (
          <label key={r}>
            <input type="radio" name="senior-reason" checked={reason === r} onChange={() => setReason(r)} />
            {t(`seniorReason.${r}`)}
          </label>
        ))}
      </fieldset>
      <StepErrors errors={step.errors} testId="senior-error" />
      <button
        type="button"
        disabled={step.saving}
        onClick={() =>
          void step.run(() =>
            handToSenior(
              db,
              complaint.id,
              { seniorName: senior?.name ?? '', ...(senior ? { seniorId: senior.id } : {}), reason },
              me,
            ),
          )
        }
      >
        {t('ui.handoff.handOver')}
      </button>
    </div>
  );
}

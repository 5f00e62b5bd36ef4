import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Complaint, ComplaintEvent } from '../../../shared/complaints/model';
import { callbacksOf, callbackState, type CallbackLine } from '../../../shared/handling/callbacks';
import { CALLBACK_OUTCOMES, type CallbackOutcome } from '../../../shared/handling/codes';
import { useDb } from '../../db/context';
import { formatDateTime, formatRelative } from '../../i18n/format';
import { useSignedInEmployee } from '../../people';
import { fromZonedInputValue, toZonedInputValue } from '../zonedInput';
import { useNow } from '../../ui/useNow';
import { markCallbackDone, promiseCallback } from './actions';
import { StepErrors, useStep } from './useStep';

/**
 * R4: the callbacks promised on a complaint — each with its time in the branch's zone, a countdown and what
 * became of it — the form to promise (or reschedule) one, and marking the pending one done.
 */
export function CallbackPanel(props: { complaint: Complaint; history: ComplaintEvent[]; timeZone: string }) {
  const { t, i18n } = useTranslation('handling');
  const now = useNow(30_000);
  const c = props.complaint;
  const lines = callbacksOf(props.history, now);
  const closed = c.status === 'closed' || Boolean(c.progress.mergedInto);
  return (
    <section aria-labelledby="callbacks-title" className="handling-panel" data-testid="callbacks">
      <h2 id="callbacks-title">{t('ui.callback.title')}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t('ui.callback.none')}</p>
      ) : (
        <ul className="callback-lines">
          {lines.map((line) => (
            <li key={line.id} data-testid="callback-line" data-status={line.status}>
              <Line line={line} complaint={c} now={now} timeZone={props.timeZone} lng={i18n.language} />
            </li>
          ))}
        </ul>
      )}
      {c.progress.callback && (
        <DoneForm complaintId={c.id} callbackId={c.progress.callback.id} phone={c.progress.callback.phone} />
      )}
      {!closed && (
        <PromiseForm
          complaintId={c.id}
          phone={c.progress.callback?.phone ?? c.customer.phone}
          timeZone={props.timeZone}
          reschedule={Boolean(c.progress.callback)}
        />
      )}
    </section>
  );
}

function Line(props: { line: CallbackLine; complaint: Complaint; now: Date; timeZone: string; lng: string }) {
  const { t } = useTranslation('handling');
  const { line } = props;
  const state =
    line.status === 'pending'
      ? (callbackState(props.complaint.progress.callback, props.now) ?? 'pending')
      : line.status;
  return (
    <>
      <time dateTime={line.dueAt}>{formatDateTime(line.dueAt, props.lng, props.timeZone)}</time>{' '}
      <span className={`due-state due-${state}`} data-testid="callback-state" data-state={state}>
        {t(`callback.state.${state}`)}
      </span>{' '}
      {line.status === 'pending' && (
        <span className="countdown">{formatRelative(new Date(line.dueAt), props.now, props.lng)}</span>
      )}{' '}
      <span className="muted">{line.phone}</span>
      {line.outcome && <> · {t(`callback.outcome.${line.outcome}`)}</>}
      {line.status === 'done' && line.late && <> · {t('ui.callback.late')}</>}
      {line.note && <p className="muted">{line.note}</p>}
    </>
  );
}

function PromiseForm(props: { complaintId: string; phone: string; timeZone: string; reschedule: boolean }) {
  const { t } = useTranslation('handling');
  const db = useDb();
  const me = useSignedInEmployee();
  const [when, setWhen] = useState('');
  const [phone, setPhone] = useState(props.phone);
  const [note, setNote] = useState('');
  const step = useStep();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const dueAt = fromZonedInputValue(when, props.timeZone);
    const saved = await step.run(() =>
      promiseCallback(db, props.complaintId, { dueAt: dueAt || 'invalid', phone, note }, me),
    );
    if (saved) {
      setWhen('');
      setNote('');
    }
  }
  return (
    <form className="step-form" onSubmit={submit} noValidate data-testid="callback-promise">
      <h3>{props.reschedule ? t('ui.callback.reschedule') : t('ui.callback.promise')}</h3>
      <label>
        {t('ui.callback.when', { zone: props.timeZone })}
        <input
          type="datetime-local"
          value={when}
          min={toZonedInputValue(new Date().toISOString(), props.timeZone)}
          onChange={(e) => setWhen(e.target.value)}
        />
      </label>
      <label>
        {t('ui.callback.phone')}
        <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
      </label>
      <label>
        {t('ui.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <StepErrors errors={step.errors} testId="callback-promise-error" />
      <button type="submit" disabled={step.saving}>
        {props.reschedule ? t('ui.callback.saveReschedule') : t('ui.callback.save')}
      </button>
    </form>
  );
}

function DoneForm(props: { complaintId: string; callbackId: string; phone: string }) {
  const { t } = useTranslation('handling');
  const db = useDb();
  const me = useSignedInEmployee();
  const [outcome, setOutcome] = useState<CallbackOutcome>('reached');
  const [note, setNote] = useState('');
  const step = useStep();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (
      await step.run(() =>
        markCallbackDone(db, props.complaintId, { callbackId: props.callbackId, outcome, note }, me),
      )
    )
      setNote('');
  }
  return (
    <form className="step-form" onSubmit={submit} noValidate data-testid="callback-done">
      <h3>{t('ui.callback.done', { phone: props.phone })}</h3>
      <fieldset>
        {CALLBACK_OUTCOMES.map((o) => (
          <label key={o}>
            <input
              type="radio"
              name="callback-outcome"
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />
            {t(`callback.outcome.${o}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('ui.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <StepErrors errors={step.errors} testId="callback-done-error" />
      <button type="submit" disabled={step.saving}>
        {t('ui.callback.markDone')}
      </button>
    </form>
  );
}

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import {
  CATEGORIES,
  CHANNELS,
  CONTACT_METHODS,
  SEVERITIES,
  emptyComplaintInput,
  type Channel,
  type ComplaintInput,
} from '../../shared/complaints/model';
import {
  CHANNEL_RULES,
  LIMITS,
  validateComplaintInput,
  type FieldError,
  type FieldPath,
} from '../../shared/complaints/validation';
import { CHANNEL_FORM, complaintDueMoments } from '../../shared/deadlines';
import { branchCalendarOf, policyOf, type WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { formatDate, formatTime, joinOr } from '../i18n/format';
import { Field, describedBy } from '../shell/Field';
import { setFlash, takeFlash } from '../shell/flash';
import { NEW_COMPLAINT_DRAFT, ValidationFailed, discardDraft, registerComplaint, saveDraft } from './actions';
import { complaintErrorMessage, controlIdFor, fieldId } from './fieldErrors';
import { fromZonedInputValue, toZonedInputValue } from './zonedInput';

export const PRESET_CHANNEL = 'newComplaint.channel';
export const JUST_REGISTERED = 'complaint.justRegistered';
const LAST_CHANNEL_KEY = 'otklik.lastChannel';
const DRAFT_DELAY_MS = 300;

function initialChannel(): Channel {
  const preset = takeFlash<Channel>(PRESET_CHANNEL);
  if (preset) return preset;
  const last = localStorage.getItem(LAST_CHANNEL_KEY);
  return (CHANNELS as readonly string[]).includes(last ?? '') ? (last as Channel) : 'in_person';
}

const isBlank = (input: ComplaintInput) =>
  JSON.stringify({ ...input, receivedAt: '', channel: '' }) ===
  JSON.stringify({ ...emptyComplaintInput(input.channel, new Date()), receivedAt: '', channel: '' });

export function NewComplaintPage({ settings }: { settings: WorkstationSettings }) {
  const db = useDb();
  const [draft, setDraft] = useState<{ input: ComplaintInput; restoredAt: string | null } | null>(null);

  // A draft left by a crash or a closed window comes back before anything can be typed over it.
  useEffect(() => {
    let live = true;
    void db.drafts.get(NEW_COMPLAINT_DRAFT).then((row) => {
      if (!live) return;
      setDraft(
        row && !isBlank(row.input)
          ? { input: row.input, restoredAt: row.updatedAt }
          : { input: emptyComplaintInput(initialChannel(), new Date()), restoredAt: null },
      );
    });
    return () => {
      live = false;
    };
  }, [db]);

  if (!draft) return null;
  return (
    <ComplaintForm
      key={draft.restoredAt ?? 'new'}
      initial={draft.input}
      restoredAt={draft.restoredAt}
      settings={settings}
    />
  );
}

function ComplaintForm(props: {
  initial: ComplaintInput;
  restoredAt: string | null;
  settings: WorkstationSettings;
}) {
  const { settings } = props;
  const { t, i18n } = useTranslation(['complaints', 'common', 'validation']);
  const db = useDb();
  const [, navigate] = useLocation();
  const [input, setInput] = useState(props.initial);
  // R9: at the counter or on the phone the customer hears the number and the answer date at once.
  const [acknowledged, setAcknowledged] = useState(CHANNEL_FORM[props.initial.channel] === 'oral');
  const [restoredAt, setRestoredAt] = useState(props.restoredAt);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => firstField.current?.focus(), []);

  // Autosave: what is typed is in IndexedDB within a third of a second, and at once when the page goes away.
  const latest = useRef(input);
  useEffect(() => {
    latest.current = input;
    if (isBlank(input)) return;
    const timer = setTimeout(() => void saveDraft(db, input), DRAFT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [db, input]);
  useEffect(() => {
    const flush = () => {
      if (!isBlank(latest.current)) void saveDraft(db, latest.current);
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [db]);

  const update = (change: (draft: ComplaintInput) => ComplaintInput) => {
    setInput((prev) => {
      const next = change(prev);
      if (submitted) setErrors(validateComplaintInput(next, new Date()));
      return next;
    });
  };
  const setField = <K extends keyof ComplaintInput>(key: K, value: ComplaintInput[K]) =>
    update((d) => ({ ...d, [key]: value }));
  const setCustomer = <K extends keyof ComplaintInput['customer']>(
    key: K,
    value: ComplaintInput['customer'][K],
  ) => update((d) => ({ ...d, customer: { ...d.customer, [key]: value } }));
  const setConcern = (key: keyof ComplaintInput['concerns'], value: string) =>
    update((d) => ({ ...d, concerns: { ...d.concerns, [key]: value } }));

  const errorFor = (path: FieldPath) => {
    const e = errors.find((x) => x.field === path);
    return e ? complaintErrorMessage(i18n, e) : undefined;
  };

  const rule = CHANNEL_RULES[input.channel];
  const now = new Date();
  const answerBy = complaintDueMoments(
    { channel: input.channel, status: 'received', receivedAt: input.receivedAt || now, registeredAt: now },
    branchCalendarOf(settings),
    policyOf(settings),
    now,
  ).find((m) => m.kind === 'final_answer');
  const contactChoice = joinOr(
    rule.contactOneOf.map((f) => t(`contactAccusative.${f}`)),
    i18n.language,
  );

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (saving) return;
    const now = new Date();
    const found = validateComplaintInput(input, now);
    setSubmitted(true);
    setErrors(found);
    setSaveError(null);
    if (found.length > 0) {
      summaryRef.current?.focus();
      document.getElementById(controlIdFor(found[0]!))?.focus();
      return;
    }
    setSaving(true);
    try {
      const complaint = await registerComplaint(db, input, settings, now, { acknowledged });
      localStorage.setItem(LAST_CHANNEL_KEY, input.channel);
      setFlash(JUST_REGISTERED, complaint.id);
      navigate(`/complaints/${complaint.id}`);
    } catch (err) {
      if (err instanceof ValidationFailed) setErrors(err.errors);
      else setSaveError(err instanceof Error ? err.message : String(err));
      setSaving(false);
    }
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };

  const clear = async () => {
    await discardDraft(db);
    setInput(emptyComplaintInput(input.channel, new Date()));
    setRestoredAt(null);
    setErrors([]);
    setSubmitted(false);
    firstField.current?.focus();
  };

  const text = (
    path: FieldPath,
    value: string,
    onChange: (v: string) => void,
    opts: { type?: string; max?: number } = {},
  ) => {
    const id = fieldId(path);
    return (
      <input
        {...describedBy(id, errorFor(path), undefined)}
        type={opts.type ?? 'text'}
        value={value}
        maxLength={opts.max}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  };

  return (
    <form
      className="page complaint-form"
      noValidate
      onSubmit={submit}
      onKeyDown={onKeyDown}
      aria-labelledby="form-title"
    >
      <div className="page-header">
        <h1 id="form-title">{t('form.title')}</h1>
        <p className="muted">
          {t('form.subtitle', { branch: settings.branchCode, employee: settings.employeeName })}
        </p>
      </div>

      {restoredAt && (
        <div className="banner banner-info" role="status" data-testid="draft-restored">
          {t('form.draftRestored', { time: formatTime(restoredAt, i18n.language, settings.timeZone) })}{' '}
          <button type="button" className="link-button" onClick={() => void clear()}>
            {t('form.clear')}
          </button>
        </div>
      )}

      {errors.length > 0 && (
        <div
          className="banner banner-error"
          role="alert"
          tabIndex={-1}
          ref={summaryRef}
          data-testid="error-summary"
        >
          {t('form.errorSummary', { count: errors.length })}
        </div>
      )}
      {saveError && (
        <div className="banner banner-error" role="alert" data-testid="save-error">
          {t('form.saveFailed', { message: saveError })}
        </div>
      )}

      <fieldset className="channel-picker">
        <legend>{t('fields.channel')}</legend>
        <div className="channel-grid" role="radiogroup">
          {CHANNELS.map((c, i) => (
            <label key={c} className={`channel-option ${input.channel === c ? 'selected' : ''}`}>
              <input
                ref={input.channel === c ? firstField : undefined}
                type="radio"
                name="channel"
                value={c}
                checked={input.channel === c}
                onChange={() => {
                  setField('channel', c);
                  setAcknowledged(CHANNEL_FORM[c] === 'oral');
                }}
              />
              <span>{t(`channel.${c}`)}</span>
              {c === 'internal' && <span className="tag">{t('form.confidential')}</span>}
              <span className="visually-hidden">{i + 1}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <section className="form-section">
        <h2>{t('form.sectionCustomer')}</h2>
        <div className="grid-2">
          <Field
            id={fieldId('customer.name')}
            label={input.channel === 'internal' ? t('fields.employeeComplainant') : t('fields.customerName')}
            required={rule.nameRequired}
            error={errorFor('customer.name')}
          >
            {text('customer.name', input.customer.name, (v) => setCustomer('name', v), { max: LIMITS.name })}
          </Field>
          <Field
            id={fieldId('receivedAt')}
            label={t('fields.receivedAt')}
            required
            error={errorFor('receivedAt')}
            hint={t('form.receivedAtHint', { zone: settings.timeZone })}
          >
            <input
              {...describedBy(
                fieldId('receivedAt'),
                errorFor('receivedAt'),
                t('form.receivedAtHint', { zone: settings.timeZone }),
              )}
              type="datetime-local"
              value={toZonedInputValue(input.receivedAt, settings.timeZone)}
              onChange={(e) => setField('receivedAt', fromZonedInputValue(e.target.value, settings.timeZone))}
            />
          </Field>
        </div>
        <div className={`contact-group ${errorFor('contact') ? 'field-invalid' : ''}`}>
          <p className="group-label">
            {t('form.contactRule', { fields: contactChoice })}
            <span className="required">{' *'}</span>
          </p>
          {errorFor('contact') && (
            <p className="error" role="alert" data-testid="error-contact">
              {errorFor('contact')}
            </p>
          )}
          <div className="grid-3">
            <Field
              id={fieldId('customer.phone')}
              label={t('fields.phone')}
              error={errorFor('customer.phone')}
            >
              {text('customer.phone', input.customer.phone, (v) => setCustomer('phone', v), {
                type: 'tel',
                max: LIMITS.phone,
              })}
            </Field>
            <Field
              id={fieldId('customer.email')}
              label={t('fields.email')}
              error={errorFor('customer.email')}
            >
              {text('customer.email', input.customer.email, (v) => setCustomer('email', v), {
                type: 'email',
                max: LIMITS.email,
              })}
            </Field>
            <Field
              id={fieldId('customer.address')}
              label={t('fields.address')}
              error={errorFor('customer.address')}
            >
              {text('customer.address', input.customer.address, (v) => setCustomer('address', v), {
                max: LIMITS.address,
              })}
            </Field>
          </div>
          <div className="grid-2">
            <Field
              id={fieldId('noContactReason')}
              label={t('fields.noContactReason')}
              error={errorFor('noContactReason')}
              hint={t('form.noContactReasonHint')}
            >
              <input
                {...describedBy(
                  fieldId('noContactReason'),
                  errorFor('noContactReason'),
                  t('form.noContactReasonHint'),
                )}
                value={input.noContactReason}
                maxLength={LIMITS.noContactReason}
                onChange={(e) => setField('noContactReason', e.target.value)}
              />
            </Field>
            <Field
              id={fieldId('customer.preferredContact')}
              label={t('fields.preferredContact')}
              error={errorFor('customer.preferredContact')}
            >
              <select
                {...describedBy(
                  fieldId('customer.preferredContact'),
                  errorFor('customer.preferredContact'),
                  undefined,
                )}
                value={input.customer.preferredContact}
                onChange={(e) =>
                  setCustomer(
                    'preferredContact',
                    e.target.value as ComplaintInput['customer']['preferredContact'],
                  )
                }
              >
                <option value="">{t('form.notSpecified')}</option>
                {CONTACT_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`contactMethod.${m}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </div>
      </section>

      <section className="form-section">
        <h2>{t('form.sectionComplaint')}</h2>
        <Field
          id={fieldId('description')}
          label={t('fields.description')}
          required
          error={errorFor('description')}
          hint={t('form.descriptionHint')}
        >
          <textarea
            {...describedBy(fieldId('description'), errorFor('description'), t('form.descriptionHint'))}
            rows={5}
            value={input.description}
            maxLength={LIMITS.description}
            onChange={(e) => setField('description', e.target.value)}
          />
        </Field>
        <Field id={fieldId('remedy')} label={t('fields.remedy')} error={errorFor('remedy')}>
          <textarea
            {...describedBy(fieldId('remedy'), errorFor('remedy'), undefined)}
            rows={2}
            value={input.remedy}
            maxLength={LIMITS.remedy}
            onChange={(e) => setField('remedy', e.target.value)}
          />
        </Field>
        <div className="grid-3">
          <Field
            id={fieldId('concerns.product')}
            label={t('fields.product')}
            error={errorFor('concerns.product')}
          >
            {text('concerns.product', input.concerns.product, (v) => setConcern('product', v), {
              max: LIMITS.concerns,
            })}
          </Field>
          <Field
            id={fieldId('concerns.service')}
            label={t('fields.service')}
            error={errorFor('concerns.service')}
          >
            {text('concerns.service', input.concerns.service, (v) => setConcern('service', v), {
              max: LIMITS.concerns,
            })}
          </Field>
          <Field
            id={fieldId('concerns.employee')}
            label={t('fields.employeeConcerned')}
            error={errorFor('concerns.employee')}
          >
            {text('concerns.employee', input.concerns.employee, (v) => setConcern('employee', v), {
              max: LIMITS.concerns,
            })}
          </Field>
        </div>
        <div className="grid-3">
          <Field id={fieldId('category')} label={t('fields.category')} error={errorFor('category')}>
            <select
              {...describedBy(fieldId('category'), errorFor('category'), undefined)}
              value={input.category}
              onChange={(e) => setField('category', e.target.value as ComplaintInput['category'])}
            >
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`category.${c}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={fieldId('severity')} label={t('fields.severity')} error={errorFor('severity')}>
            <select
              {...describedBy(fieldId('severity'), errorFor('severity'), undefined)}
              value={input.severity}
              onChange={(e) => setField('severity', e.target.value as ComplaintInput['severity'])}
            >
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`severity.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          <div className="field checkbox-field">
            <label>
              <input
                type="checkbox"
                checked={input.healthAndSafety}
                onChange={(e) => setField('healthAndSafety', e.target.checked)}
              />
              {t('fields.healthAndSafety')}
            </label>
          </div>
        </div>
      </section>

      <section className="form-section">
        <div className={`field checkbox-field ${errorFor('consent') ? 'field-invalid' : ''}`}>
          <label>
            <input
              {...describedBy(fieldId('consent'), errorFor('consent'), undefined)}
              type="checkbox"
              checked={input.consent}
              onChange={(e) => setField('consent', e.target.checked)}
            />
            {t('fields.consent')}
          </label>
          {errorFor('consent') && (
            <p
              className="error"
              id={`${fieldId('consent')}-error`}
              data-testid={`error-${fieldId('consent')}`}
            >
              {errorFor('consent')}
            </p>
          )}
        </div>
      </section>

      <section className="form-section">
        <div className="field checkbox-field">
          <label>
            <input
              type="checkbox"
              checked={acknowledged}
              onChange={(e) => setAcknowledged(e.target.checked)}
              aria-describedby="acknowledged-hint"
              data-testid="acknowledged"
            />
            {t('form.acknowledged', {
              date: answerBy ? formatDate(answerBy.dueAt, i18n.language, settings.timeZone) : '—',
            })}
          </label>
          <p className="hint" id="acknowledged-hint">
            {t('form.acknowledgedHint')}
          </p>
        </div>
      </section>

      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving} aria-keyshortcuts="Control+Enter">
          {saving ? t('form.saving') : t('form.submit')}
          <kbd aria-hidden="true">{t('common:keys.ctrlEnter')}</kbd>
        </button>
        <button type="button" onClick={() => void clear()} disabled={saving}>
          {t('form.clear')}
        </button>
      </div>
    </form>
  );
}

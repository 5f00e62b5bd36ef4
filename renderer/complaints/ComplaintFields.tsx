import { useTranslation } from 'react-i18next';
import {
  CATEGORIES,
  CONTACT_METHODS,
  DEFAULT_URGENCY_LEVEL,
  SEVERITIES,
  URGENCY_LEVELS,
  type ComplaintInput,
} from '../../shared/complaints/model';
import { CHANNEL_RULES, LIMITS, type FieldError, type FieldPath } from '../../shared/complaints/validation';
import { joinOr } from '../i18n/format';
import { Field, SelectField, TextField, describedBy } from '../ui/Field';
import { complaintErrorMessage, fieldId } from './fieldErrors';
import { fromZonedInputValue, toZonedInputValue } from './zonedInput';

export interface ComplaintFieldsProps {
  input: ComplaintInput;
  errors: FieldError[];
  update: (change: (input: ComplaintInput) => ComplaintInput) => void;
  /** The branch's zone: the time the complaint arrived is typed in it. */
  timeZone: string;
  /**
   * The feedback-book entry's short form (R6): who wrote, how to reach them, what the entry says and the
   * consent. The channel is the book's, and the time is the moment the entry is saved.
   */
  compact?: boolean;
  /** Label of the description field, when the form calls it something else. */
  descriptionLabel?: string;
}

/**
 * R1–R3: what is recorded about a complaint, each field labelled, with its hint and its error wired for
 * screen readers. Shared by the New complaint form and the feedback book's submit form.
 */
export function ComplaintFields(props: ComplaintFieldsProps) {
  const { t, i18n } = useTranslation(['complaints', 'validation']);
  const { input, update, compact = false } = props;
  const errorFor = (path: FieldPath) => {
    const e = props.errors.find((x) => x.field === path);
    return e ? complaintErrorMessage(i18n, e) : undefined;
  };
  const set = <K extends keyof ComplaintInput>(key: K, value: ComplaintInput[K]) =>
    update((d) => ({ ...d, [key]: value }));
  const setCustomer = <K extends keyof ComplaintInput['customer']>(
    key: K,
    value: ComplaintInput['customer'][K],
  ) => update((d) => ({ ...d, customer: { ...d.customer, [key]: value } }));
  const setConcern = (key: keyof ComplaintInput['concerns'], value: string) =>
    update((d) => ({ ...d, concerns: { ...d.concerns, [key]: value } }));
  /** A text field of the form: its id, its error and its limit follow from its path. */
  const text = (
    path: FieldPath,
    label: string,
    value: string,
    onChange: (v: string) => void,
    maxLength: number,
  ) => (
    <TextField
      id={fieldId(path)}
      label={label}
      value={value}
      onChange={onChange}
      error={errorFor(path)}
      maxLength={maxLength}
      type={path === 'customer.phone' ? 'tel' : path === 'customer.email' ? 'email' : 'text'}
      required={path === 'customer.name' && CHANNEL_RULES[input.channel].nameRequired}
      hint={path === 'noContactReason' ? t('form.noContactReasonHint') : undefined}
    />
  );

  const name = text(
    'customer.name',
    input.channel === 'internal' ? t('fields.employeeComplainant') : t('fields.customerName'),
    input.customer.name,
    (v) => setCustomer('name', v),
    LIMITS.name,
  );
  const phone = text(
    'customer.phone',
    t('fields.phone'),
    input.customer.phone,
    (v) => setCustomer('phone', v),
    LIMITS.phone,
  );
  const email = text(
    'customer.email',
    t('fields.email'),
    input.customer.email,
    (v) => setCustomer('email', v),
    LIMITS.email,
  );
  const noContactReason = text(
    'noContactReason',
    t('fields.noContactReason'),
    input.noContactReason,
    (v) => set('noContactReason', v),
    LIMITS.noContactReason,
  );
  const contactError = errorFor('contact') && (
    <p className="error" role="alert" data-testid="error-contact">
      {errorFor('contact')}
    </p>
  );
  const descriptionHint = compact ? undefined : t('form.descriptionHint');
  const description = (
    <Field
      id={fieldId('description')}
      label={props.descriptionLabel ?? t('fields.description')}
      required
      error={errorFor('description')}
      hint={descriptionHint}
    >
      <textarea
        {...describedBy(fieldId('description'), errorFor('description'), descriptionHint)}
        rows={compact ? 3 : 5}
        value={input.description}
        maxLength={LIMITS.description}
        onChange={(e) => set('description', e.target.value)}
      />
    </Field>
  );
  const consent = (
    <div className={`field checkbox-field ${errorFor('consent') ? 'field-invalid' : ''}`}>
      <label>
        <input
          {...describedBy(fieldId('consent'), errorFor('consent'), undefined)}
          type="checkbox"
          checked={input.consent}
          onChange={(e) => set('consent', e.target.checked)}
        />
        {t('fields.consent')}
      </label>
      {errorFor('consent') && (
        <p className="error" id={`${fieldId('consent')}-error`} data-testid={`error-${fieldId('consent')}`}>
          {errorFor('consent')}
        </p>
      )}
    </div>
  );

  if (compact)
    return (
      <>
        {name}
        <div className={`contact-group ${errorFor('contact') ? 'field-invalid' : ''}`}>
          {contactError}
          <div className="grid-2">
            {phone}
            {email}
          </div>
          {noContactReason}
        </div>
        {description}
        {consent}
      </>
    );

  const receivedAtHint = t('form.receivedAtHint', { zone: props.timeZone });
  const contactChoice = joinOr(
    CHANNEL_RULES[input.channel].contactOneOf.map((f) => t(`contactAccusative.${f}`)),
    i18n.language,
  );
  return (
    <>
      <section className="form-section">
        <h2>{t('form.sectionCustomer')}</h2>
        <div className="grid-2">
          {name}
          <Field
            id={fieldId('receivedAt')}
            label={t('fields.receivedAt')}
            required
            error={errorFor('receivedAt')}
            hint={receivedAtHint}
          >
            <input
              {...describedBy(fieldId('receivedAt'), errorFor('receivedAt'), receivedAtHint)}
              type="datetime-local"
              value={toZonedInputValue(input.receivedAt, props.timeZone)}
              onChange={(e) => set('receivedAt', fromZonedInputValue(e.target.value, props.timeZone))}
            />
          </Field>
        </div>
        <div className={`contact-group ${errorFor('contact') ? 'field-invalid' : ''}`}>
          <p className="group-label">
            {t('form.contactRule', { fields: contactChoice })}
            <span className="required">{' *'}</span>
          </p>
          {contactError}
          <div className="grid-3">
            {phone}
            {email}
            {text(
              'customer.address',
              t('fields.address'),
              input.customer.address,
              (v) => setCustomer('address', v),
              LIMITS.address,
            )}
          </div>
          <div className="grid-2">
            {noContactReason}
            <SelectField
              id={fieldId('customer.preferredContact')}
              label={t('fields.preferredContact')}
              value={input.customer.preferredContact}
              options={CONTACT_METHODS}
              optionLabel={(m) => t(`contactMethod.${m}`)}
              none={t('form.notSpecified')}
              onChange={(v) =>
                setCustomer('preferredContact', v as ComplaintInput['customer']['preferredContact'])
              }
              error={errorFor('customer.preferredContact')}
            />
          </div>
        </div>
      </section>

      <section className="form-section">
        <h2>{t('form.sectionComplaint')}</h2>
        {description}
        <Field id={fieldId('remedy')} label={t('fields.remedy')} error={errorFor('remedy')}>
          <textarea
            {...describedBy(fieldId('remedy'), errorFor('remedy'), undefined)}
            rows={2}
            value={input.remedy}
            maxLength={LIMITS.remedy}
            onChange={(e) => set('remedy', e.target.value)}
          />
        </Field>
        <div className="grid-3">
          {text(
            'concerns.product',
            t('fields.product'),
            input.concerns.product,
            (v) => setConcern('product', v),
            LIMITS.concerns,
          )}
          {text(
            'concerns.service',
            t('fields.service'),
            input.concerns.service,
            (v) => setConcern('service', v),
            LIMITS.concerns,
          )}
          {text(
            'concerns.employee',
            t('fields.employeeConcerned'),
            input.concerns.employee,
            (v) => setConcern('employee', v),
            LIMITS.concerns,
          )}
        </div>
        <div className="grid-3">
          <SelectField
            id={fieldId('category')}
            label={t('fields.category')}
            value={input.category}
            options={CATEGORIES}
            optionLabel={(c) => t(`category.${c}`)}
            onChange={(v) => set('category', v as ComplaintInput['category'])}
            error={errorFor('category')}
          />
          <SelectField
            id={fieldId('severity')}
            label={t('fields.severity')}
            value={input.severity}
            options={SEVERITIES}
            optionLabel={(s) => t(`severity.${s}`)}
            onChange={(v) => set('severity', v as ComplaintInput['severity'])}
            error={errorFor('severity')}
          />
          <SelectField
            id={fieldId('urgencyLevel')}
            label={t('fields.urgencyLevel')}
            value={input.urgencyLevel ?? DEFAULT_URGENCY_LEVEL}
            options={URGENCY_LEVELS}
            optionLabel={(u) => t(`urgencyLevel.${u}`)}
            onChange={(v) => set('urgencyLevel', v as ComplaintInput['urgencyLevel'])}
            error={errorFor('urgencyLevel')}
          />
        </div>
        <div className="grid-3">
          <div className="field checkbox-field">
            <label>
              <input
                type="checkbox"
                checked={input.healthAndSafety}
                onChange={(e) => set('healthAndSafety', e.target.checked)}
              />
              {t('fields.healthAndSafety')}
            </label>
          </div>
        </div>
      </section>

      <section className="form-section">{consent}</section>
    </>
  );
}

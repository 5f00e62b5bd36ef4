import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import {
  CHANNELS,
  emptyComplaintInput,
  type Channel,
  type ComplaintInput,
} from '../../shared/complaints/model';
import { validateComplaintInput, type FieldError } from '../../shared/complaints/validation';
import { CHANNEL_FORM, complaintDueMoments } from '../../shared/deadlines';
import { branchCalendarOf, policyOf, type WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { formatDate, formatTime } from '../i18n/format';
import { useSignedInEmployee } from '../people';
import { useHqPolicy } from '../sync/hooks';
import type { DraftRow } from '../db/database';
import { saveFailureText } from '../ui/saveFailure';
import { ValidationFailed, discardDraft, registerComplaint } from './actions';
import { windowDraftId } from './drafts';
import { OtherWindowDrafts } from './OtherWindowDrafts';
import { ChannelPicker } from './ChannelPicker';
import { ComplaintFields } from './ComplaintFields';
import { CustomerLanguageField } from './CustomerLanguageField';
import { controlIdFor } from './fieldErrors';
import { JUST_REGISTERED, setFlash } from './flash';
import { isBlank, useDraftAutosave } from './useDraftAutosave';
import { ConversationAid, aidRegistrationEvents } from './handling/ConversationAid';
import type { ConversationStep } from '../../shared/handling/codes';
import type { DuplicateMatch } from '../../shared/handling/duplicates';
import { canSeeInternalRegister } from '../../shared/people/model';
import { DuplicateOffer } from './handling/DuplicateOffer';
import { likelyDuplicates } from './handling/queries';

const LAST_CHANNEL_KEY = 'otklik.lastChannel';

function initialChannel(): Channel {
  const last = localStorage.getItem(LAST_CHANNEL_KEY);
  return (CHANNELS as readonly string[]).includes(last ?? '') ? (last as Channel) : 'in_person';
}

/**
 * R1: the New complaint page. This window's draft, left by a crash or a reload, comes back first; drafts of
 * windows that are gone are offered (issue 13: one draft per window).
 */
export function NewComplaintPage({ settings }: { settings: WorkstationSettings }) {
  const db = useDb();
  const [draft, setDraft] = useState<{
    id: string;
    input: ComplaintInput;
    restoredAt: string | null;
  } | null>(null);

  // Before anything can be typed over it.
  useEffect(() => {
    let live = true;
    void (async () => {
      const id = await windowDraftId();
      const row = await db.drafts.get(id);
      if (!live) return;
      setDraft(
        row && !isBlank(row.input)
          ? { id, input: row.input, restoredAt: row.updatedAt }
          : { id, input: emptyComplaintInput(initialChannel(), new Date()), restoredAt: null },
      );
    })();
    return () => {
      live = false;
    };
  }, [db]);

  if (!draft) return null;
  return (
    <ComplaintForm
      key={draft.restoredAt ?? 'new'}
      draftId={draft.id}
      initial={draft.input}
      restoredAt={draft.restoredAt}
      settings={settings}
      onAdopt={(row) => setDraft({ id: draft.id, input: row.input, restoredAt: row.updatedAt })}
    />
  );
}

function ComplaintForm(props: {
  draftId: string;
  initial: ComplaintInput;
  restoredAt: string | null;
  settings: WorkstationSettings;
  onAdopt: (draft: DraftRow) => void;
}) {
  const { settings } = props;
  const { t, i18n } = useTranslation(['complaints', 'common']);
  const db = useDb();
  const me = useSignedInEmployee();
  // Issue 15 item 3 (R4): the greeting names the company HQ set; the branch until it has.
  // R10: the duplicate window HQ set (issue 15 item 7).
  const { companyName, handling } = useHqPolicy(settings);
  const [, navigate] = useLocation();
  const [input, setInput] = useState(props.initial);
  // R9: at the counter or on the phone the customer hears the number and the answer date at once.
  const [acknowledged, setAcknowledged] = useState(CHANNEL_FORM[props.initial.channel] === 'oral');
  const [restoredAt, setRestoredAt] = useState(props.restoredAt);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [aidSteps, setAidSteps] = useState<ConversationStep[]>([]);
  const [duplicates, setDuplicates] = useState<DuplicateMatch[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => firstField.current?.focus(), []);
  const draftProblem = useDraftAutosave(db, props.draftId, input);

  const update = (change: (draft: ComplaintInput) => ComplaintInput) => {
    setInput((prev) => {
      const next = change(prev);
      if (submitted) setErrors(validateComplaintInput(next, new Date()));
      return next;
    });
  };

  const now = new Date();
  const answerBy = complaintDueMoments(
    { channel: input.channel, status: 'received', receivedAt: input.receivedAt || now, registeredAt: now },
    branchCalendarOf(settings),
    policyOf(settings),
    now,
  ).find((m) => m.kind === 'final_answer');

  async function submit(e?: FormEvent, anyway = false) {
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
      // R5: likely duplicates are offered before saving; the employee may register anyway.
      const matches = anyway
        ? []
        : await likelyDuplicates(db, input, canSeeInternalRegister(me.role), handling.duplicates);
      setDuplicates(matches);
      if (matches.length > 0) {
        setSaving(false);
        return;
      }
      const complaint = await registerComplaint(db, input, settings, me, now, {
        acknowledged,
        draftId: props.draftId,
        handling: aidRegistrationEvents(input.channel, aidSteps),
      });
      localStorage.setItem(LAST_CHANNEL_KEY, input.channel);
      setFlash(JUST_REGISTERED, complaint.id);
      navigate(`/complaints/${complaint.id}`);
    } catch (err) {
      if (err instanceof ValidationFailed) setErrors(err.errors);
      // Issue 13: a full disk is said as such; the form keeps what was typed, to save again.
      else setSaveError(saveFailureText(err, (message) => t('form.saveFailed', { message })));
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
    await discardDraft(db, props.draftId);
    setInput(emptyComplaintInput(input.channel, new Date()));
    setRestoredAt(null);
    setErrors([]);
    setSubmitted(false);
    firstField.current?.focus();
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
        <p className="muted">{t('form.subtitle', { branch: settings.branchCode, employee: me.name })}</p>
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
          {saveError}
        </div>
      )}
      {draftProblem && (
        <div className="banner banner-warning" role="alert" data-testid="draft-error">
          {draftProblem}
        </div>
      )}
      {duplicates.length > 0 && (
        <DuplicateOffer matches={duplicates} onRegisterAnyway={() => void submit(undefined, true)} />
      )}
      <OtherWindowDrafts
        draftId={props.draftId}
        canContinue={isBlank(input)}
        timeZone={settings.timeZone}
        onContinue={props.onAdopt}
      />

      <ChannelPicker
        value={input.channel}
        focusRef={firstField}
        onChange={(channel) => {
          update((d) => ({ ...d, channel }));
          setAcknowledged(CHANNEL_FORM[channel] === 'oral');
        }}
      />

      <ConversationAid
        channel={input.channel}
        company={companyName || settings.branchName}
        employee={me.name}
        steps={aidSteps}
        onChange={setAidSteps}
      />

      <ComplaintFields input={input} errors={errors} update={update} timeZone={settings.timeZone} />
      <section className="form-section">
        <CustomerLanguageField input={input} branchLanguage={settings.language} update={update} />
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

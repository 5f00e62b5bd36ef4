import { useEffect, useRef, useState, type DragEvent, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { MAX_PAGES_PER_ENTRY, type BookEntry, type BookPage } from '../../shared/book/model';
import type { EntryRisk, HqReach } from '../../shared/book/risk';
import { emptyComplaintInput, type ComplaintInput } from '../../shared/complaints/model';
import { validateComplaintInput, type FieldError } from '../../shared/complaints/validation';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { complaintErrorMessage } from '../complaints/fieldErrors';
import { ValidationFailed } from '../complaints/actions';
import { formatDateTime } from '../i18n/format';
import { platform } from '../platform';
import { useNow } from '../shell/useNow';
import { BookDeadline, mailProblem } from './BookDeadline';
import { useHqReach } from './connectivity';
import { riskOf, usePhotosAtHq, useEntry } from './queries';
import { useCamera } from './camera';
import { PageImage } from './PageThumb';
import { ImageRejected } from './imaging';
import { processFile, processFrame, rotateStored } from './imageWorker';
import {
  DuplicatePage,
  EntryClosed,
  EntryFull,
  addPage,
  movePage,
  removePage,
  replacePage,
  submitEntry,
  type NewPage,
} from './actions';
import { DirectoryIncomplete, exportFallbackEml } from './fallback';
import { useFocusSaveRequest } from './focusSave';

/** Below this much free space a warning shows before the next photo (a page is ~0.5–1 MB). */
const LOW_SPACE_BYTES = 200 * 1024 * 1024;

/** /book/new and /book/:id — capture while the entry is open, the delivery view once submitted. */
export function BookEntryPage({ id, settings }: { id: string | null; settings: WorkstationSettings }) {
  const { t } = useTranslation('book');
  const data = useEntry(id ?? '');
  if (id !== null && data && !data.entry)
    return (
      <div className="page empty-state" data-testid="book-not-found">
        <h2>{t('notFound')}</h2>
        <Link href="/book">{t('backToList')}</Link>
      </div>
    );
  if (data?.entry?.state === 'submitted')
    return <EntryView entry={data.entry} pages={data.pages} settings={settings} />;
  // Capture stays mounted while the entry loads: a batch of imports that started the entry goes on.
  return (
    <CaptureView
      entryId={id}
      entry={data?.entry ?? undefined}
      pages={data?.pages ?? []}
      settings={settings}
    />
  );
}

type Problem = { file?: string; text: string };

function useLowSpace(trigger: unknown): number | null {
  const [free, setFree] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    platform
      .diskSpace()
      .then((s) => live && setFree(s && s.freeBytes < LOW_SPACE_BYTES ? s.freeBytes : null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [trigger]);
  return free;
}

function CaptureView({
  entryId,
  entry,
  pages,
  settings,
}: {
  entryId: string | null;
  entry?: BookEntry;
  pages: BookPage[];
  settings: WorkstationSettings;
}) {
  const { t, i18n } = useTranslation(['book', 'complaints', 'validation']);
  const db = useDb();
  const [, navigate] = useLocation();
  const { videoRef, devices, deviceId, choose, problem, ready, retry } = useCamera();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [dragging, setDragging] = useState(false);
  const lowSpace = useLowSpace(pages.length);
  const now = useNow(30_000);
  const reach = useHqReach();
  const photos = usePhotosAtHq(pages);
  const risk = entry ? riskOf(entry, settings, now, reach, photos.refused) : null;
  const saveButton = useRef<HTMLButtonElement>(null);
  const options = { longEdge: settings.photoLongEdge, quality: settings.photoQuality };
  // The entry the next page joins: set by the first page of a new entry before the route catches up.
  const current = useRef(entryId);
  useEffect(() => {
    if (entryId) current.current = entryId;
  }, [entryId]);

  const explain = (err: unknown): string => {
    if (err instanceof ImageRejected) return t(`book:rejected.${err.code}`);
    if (err instanceof DuplicatePage) return t('book:rejected.duplicate', { page: err.pageNo });
    if (err instanceof EntryFull) return t('book:rejected.full', { max: MAX_PAGES_PER_ENTRY });
    if (err instanceof EntryClosed) return t('book:rejected.closed');
    if (err instanceof DOMException && err.name === 'QuotaExceededError') return t('book:rejected.quota');
    return t('book:rejected.failed', { message: err instanceof Error ? err.message : String(err) });
  };

  /** One page at a time: a capture is durable before the next one starts. */
  async function save(page: NewPage, replacing?: string) {
    if (replacing) await replacePage(db, replacing, page, settings);
    else {
      const { entry: saved } = await addPage(db, current.current, page, settings);
      if (current.current !== saved.id) {
        current.current = saved.id;
        navigate(`/book/${saved.id}`, { replace: true });
      }
    }
  }

  async function takePhoto(replacing?: string) {
    const video = videoRef.current;
    if (busy || !video || !ready) return;
    setBusy(true);
    try {
      await save({ image: await processFrame(video, options), source: 'camera' }, replacing);
      setProblems([]);
    } catch (err) {
      setProblems([{ text: explain(err) }]);
    } finally {
      setBusy(false);
    }
  }

  async function importFiles(files: File[]) {
    if (busy || files.length === 0) return;
    setBusy(true);
    const found: Problem[] = [];
    for (const file of files) {
      try {
        await save({ image: await processFile(file, options), source: 'import', originalName: file.name });
      } catch (err) {
        found.push({ file: file.name, text: explain(err) });
      }
    }
    setProblems(found);
    setBusy(false);
  }

  async function rotate(page: BookPage) {
    if (busy) return;
    setBusy(true);
    try {
      const photo = await db.photos.get(page.sha256);
      if (!photo) throw new ImageRejected('missing');
      const image = await rotateStored(photo.blob, { ...options, rotate: 90 });
      await replacePage(
        db,
        page.id,
        {
          image: { ...image, sourceSha256: page.sourceSha256 },
          source: page.source,
          originalName: page.originalName,
        },
        settings,
      );
    } catch (err) {
      setProblems([{ text: explain(err) }]);
    } finally {
      setBusy(false);
    }
  }

  // Space takes a photo whenever the focus is not in a text field or on another control.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || e.repeat || e.ctrlKey || e.altKey || e.metaKey) return;
      const el = document.activeElement;
      if (el && el !== document.body && el.closest('input, textarea, select, button, a, [contenteditable]'))
        return;
      e.preventDefault();
      void takePhoto();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void importFiles([...e.dataTransfer.files]);
  };

  return (
    <div
      className={`page book-capture ${dragging ? 'dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="book-capture"
    >
      <div className="page-header">
        <h1>{t('book:captureTitle')}</h1>
        <Link href="/book">{t('book:backToList')}</Link>
      </div>
      {entry && risk && <BookDeadline entry={entry} risk={risk} settings={settings} now={now} />}
      {entry && <NotConnectedNote reach={reach} />}
      {entry && risk && pages.length > 0 && (risk.urgency === 'at_risk' || risk.urgency === 'late') && (
        <div className="banner banner-error" role="alert" data-testid="capture-at-risk">
          <p>{t('book:captureAtRisk')}</p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              saveButton.current?.scrollIntoView({ block: 'center' });
              saveButton.current?.focus();
            }}
            data-testid="capture-at-risk-finish"
          >
            {t('book:atRisk.finish')}
          </button>
        </div>
      )}
      {lowSpace !== null && (
        <div className="banner banner-warning" role="status" data-testid="book-low-space">
          {t('book:lowSpace', { mb: Math.floor(lowSpace / 1048576) })}
        </div>
      )}
      <div className="capture-grid">
        <section className="camera-panel" aria-label={t('book:camera')}>
          {problem ? (
            <div className="banner banner-warning" role="alert" data-testid="camera-problem">
              <p>{t(`book:cameraProblem.${problem}`)}</p>
              <button type="button" onClick={retry}>
                {t('book:retryCamera')}
              </button>
            </div>
          ) : null}
          <video
            ref={videoRef}
            className="camera-preview"
            muted
            playsInline
            hidden={problem !== null}
            data-testid="camera-preview"
          />
          {devices.length > 1 && (
            <label className="field">
              {t('book:chooseCamera')}
              <select value={deviceId} onChange={(e) => choose(e.target.value)} data-testid="camera-select">
                {devices.map((d, i) => (
                  <option key={d.deviceId} value={d.deviceId}>
                    {d.label || t('book:cameraN', { n: i + 1 })}
                  </option>
                ))}
              </select>
            </label>
          )}
          <div className="capture-actions">
            <button
              type="button"
              className="primary big"
              onClick={() => void takePhoto()}
              disabled={busy || !ready || pages.length >= MAX_PAGES_PER_ENTRY}
              aria-keyshortcuts="Space"
              data-testid="take-photo"
            >
              {busy ? t('book:saving') : t('book:takePhoto')}
            </button>
            <kbd>{t('book:spaceHint')}</kbd>
            <label className="button" data-testid="import-label">
              {t('book:importFiles')}
              <input
                type="file"
                accept="image/*,.heic,.heif,.pdf"
                multiple
                hidden
                data-testid="import-input"
                onChange={(e) => {
                  void importFiles([...(e.target.files ?? [])]);
                  e.target.value = '';
                }}
              />
            </label>
          </div>
          <p className="hint">{t('book:dropHint')}</p>
          {problems.length > 0 && (
            <ul className="banner banner-error" role="alert" data-testid="capture-problems">
              {problems.map((p, i) => (
                <li key={i}>{p.file ? `${p.file}: ${p.text}` : p.text}</li>
              ))}
            </ul>
          )}
        </section>
        <section className="pages-panel" aria-label={t('book:pagesTitle')}>
          <h2>{t('book:pages', { count: pages.length })}</h2>
          {pages.length === 0 ? (
            <p className="muted" data-testid="no-pages">
              {t('book:noPages')}
            </p>
          ) : (
            <ol className="page-thumbs" data-testid="page-thumbs">
              {pages.map((p, i) => (
                <li key={p.id} data-testid="page-thumb" data-sha256={p.sha256}>
                  <PageImage sha256={p.sha256} alt={t('book:pageN', { n: p.pageNo })} className="thumb" />
                  <span>{t('book:pageN', { n: p.pageNo })}</span>
                  <div className="thumb-actions">
                    <button
                      type="button"
                      onClick={() => void movePage(db, p.id, -1)}
                      disabled={i === 0 || busy}
                    >
                      {t('book:moveUp')}
                    </button>
                    <button
                      type="button"
                      onClick={() => void movePage(db, p.id, 1)}
                      disabled={i === pages.length - 1 || busy}
                    >
                      {t('book:moveDown')}
                    </button>
                    <button type="button" onClick={() => void rotate(p)} disabled={busy}>
                      {t('book:rotate')}
                    </button>
                    <button
                      type="button"
                      onClick={() => void takePhoto(p.id)}
                      disabled={busy || !ready}
                      data-testid="retake"
                    >
                      {t('book:retake')}
                    </button>
                    <button
                      type="button"
                      className="danger"
                      onClick={() => void removePage(db, p.id, settings)}
                      disabled={busy}
                      data-testid="delete-page"
                    >
                      {t('book:deletePage')}
                    </button>
                  </div>
                </li>
              ))}
            </ol>
          )}
          {entryId && pages.length > 0 && (
            <SubmitForm entryId={entryId} settings={settings} lng={i18n.language} saveButton={saveButton} />
          )}
        </section>
      </div>
      {entry && risk && pages.length > 0 && (
        <FallbackSection entry={entry} risk={risk} reach={reach} settings={settings} />
      )}
    </div>
  );
}

/** Links the entry to a complaint — a new one (channel "feedback book") or an existing one — and submits it. */
function SubmitForm({
  entryId,
  settings,
  saveButton,
}: {
  entryId: string;
  settings: WorkstationSettings;
  lng: string;
  saveButton: RefObject<HTMLButtonElement | null>;
}) {
  const { t, i18n } = useTranslation(['book', 'complaints', 'validation']);
  const db = useDb();
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [input, setInput] = useState<ComplaintInput>(() => emptyComplaintInput('feedback_book', new Date()));
  const [number, setNumber] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [numberError, setNumberError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useFocusSaveRequest(saveButton);

  const err = (field: string) => {
    const e = errors.find((x) => x.field === field || (field === 'contact' && x.field === 'contact'));
    return e ? complaintErrorMessage(i18n, e) : undefined;
  };
  const setCustomer = (k: 'name' | 'phone' | 'email', v: string) =>
    setInput((p) => ({ ...p, customer: { ...p.customer, [k]: v } }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    setNumberError(null);
    try {
      setSaving(true);
      if (mode === 'existing') {
        const complaint = await db.complaints.where('number').equals(number.trim().toUpperCase()).first();
        if (!complaint) {
          setNumberError(t('book:numberNotFound'));
          return;
        }
        await submitEntry(db, entryId, { kind: 'existing', complaintId: complaint.id }, settings);
      } else {
        const raw = { ...input, receivedAt: new Date().toISOString() };
        const found = validateComplaintInput(raw, new Date());
        setErrors(found);
        if (found.length > 0) return;
        await submitEntry(db, entryId, { kind: 'new', input: raw }, settings);
      }
    } catch (error) {
      if (error instanceof ValidationFailed) setErrors(error.errors);
      else
        setFailure(
          t('book:rejected.failed', { message: error instanceof Error ? error.message : String(error) }),
        );
    } finally {
      setSaving(false);
    }
  }

  const field = (id: string, label: string, value: string, onChange: (v: string) => void, error?: string) => (
    <div className={`field ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
      />
      {error && (
        <p className="error" data-testid={`error-${id}`}>
          {error}
        </p>
      )}
    </div>
  );

  return (
    <form className="submit-entry" onSubmit={submit} noValidate data-testid="submit-entry">
      <h2>{t('book:linkTitle')}</h2>
      <div className="segmented" role="radiogroup">
        <label>
          <input type="radio" checked={mode === 'new'} onChange={() => setMode('new')} />
          {t('book:linkNew')}
        </label>
        <label>
          <input type="radio" checked={mode === 'existing'} onChange={() => setMode('existing')} />
          {t('book:linkExisting')}
        </label>
      </div>
      {mode === 'existing' ? (
        field('b-number', t('book:complaintNumber'), number, setNumber, numberError ?? undefined)
      ) : (
        <>
          {field('b-name', t('complaints:fields.customerName'), input.customer.name, (v) =>
            setCustomer('name', v),
          )}
          {field(
            'b-phone',
            t('complaints:fields.phone'),
            input.customer.phone,
            (v) => setCustomer('phone', v),
            err('customer.phone'),
          )}
          {field(
            'b-email',
            t('complaints:fields.email'),
            input.customer.email,
            (v) => setCustomer('email', v),
            err('customer.email'),
          )}
          {field(
            'b-noContact',
            t('complaints:fields.noContactReason'),
            input.noContactReason,
            (v) => setInput((p) => ({ ...p, noContactReason: v })),
            err('contact') ?? err('noContactReason'),
          )}
          <div className={`field ${err('description') ? 'field-invalid' : ''}`}>
            <label htmlFor="b-description">{t('book:summary')}</label>
            <textarea
              id="b-description"
              rows={3}
              value={input.description}
              onChange={(e) => setInput((p) => ({ ...p, description: e.target.value }))}
            />
            {err('description') && (
              <p className="error" data-testid="error-b-description">
                {err('description')}
              </p>
            )}
          </div>
          <div className={`field checkbox-field ${err('consent') ? 'field-invalid' : ''}`}>
            <label>
              <input
                type="checkbox"
                checked={input.consent}
                onChange={(e) => setInput((p) => ({ ...p, consent: e.target.checked }))}
              />
              {t('complaints:fields.consent')}
            </label>
            {err('consent') && <p className="error">{err('consent')}</p>}
          </div>
        </>
      )}
      {failure && (
        <p className="banner banner-error" role="alert">
          {failure}
        </p>
      )}
      <button
        type="submit"
        className="primary"
        disabled={saving}
        ref={saveButton}
        data-testid="submit-entry-button"
      >
        {t('book:submit')}
      </button>
    </form>
  );
}

/** A submitted entry: its pages, its deadline and delivery, and the R7 fallback. */
function EntryView({
  entry,
  pages,
  settings,
}: {
  entry: BookEntry;
  pages: BookPage[];
  settings: WorkstationSettings;
}) {
  const { t, i18n } = useTranslation('book');
  const now = useNow(30_000);
  const reach = useHqReach();
  const photos = usePhotosAtHq(pages);
  const risk = riskOf(entry, settings, now, reach, photos.refused);
  const atHq = photos.all;
  const lng = i18n.language;

  return (
    <div className="page book-entry-view" data-testid="book-entry-view">
      <div className="page-header">
        <h1>{t('entryTitle', { number: entry.complaintNumber ?? '' })}</h1>
        <Link href="/book">{t('backToList')}</Link>
      </div>
      <BookDeadline entry={entry} risk={risk} settings={settings} now={now} atHq={atHq} />
      <NotConnectedNote reach={reach} delivered={risk.urgency === 'delivered'} />
      <dl className="facts">
        <dt>{t('capturedBy')}</dt>
        <dd>{entry.capturedBy}</dd>
        <dt>{t('capturedAtLabel')}</dt>
        <dd>{formatDateTime(entry.capturedAt, lng, settings.timeZone)}</dd>
        {entry.complaintId && (
          <>
            <dt>{t('complaint')}</dt>
            <dd>
              <Link href={`/complaints/${entry.complaintId}`}>{entry.complaintNumber}</Link>
            </dd>
          </>
        )}
      </dl>
      <FallbackSection entry={entry} risk={risk} reach={reach} settings={settings} />
      <ol className="page-thumbs large" data-testid="page-thumbs">
        {pages.map((p) => (
          <li key={p.id} data-testid="page-thumb" data-sha256={p.sha256}>
            <PageImage sha256={p.sha256} alt={t('pageN', { n: p.pageNo })} className="thumb" />
            <span>{t('pageN', { n: p.pageNo })}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** R7: a workstation never connected to HQ sends nothing by itself; the entry says so plainly. */
function NotConnectedNote({ reach, delivered = false }: { reach: HqReach; delivered?: boolean }) {
  const { t } = useTranslation('book');
  if (reach.kind !== 'not_connected' || delivered) return null;
  return (
    <p className="banner banner-warning" role="status" data-testid="book-not-connected">
      {t('notConnected')}
    </p>
  );
}

/**
 * The R7 fallback, on the capture screen (pages taken, entry not saved yet) and on a saved entry: a ready
 * `.eml` to the manager with a copy to the head of sales. The addresses come from the directory (HQ's, or
 * Settings until HQ sets them); what is missing is said before the button is pressed.
 */
function FallbackSection({
  entry,
  risk,
  reach,
  settings,
}: {
  entry: BookEntry;
  risk: EntryRisk;
  reach: HqReach;
  settings: WorkstationSettings;
}) {
  const { t, i18n } = useTranslation('book');
  const db = useDb();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const lng = i18n.language;
  if (risk.urgency === 'delivered') return null;

  async function fallback() {
    setMessage(null);
    try {
      const name = await exportFallbackEml(db, entry, settings);
      setMessage({ kind: 'ok', text: t('fallback.done', { file: name }) });
    } catch (err) {
      setMessage({
        kind: 'error',
        text:
          err instanceof DirectoryIncomplete
            ? t('fallback.noManager')
            : err instanceof ImageRejected
              ? t(`rejected.${err.code}`)
              : t('rejected.failed', { message: err instanceof Error ? err.message : String(err) }),
      });
    }
  }

  // HQ reported it cannot send (refused for good, no manager address): the branch's own e-mail is the way out.
  const problem = mailProblem(entry);
  const urgent =
    risk.urgency !== 'waiting' ||
    reach.kind === 'not_connected' ||
    problem === 'failed' ||
    problem === 'no_manager';
  return (
    <section className="fallback" data-testid="fallback">
      <h2>{t('fallback.title')}</h2>
      <p>{t('fallback.text')}</p>
      {!settings.managerEmail ? (
        <p className="banner banner-warning" role="status" data-testid="fallback-no-manager">
          {t('fallback.noManager')} <Link href="/settings">{t('fallback.toSettings')}</Link>
        </p>
      ) : (
        !settings.headOfSalesEmail && (
          <p className="hint" data-testid="fallback-no-head-of-sales">
            {t('fallback.noHeadOfSales')}
          </p>
        )
      )}
      <button
        type="button"
        className={urgent ? 'primary' : ''}
        onClick={() => void fallback()}
        data-testid="fallback-eml"
      >
        {t('fallback.button')}
      </button>
      {message && (
        <p
          className={`banner banner-${message.kind === 'ok' ? 'success' : 'error'}`}
          role="status"
          data-testid="fallback-message"
        >
          {message.text}
        </p>
      )}
      {entry.fallbacks.length > 0 && (
        <ul data-testid="fallback-records">
          {entry.fallbacks.map((f) => (
            <li key={f.at}>
              {t('fallback.record', { by: f.by, time: formatDateTime(f.at, lng, settings.timeZone) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Complaint, ComplaintEvent } from '../../../shared/complaints/model';
import { attachedFiles, type AttachedFile } from '../../../shared/handling/attachments';
import { useDb } from '../../db/context';
import { formatDateTime, formatFileSize } from '../../i18n/format';
import { useSignedInEmployee } from '../../people';
import { offerDownload } from '../../platform/download';
import { addAttachment, removeAttachment } from './attachmentActions';
import { attachmentBytes, type AttachmentUnavailable } from './attachmentBytes';
import { StepErrors, useStep } from './useStep';

/** Where a file's bytes are: kept here (waiting for HQ, at HQ, refused by HQ), or on another workstation. */
type FileState = 'pending' | 'uploaded' | 'refused' | 'elsewhere';

/**
 * R3, R5 (issue 15 item 2): the files attached to a complaint — photos, scans, PDFs, e-mails — with name,
 * size, type, who and when; added with the file picker or by dropping them here, offline too (each one
 * transaction: its bytes and its queue entry for HQ); saved from this PC's own copy, or — a file added on
 * another PC of the branch — fetched from HQ when it is opened, and kept here from then on.
 */
export function AttachmentsPanel(props: {
  complaint: Complaint;
  history: ComplaintEvent[];
  timeZone: string;
}) {
  const { t, i18n } = useTranslation('handling');
  const db = useDb();
  const me = useSignedInEmployee();
  const step = useStep('file');
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const files = attachedFiles(props.history);
  const key = files.map((f) => f.sha256).join(',');
  const stored = useLiveQuery(
    async () => db.photos.bulkGet(files.map((f) => f.sha256)),
    // `key` stands for the files' hashes.
    [db, key],
  );
  const canAdd = !props.complaint.progress.mergedInto;

  // Files wait their turn: those dropped while the previous ones are still being saved are added after them.
  // A drop on an idle panel is a new action: its first file clears what an earlier one refused; while the
  // queue runs, each refusal stays on screen, named by its file, until the queue is done.
  const queue = useRef(Promise.resolve());
  const waiting = useRef(0);
  function add(list: FileList | null) {
    const picked = Array.from(list ?? []);
    if (input.current) input.current.value = '';
    if (picked.length === 0) return;
    const fresh = waiting.current === 0;
    waiting.current += 1;
    queue.current = queue.current
      .then(async () => {
        for (const [i, file] of picked.entries()) {
          const keep = !(fresh && i === 0);
          const added = await step.run(() => addAttachment(db, props.complaint.id, file, me), {
            keep,
            label: file.name,
          });
          // The first refused stops the rest it came with.
          if (!added) break;
        }
      })
      // step.run says what went wrong itself and does not reject; anything else must not stop the queue.
      .catch((error: unknown) => console.error(error))
      .finally(() => {
        waiting.current -= 1;
      });
  }
  function drop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    if (canAdd) add(e.dataTransfer.files);
  }

  return (
    <section
      aria-labelledby="attachments-title"
      className={`handling-panel attachments${over ? ' drop-over' : ''}`}
      data-testid="attachments"
      onDragOver={(e) => {
        if (!canAdd) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <h2 id="attachments-title">{t('ui.attachments.title')}</h2>
      {files.length === 0 && <p className="muted">{t('ui.attachments.none')}</p>}
      <ul>
        {files.map((f, i) => {
          const row = stored?.[i];
          const state: FileState = row ? row.uploadState : 'elsewhere';
          if (f.removed)
            return (
              <li key={f.attachmentId} data-testid="attachment" data-state="removed" className="muted">
                <s>{f.fileName}</s> ·{' '}
                {t('ui.attachments.removed', {
                  reason: f.removed.reason,
                  name: f.removed.actor,
                  when: formatDateTime(f.removed.at, i18n.language, props.timeZone),
                })}
              </li>
            );
          return (
            <li key={f.attachmentId} data-testid="attachment" data-state={state}>
              <FileLine file={f} lng={i18n.language} timeZone={props.timeZone} />
              {' · '}
              <span className={`attachment-state attachment-${state}`} data-testid="attachment-state">
                {t(`ui.attachments.state.${state}`)}
              </span>{' '}
              <SaveFile file={f} /> {canAdd && <RemoveFile complaintId={props.complaint.id} file={f} />}
            </li>
          );
        })}
      </ul>
      {canAdd && (
        <>
          <p className="hint">{t('ui.attachments.hint')}</p>
          <label className="button">
            {t('ui.attachments.add')}
            <input
              ref={input}
              type="file"
              multiple
              hidden
              accept="image/jpeg,image/png,image/webp,image/gif,image/tiff,application/pdf,message/rfc822,.eml"
              data-testid="attachment-input"
              disabled={step.saving}
              onChange={(e) => add(e.target.files)}
            />
          </label>
        </>
      )}
      <StepErrors errors={step.errors} testId="attachment-error" />
    </section>
  );
}

/**
 * "Save": this PC's copy, or the file fetched from HQ (checked against its hash, then kept); when it cannot
 * be had now, why, in the user's words (offline: it is at HQ and opens once connected).
 */
function SaveFile({ file }: { file: AttachedFile }) {
  const { t } = useTranslation('handling');
  const db = useDb();
  const [busy, setBusy] = useState(false);
  const [unavailable, setUnavailable] = useState<AttachmentUnavailable | null>(null);
  async function save() {
    setBusy(true);
    setUnavailable(null);
    try {
      const got = await attachmentBytes(db, file);
      if (got.ok) offerDownload(got.blob, file.fileName);
      else setUnavailable(got.reason);
    } catch {
      setUnavailable('failed');
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button
        type="button"
        className="link"
        data-testid="attachment-save"
        disabled={busy}
        onClick={() => void save()}
      >
        {busy ? t('ui.attachments.fetching') : t('ui.attachments.save')}
      </button>
      {unavailable && (
        <span role="status" className="hint" data-testid="attachment-unavailable" data-reason={unavailable}>
          {' '}
          {t(`ui.attachments.unavailable.${unavailable}`)}
        </span>
      )}
    </>
  );
}

function FileLine({ file, lng, timeZone }: { file: AttachedFile; lng: string; timeZone: string }) {
  const { t } = useTranslation('handling');
  return (
    <>
      <strong data-testid="attachment-name">{file.fileName}</strong> · {formatFileSize(file.size, lng)} ·{' '}
      {t(`attachmentKind.${file.kind}`)} ·{' '}
      <span className="muted">
        {t('ui.attachments.by', { name: file.actor, when: formatDateTime(file.at, lng, timeZone) })}
      </span>
    </>
  );
}

/** R3: takes a file off the complaint, with why (its bytes stay for the record). */
function RemoveFile({ complaintId, file }: { complaintId: string; file: AttachedFile }) {
  const { t } = useTranslation('handling');
  const db = useDb();
  const me = useSignedInEmployee();
  const step = useStep();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open)
    return (
      <button type="button" className="link" data-testid="attachment-remove" onClick={() => setOpen(true)}>
        {t('ui.attachments.remove')}
      </button>
    );
  return (
    <form
      data-testid="attachment-remove-form"
      onSubmit={(e) => {
        e.preventDefault();
        void step.run(() => removeAttachment(db, complaintId, file.attachmentId, reason, me));
      }}
    >
      <label>
        {t('ui.attachments.removeReason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" disabled={step.saving}>
        {t('ui.attachments.removeConfirm')}
      </button>
      <StepErrors errors={step.errors} testId="attachment-remove-error" />
    </form>
  );
}

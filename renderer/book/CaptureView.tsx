import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { MAX_PAGES_PER_ENTRY, type BookEntry, type BookPage } from '../../shared/book/model';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { useSignedInEmployee } from '../people';
import { useNow } from '../ui/useNow';
import { movePage, removePage } from './actions';
import { BookDeadline } from './BookDeadline';
import { CameraPanel } from './CameraPanel';
import { CapturedPages } from './CapturedPages';
import { useCamera } from './camera';
import { useHqReach } from './connectivity';
import { FallbackSection } from './FallbackSection';
import { NotConnectedNote } from './NotConnectedNote';
import { riskOf, usePhotosAtHq } from './queries';
import { SubmitForm } from './SubmitForm';
import { useCapture } from './useCapture';
import { useLowSpace } from './useLowSpace';

/**
 * R6: an entry being captured — camera and import (files may be dropped anywhere on it), its pages, the
 * form that saves it, and from the first page on its deadline and the R7 fallback.
 */
export function CaptureView({
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
  const { t } = useTranslation('book');
  const db = useDb();
  const me = useSignedInEmployee();
  const camera = useCamera();
  const { busy, problems, takePhoto, importFiles, rotate, change } = useCapture({
    entryId,
    settings,
    video: camera.videoRef,
    ready: camera.ready,
  });
  const [dragging, setDragging] = useState(false);
  const lowSpace = useLowSpace(pages.length);
  const now = useNow(30_000);
  const reach = useHqReach();
  const photos = usePhotosAtHq(pages);
  const risk = entry ? riskOf(entry, settings, now, reach, photos.refused) : null;
  const saveButton = useRef<HTMLButtonElement>(null);

  return (
    <div
      className={`page book-capture ${dragging ? 'dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void importFiles([...e.dataTransfer.files]);
      }}
      data-testid="book-capture"
    >
      <div className="page-header">
        <h1>{t('captureTitle')}</h1>
        <Link href="/book">{t('backToList')}</Link>
      </div>
      {entry && risk && <BookDeadline entry={entry} risk={risk} settings={settings} now={now} />}
      {entry && <NotConnectedNote reach={reach} />}
      {entry && risk && pages.length > 0 && (risk.urgency === 'at_risk' || risk.urgency === 'late') && (
        <div className="banner banner-error" role="alert" data-testid="capture-at-risk">
          <p>{t('captureAtRisk')}</p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              saveButton.current?.scrollIntoView({ block: 'center' });
              saveButton.current?.focus();
            }}
            data-testid="capture-at-risk-finish"
          >
            {t('atRisk.finish')}
          </button>
        </div>
      )}
      {lowSpace !== null && (
        <div className="banner banner-warning" role="status" data-testid="book-low-space">
          {t('lowSpace', { mb: Math.floor(lowSpace / 1048576) })}
        </div>
      )}
      <div className="capture-grid">
        <CameraPanel
          camera={camera}
          busy={busy}
          full={pages.length >= MAX_PAGES_PER_ENTRY}
          problems={problems}
          onTake={() => void takePhoto()}
          onImport={(files) => void importFiles(files)}
        />
        <section className="pages-panel" aria-label={t('pagesTitle')}>
          <h2>{t('pages', { count: pages.length })}</h2>
          <CapturedPages
            pages={pages}
            busy={busy}
            ready={camera.ready}
            onMove={(p, delta) => void change(() => movePage(db, p.id, delta))}
            onRotate={(p) => void rotate(p)}
            onRetake={(p) => void takePhoto(p.id)}
            onDelete={(p) => void change(() => removePage(db, p.id, me))}
          />
          {entryId && pages.length > 0 && (
            <SubmitForm entryId={entryId} settings={settings} saveButton={saveButton} />
          )}
        </section>
      </div>
      {entry && risk && pages.length > 0 && (
        <FallbackSection entry={entry} risk={risk} reach={reach} settings={settings} />
      )}
    </div>
  );
}

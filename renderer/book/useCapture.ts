import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { MAX_PAGES_PER_ENTRY, type BookPage } from '../../shared/book/model';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import { useDb } from '../db/context';
import { storedPhotoBlob } from '../db/photoBytes';
import { useSignedInEmployee } from '../people';
import { DuplicatePage, EntryClosed, EntryFull, addPage, replacePage, type NewPage } from './actions';
import { ImageRejected } from './imaging';
import { processFile, processFrame, rotateStored } from './imageWorker';
import { saveFailureText } from '../ui/saveFailure';

/** What went wrong with one capture or import, in words; `file` names the imported file. */
export type CaptureProblem = { file?: string; text: string };

/**
 * R6: taking, importing and rotating pages, one at a time — a capture is durable before the next one
 * starts. The first page of a new entry starts it and moves the route to it. Space takes a photo whenever
 * the focus is not in a text field or on another control.
 */
export function useCapture({
  entryId,
  settings,
  video,
  ready,
}: {
  entryId: string | null;
  settings: WorkstationSettings;
  video: RefObject<HTMLVideoElement | null>;
  ready: boolean;
}) {
  const { t } = useTranslation('book');
  const db = useDb();
  const me = useSignedInEmployee();
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<CaptureProblem[]>([]);
  const options = { longEdge: settings.photoLongEdge, quality: settings.photoQuality };
  // The entry the next page joins: set by the first page of a new entry before the route catches up, and
  // following every change of the route — to null too. The page keeps this view mounted while an entry
  // loads, so "New entry" chosen before a saved entry has loaded must not add pages to that entry
  // (issue 20, chaos seed 80078: every page was refused as "already saved").
  const current = useRef(entryId);
  useEffect(() => {
    current.current = entryId;
  }, [entryId]);

  const explain = (err: unknown): string => {
    if (err instanceof ImageRejected) return t(`rejected.${err.code}`);
    if (err instanceof DuplicatePage) return t('rejected.duplicate', { page: err.pageNo });
    if (err instanceof EntryFull) return t('rejected.full', { max: MAX_PAGES_PER_ENTRY });
    if (err instanceof EntryClosed) return t('rejected.closed');
    // Issue 13: Dexie reports a full disk as its own QuotaExceededError, or as the AbortError of the
    // transaction it aborted — recognised either way; the pages saved before are kept.
    return saveFailureText(err, (message) => t('rejected.failed', { message }), 'page');
  };

  async function save(page: NewPage, replacing?: string) {
    if (replacing) await replacePage(db, replacing, page, me);
    else {
      const { entry: saved } = await addPage(db, current.current, page, settings, me);
      if (current.current !== saved.id) {
        current.current = saved.id;
        navigate(`/book/${saved.id}`, { replace: true });
      }
    }
  }

  async function takePhoto(replacing?: string) {
    const frame = video.current;
    if (busy || !frame || !ready) return;
    setBusy(true);
    try {
      await save({ image: await processFrame(frame, options), source: 'camera' }, replacing);
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
    const found: CaptureProblem[] = [];
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
      const blob = await storedPhotoBlob(db, page.sha256);
      if (!blob) throw new ImageRejected('missing');
      const image = await rotateStored(blob, { ...options, rotate: 90 });
      await replacePage(
        db,
        page.id,
        {
          image: { ...image, sourceSha256: page.sourceSha256 },
          source: page.source,
          originalName: page.originalName,
        },
        me,
      );
    } catch (err) {
      setProblems([{ text: explain(err) }]);
    } finally {
      setBusy(false);
    }
  }

  /** Moving or deleting a page: a failure (a full disk) is said like a capture's, never swallowed. */
  async function change(action: () => Promise<unknown>) {
    try {
      await action();
      setProblems([]);
    } catch (err) {
      setProblems([{ text: explain(err) }]);
    }
  }

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

  return { busy, problems, takePhoto, importFiles, rotate, change };
}

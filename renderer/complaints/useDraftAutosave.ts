import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyComplaintInput, type ComplaintInput } from '../../shared/complaints/model';
import type { OtklikDatabase } from '../db/database';
import { saveFailureText } from '../ui/saveFailure';
import { saveDraft } from './actions';

const DRAFT_DELAY_MS = 300;

/** Nothing typed yet: the channel and the time alone are no draft worth keeping. */
export const isBlank = (input: ComplaintInput) =>
  JSON.stringify({ ...input, receivedAt: '', channel: '' }) ===
  JSON.stringify({ ...emptyComplaintInput(input.channel, new Date()), receivedAt: '', channel: '' });

/**
 * R22: what is typed is in IndexedDB within a third of a second, and at once when the page goes away, so a
 * crash or a closed window loses nothing. Each window keeps its own draft (`draftId`, drafts.ts). A draft
 * that cannot be saved (issue 13: a full disk) is not silent: the form shows the returned text until a
 * later save works.
 */
export function useDraftAutosave(db: OtklikDatabase, draftId: string, input: ComplaintInput): string | null {
  const { t } = useTranslation('complaints');
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(input);
  // With this render's database, draft and language, whenever the timer or the page's going calls it.
  const save = useEffectEvent(
    (value: ComplaintInput) =>
      void saveDraft(db, draftId, value).then(
        () => setProblem(null),
        (error: unknown) =>
          setProblem(saveFailureText(error, (message) => t('form.draftFailed', { message }), 'draft')),
      ),
  );
  useEffect(() => {
    latest.current = input;
    if (isBlank(input)) return;
    const timer = setTimeout(() => save(input), DRAFT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [input]);
  useEffect(() => {
    const flush = () => {
      if (!isBlank(latest.current)) save(latest.current);
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, []);
  return problem;
}

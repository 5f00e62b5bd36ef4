import { useEffect, useRef } from 'react';
import { emptyComplaintInput, type ComplaintInput } from '../../shared/complaints/model';
import type { OtklikDatabase } from '../db/database';
import { saveDraft } from './actions';

const DRAFT_DELAY_MS = 300;

/** Nothing typed yet: the channel and the time alone are no draft worth keeping. */
export const isBlank = (input: ComplaintInput) =>
  JSON.stringify({ ...input, receivedAt: '', channel: '' }) ===
  JSON.stringify({ ...emptyComplaintInput(input.channel, new Date()), receivedAt: '', channel: '' });

/**
 * R22: what is typed is in IndexedDB within a third of a second, and at once when the page goes away, so a
 * crash or a closed window loses nothing.
 */
export function useDraftAutosave(db: OtklikDatabase, input: ComplaintInput): void {
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
}

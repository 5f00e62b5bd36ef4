import { problemText, type ProblemText } from '../../shared/sync/problems';
import type { SyncError } from './state';

/**
 * The sync error in plain words: the kind of trouble and whether it fixes itself; a refusal says what HQ
 * refused. Statuses written by older versions have no problem recorded: the kind alone.
 */
export function errorSummary(error: SyncError): ProblemText {
  const worded = error.problem && problemText(error.problem);
  if (worded && (error.kind === 'refused' || worded.key.startsWith('problem.hq.'))) return worded;
  return { key: `errors.${error.kind}`, values: {}, detail: worded?.detail ?? error.message };
}

import { Dexie } from 'dexie';
import { callbackState, type CallbackState } from '../../../shared/handling/callbacks';
import {
  DEFAULT_DUPLICATE_SETTINGS,
  duplicateSearchWords,
  findDuplicates,
  type DuplicateDraft,
  type DuplicateMatch,
  type DuplicateSettings,
} from '../../../shared/handling/duplicates';
import type { OtklikDatabase } from '../../db/database';
import type { StoredComplaint } from '../../db/listKeys';

export interface CallbackReminder {
  complaint: StoredComplaint;
  state: Extract<CallbackState, 'due_soon' | 'overdue'>;
}

/**
 * R4: the callbacks to remind at `now` — due soon or missed — of the branch's open complaints. A pending
 * callback is an open deadline, so every such complaint carries the urgency keys (renderer/db/listKeys):
 * the index holds the open complaints only. The internal register only for who may see it (R24). Soonest
 * first.
 */
export async function callbackReminders(
  db: OtklikDatabase,
  now: Date,
  internalToo: boolean,
): Promise<CallbackReminder[]> {
  const open = await db.complaints
    .where('[urgency.register+urgency.soonFrom]')
    .between([Dexie.minKey, Dexie.minKey], [Dexie.maxKey, Dexie.maxKey])
    .filter((c) => Boolean(c.progress.callback) && (internalToo || !c.confidential))
    .toArray();
  const due: CallbackReminder[] = [];
  for (const complaint of open) {
    const state = callbackState(complaint.progress.callback, now);
    if (state === 'due_soon' || state === 'overdue') due.push({ complaint, state });
  }
  return due.sort((a, b) =>
    a.complaint.progress.callback!.dueAt.localeCompare(b.complaint.progress.callback!.dueAt),
  );
}

/**
 * R5: likely duplicates of a complaint being registered — candidates found by the search index (same phone
 * digits, e-mail or name: shared/handling/duplicates `duplicateSearchWords`), scored by the shared rule.
 * The internal register only for who may see it (R24).
 */
export async function likelyDuplicates(
  db: OtklikDatabase,
  draft: DuplicateDraft,
  internalToo: boolean,
  settings: DuplicateSettings = DEFAULT_DUPLICATE_SETTINGS,
): Promise<DuplicateMatch[]> {
  const words = duplicateSearchWords(draft);
  if (words.length === 0) return [];
  const candidates = await db.complaints
    .where('searchWords')
    .anyOf(words)
    .distinct()
    .filter((c) => internalToo || !c.confidential)
    .toArray();
  return findDuplicates(draft, candidates, settings);
}

/**
 * R5: the likely duplicates of a registered complaint, to merge with it — the same rule as at registration
 * (`findDuplicates`), among the branch's other complaints that are open and not merged already. After a
 * pull these include the ones another PC of the branch registered while offline, which that PC could not
 * offer at registration. The internal register only for who may see it (R24).
 */
export async function mergeCandidates(
  db: OtklikDatabase,
  complaint: StoredComplaint,
  internalToo: boolean,
  settings: DuplicateSettings = DEFAULT_DUPLICATE_SETTINGS,
): Promise<DuplicateMatch[]> {
  const words = duplicateSearchWords(complaint);
  if (words.length === 0) return [];
  const candidates = await db.complaints
    .where('searchWords')
    .anyOf(words)
    .distinct()
    .filter(
      (c) =>
        c.id !== complaint.id &&
        c.status !== 'closed' &&
        !c.progress.mergedInto &&
        (internalToo || !c.confidential),
    )
    .toArray();
  return findDuplicates(complaint, candidates, settings);
}

import { i18next } from '../i18n';
import { isStorageFull } from '../platform/storage';

/**
 * Which full-disk message a write path shows: its data is on the screen, or it is a page, a draft, or a
 * file being attached (issue 15: the file is still where it was chosen from).
 */
export type FullDiskContext = 'entered' | 'page' | 'draft' | 'file';

const FULL_DISK_KEYS = {
  entered: 'storage.full',
  page: 'storage.fullPage',
  draft: 'storage.fullDraft',
  file: 'storage.fullFile',
} as const;

/**
 * R22, issue 13: what the user is told when saving failed. A full disk is named as such, in their language:
 * nothing of this action was saved, everything saved before is kept (an action's transaction is all or
 * nothing), and what they entered is still there to save again. Anything else: `otherwise`, given the
 * technical message.
 */
export function saveFailureText(
  error: unknown,
  otherwise: (message: string) => string,
  context: FullDiskContext = 'entered',
): string {
  if (isStorageFull(error)) return i18next.t(FULL_DISK_KEYS[context], { ns: 'common' });
  return otherwise(error instanceof Error ? error.message : String(error));
}

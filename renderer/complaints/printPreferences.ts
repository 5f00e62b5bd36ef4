import {
  readPrintPreferences,
  rememberPrintChoice,
  type DocumentKind,
  type PrintChoice,
  type PrintPreferences,
} from '../../shared/documents';
import type { OtklikDatabase } from '../db/database';

/** This PC's paper and printer choices (issue 16), in the device's own table: not business data, never synced. */
const KEY = 'documents.print';

export async function loadPrintPreferences(db: OtklikDatabase): Promise<PrintPreferences> {
  return readPrintPreferences((await db.meta.get(KEY))?.value);
}

export async function rememberPrint(
  db: OtklikDatabase,
  kind: DocumentKind,
  choice: PrintChoice,
): Promise<PrintPreferences> {
  return db.transaction('rw', db.meta, async () => {
    const next = rememberPrintChoice(readPrintPreferences((await db.meta.get(KEY))?.value), kind, choice);
    await db.meta.put({ key: KEY, value: next });
    return next;
  });
}

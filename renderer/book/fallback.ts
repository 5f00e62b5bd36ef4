import type { BookEntry } from '../../shared/book/model';
import { bookEntryMessageId, bookMailAttachments, bookMailContent } from '../../shared/mail/content';
import { buildEml } from '../../shared/mail/eml';
import { mailRecipients } from '../../shared/mail/recipients';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import type { OtklikDatabase } from '../db/database';
import type { Signer } from '../db/employees';
import { i18next, loadLanguage } from '../i18n';
import { pagesWithImages, recordFallback } from './actions';
import { offerDownload } from '../platform/download';
import { ImageRejected } from './imaging';

/**
 * R7 fallback: when HQ cannot be reached in time, the branch itself produces the e-mail — the same message
 * HQ would send (shared/mail: recipients, text in the branch's language, the photos attached in page order,
 * the same Message-ID) — as an `.eml` file any mail client opens ready to send. Producing it is recorded on
 * the entry and queued for HQ.
 */

/** Thrown when the catalogue of the branch's language could not be loaded: the e-mail is not worded in another. */
export class LanguageUnavailable extends Error {
  constructor(readonly language: string) {
    super(`The ${language} catalogue of the e-mail could not be loaded`);
    this.name = 'LanguageUnavailable';
  }
}

/** Thrown when the settings lack the manager's e-mail. */
export { DirectoryIncomplete } from '../../shared/mail/recipients';

export async function buildFallbackEml(
  db: OtklikDatabase,
  entry: BookEntry,
  settings: WorkstationSettings,
  now = new Date(),
): Promise<{ filename: string; content: string; pages: string[] }> {
  const recipients = mailRecipients('book_entry', settings);
  const pages = await pagesWithImages(db, entry.id);
  if (pages.length === 0 || pages.some((p) => !p.blob)) throw new ImageRejected('missing');
  const complaint = entry.complaintId ? await db.complaints.get(entry.complaintId) : undefined;
  // The branch's language, which need not be the screen's: loaded if it is not yet.
  if (!(await loadLanguage(settings.language, ['mail']))) throw new LanguageUnavailable(settings.language);
  const t = i18next.getFixedT(settings.language, 'mail') as (
    k: string,
    o?: Record<string, unknown>,
  ) => string;
  const { subject, text } = bookMailContent(t, {
    complaintNumber: entry.complaintNumber,
    branchCode: settings.branchCode,
    branchName: settings.branchName,
    employee: entry.capturedBy,
    capturedAt: new Date(entry.capturedAt),
    deadline: new Date(entry.deadline),
    summary: complaint?.description ?? '',
    pageCount: pages.length,
    managerName: settings.managerName,
    language: settings.language,
    timeZone: settings.timeZone,
    fallback: true,
  });
  const attachments = bookMailAttachments(
    await Promise.all(
      pages.map(async (p) => ({
        pageNo: p.pageNo,
        mime: p.mime,
        content: new Uint8Array(await p.blob!.arrayBuffer()),
      })),
    ),
  );
  const content = buildEml({
    ...recipients,
    subject,
    text,
    date: now,
    messageId: bookEntryMessageId(entry.id),
    attachments,
    draft: true,
  });
  const name = (entry.complaintNumber ?? entry.id).replace(/[^A-Za-z0-9-]/g, '_');
  return { filename: `${name}.eml`, content, pages: pages.map((p) => p.sha256) };
}

/** Builds the file, hands it to the user as a download and records that the fallback was used. */
export async function exportFallbackEml(
  db: OtklikDatabase,
  entry: BookEntry,
  settings: WorkstationSettings,
  signer: Signer,
  now = new Date(),
): Promise<string> {
  const eml = await buildFallbackEml(db, entry, settings, now);
  offerDownload(new Blob([eml.content], { type: 'message/rfc822' }), eml.filename);
  await recordFallback(db, entry.id, eml.pages, signer, now);
  return eml.filename;
}

import { buildEml, type MailAddress } from '../../shared/book/eml';
import { bookEntryMessageId, bookMailAttachments, bookMailContent } from '../../shared/book/mail';
import type { BookEntry } from '../../shared/book/model';
import type { WorkstationSettings } from '../../shared/settings/workstation';
import type { OtklikDatabase } from '../db/database';
import { i18next } from '../i18n';
import { pagesWithImages, recordFallback } from './actions';
import { ImageRejected } from './imaging';

/**
 * R7 fallback: when HQ cannot be reached in time, the branch itself produces the e-mail — To the direct
 * manager, Cc the head of sales, the photos attached in page order, text in the branch's language — as an
 * `.eml` file any mail client opens ready to send. Producing it is recorded on the entry and queued for HQ.
 */

export class DirectoryIncomplete extends Error {
  constructor() {
    super("The manager's e-mail is not set");
  }
}

export function recipientsOf(s: WorkstationSettings): { to: MailAddress[]; cc: MailAddress[] } {
  if (!s.managerEmail) throw new DirectoryIncomplete();
  return {
    to: [{ name: s.managerName || undefined, address: s.managerEmail }],
    cc: s.headOfSalesEmail ? [{ name: s.headOfSalesName || undefined, address: s.headOfSalesEmail }] : [],
  };
}

export async function buildFallbackEml(
  db: OtklikDatabase,
  entry: BookEntry,
  settings: WorkstationSettings,
  now = new Date(),
): Promise<{ filename: string; content: string; pages: string[] }> {
  const recipients = recipientsOf(settings);
  const pages = await pagesWithImages(db, entry.id);
  if (pages.length === 0 || pages.some((p) => !p.blob)) throw new ImageRejected('missing');
  const complaint = entry.complaintId ? await db.complaints.get(entry.complaintId) : undefined;
  const t = i18next.getFixedT(settings.language, 'mail') as (
    k: string,
    o?: Record<string, unknown>,
  ) => string;
  const { subject, text } = bookMailContent(t, {
    entryId: entry.id,
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
  now = new Date(),
): Promise<string> {
  const eml = await buildFallbackEml(db, entry, settings, now);
  const url = URL.createObjectURL(new Blob([eml.content], { type: 'message/rfc822' }));
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = eml.filename;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  await recordFallback(db, entry.id, eml.pages, settings, now);
  return eml.filename;
}

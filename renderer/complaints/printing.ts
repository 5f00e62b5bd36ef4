import type { Complaint } from '../../shared/complaints/model';
import {
  branchDetailsOf,
  customerLanguageOf,
  documentOf,
  printChoice,
  type DocumentKind,
  type DocumentSource,
} from '../../shared/documents';
import type { PrintResult } from '../../shared/ipc/contract';
import { resolvedPolicyOf } from '../../shared/settings/directory';
import { branchCalendarOf, policyOf, type WorkstationSettings } from '../../shared/settings/workstation';
import type { OtklikDatabase } from '../db/database';
import { hqLink, statusPageUrl } from '../db/device';
import type { Signer } from '../db/employees';
import { printComplaintDocument } from '../documents';
import { recordDocumentPrinted } from './actions';
import { loadPrintPreferences } from './printPreferences';
import { complaintHistory } from './queries';

/**
 * Issue 16 (R9, R15, R25): prints one of a complaint's documents on this PC's remembered paper and printer,
 * through the platform's print path (Electron's hidden window, or the browser's print dialog), and records
 * the print in the complaint's history, in the customer's language (the branch's for a complaint registered
 * before it was recorded). Never throws for a print problem (it comes back as a result);
 * a failure to record the print after it succeeded does throw (the disk may be full).
 */
export async function printForComplaint(
  db: OtklikDatabase,
  complaint: Complaint,
  kind: DocumentKind,
  settings: WorkstationSettings,
  signer: Signer,
  now = new Date(),
  action: 'print' | 'pdf' = 'print',
): Promise<PrintResult> {
  const branch = branchDetailsOf(settings);
  const source: DocumentSource = {
    complaint,
    events: await complaintHistory(db, complaint.id),
    branch,
    calendar: branchCalendarOf(settings),
    policy: policyOf(settings),
    language: customerLanguageOf(complaint, branch.language),
    now,
  };
  // Issue 15 (R17): the recourse routes HQ configured for the company or branch, else the shipped ones.
  source.recourseTable = resolvedPolicyOf(settings, (await hqLink(db))?.branch).recourse;
  // Issue 16 item 4: when HQ runs the status page, the receipt's QR code opens it.
  const statusPage = await statusPageUrl(db);
  if (statusPage) source.statusPageUrl = statusPage;
  const doc = documentOf(kind, source);
  if (!doc) return { ok: false, problem: 'unavailable' };
  const choice = printChoice(await loadPrintPreferences(db), kind);
  const result = await printComplaintDocument(doc, choice, action);
  if (result.ok)
    await recordDocumentPrinted(
      db,
      complaint.id,
      { document: kind, paper: choice.format, language: doc.language },
      signer,
      now,
    );
  return result;
}

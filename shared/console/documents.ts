import { DEFAULT_POLICY_ID, POLICY_PRESETS, type PolicyPresetId } from '../deadlines/policies';
import { UKRAINE_MARTIAL_LAW_DEFAULT } from '../deadlines/calendar';
import { branchDetailsOfDirectory } from '../documents/branch';
import { documentOf } from '../documents/document-of';
import { customerLanguageOf } from '../documents/language';
import type { ComplaintDocument, DocumentKind } from '../documents/model';
import { recourseTableOf } from '../documents/recourse';
import type { DocumentSource } from '../documents/source';
import type { ComplaintDetail } from './protocol';

/**
 * Issue 16 item 1 (R9, R15, R17, R25): a complaint's documents at HQ's console, made from the complaint's
 * page as HQ sends it (fields, history, the branch's calendar, policy and contacts) with the very models
 * the branch prints, in the complaint's customer language — so the console's acknowledgement names the same
 * answer date as the branch's receipt.
 */
export function consoleDocumentSource(detail: ComplaintDetail, now: Date): DocumentSource {
  const b = detail.branch;
  const branch = branchDetailsOfDirectory(b);
  const policyId = (b.policyId ?? DEFAULT_POLICY_ID) as PolicyPresetId;
  return {
    complaint: detail.complaint,
    events: detail.history,
    branch,
    calendar: {
      country: b.country,
      timeZone: b.timeZone,
      extraDaysOff: b.extraDaysOff ?? [],
      extraWorkingDays: b.extraWorkingDays ?? [],
      ukraineMartialLaw: b.ukraineMartialLaw ?? UKRAINE_MARTIAL_LAW_DEFAULT,
    },
    policy: POLICY_PRESETS[policyId] ?? POLICY_PRESETS[DEFAULT_POLICY_ID],
    language: customerLanguageOf(detail.complaint, branch.language),
    now,
    ...(detail.statusPageUrl ? { statusPageUrl: detail.statusPageUrl } : {}),
    ...(b.recourse ? { recourseTable: recourseTableOf(undefined, b.recourse) } : {}),
  };
}

/** The document of this kind as the console prints it now; null when the complaint has none. */
export function consoleDocument(
  kind: DocumentKind,
  detail: ComplaintDetail,
  now: Date,
): ComplaintDocument | null {
  return documentOf(kind, consoleDocumentSource(detail, now));
}

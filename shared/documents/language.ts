import type { Complaint } from '../complaints/model';
import { isLanguage, type Language } from '../settings/languages';

/**
 * R9, R25 (issue 16): the language a complaint's documents and e-mail copies are in — the one recorded at
 * registration; a complaint registered before the field existed (or carrying an unknown value) gets its
 * branch's language.
 */
export function customerLanguageOf(
  complaint: Pick<Complaint, 'customerLanguage'>,
  branchLanguage: Language,
): Language {
  return isLanguage(complaint.customerLanguage) ? complaint.customerLanguage : branchLanguage;
}

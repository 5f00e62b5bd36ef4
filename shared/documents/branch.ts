import {
  DEFAULT_LANGUAGE,
  isLanguage,
  type Country,
  type Language,
  type WorkstationSettings,
} from '../settings/workstation';

/** The branch as its documents name it, and how a customer reaches it (R9). */
export interface BranchDetails {
  code: string;
  name: string;
  /** Empty when not set: documents then name the branch alone. */
  address: string;
  phone: string;
  email: string;
  country: Country;
  /** Every date on a document is in this zone, whatever the PC is set to. */
  timeZone: string;
  /** The branch's language: a customer's documents default to it. */
  language: Language;
  /** 'HH:MM' in the branch's zone. */
  opens: string;
  closes: string;
  /** Named in the decision letter as the internal appeal (R14, R17); may be empty. */
  headOfSalesName: string;
}

export function branchDetailsOf(s: WorkstationSettings): BranchDetails {
  return {
    code: s.branchCode,
    name: s.branchName,
    address: s.branchAddress?.trim() ?? '',
    phone: s.branchPhone?.trim() ?? '',
    email: s.branchEmail?.trim() ?? '',
    country: s.country,
    timeZone: s.timeZone,
    language: isLanguage(s.language) ? s.language : DEFAULT_LANGUAGE,
    opens: s.officeOpens,
    closes: s.officeCloses,
    headOfSalesName: s.headOfSalesName.trim(),
  };
}

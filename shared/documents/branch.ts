import {
  COUNTRIES,
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
  /** Issue 16 item 3: opening hours as HQ's directory writes them; printed instead of opens–closes when set. */
  hours?: string;
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
    ...(s.branchHours?.trim() ? { hours: s.branchHours.trim() } : {}),
    headOfSalesName: s.headOfSalesName.trim(),
  };
}

/**
 * The branch as HQ's directory holds it (issue 16 item 3): what HQ's e-mailed copies and the console's
 * documents are made from. Contact fields HQ has not set are empty, and the documents leave them out.
 */
export interface DirectoryBranchDetails {
  code: string;
  name: string;
  country: string;
  timeZone: string;
  language: string;
  address?: string | undefined;
  phone?: string | undefined;
  hours?: string | undefined;
  headOfSalesName?: string | undefined;
}

export function branchDetailsOfDirectory(b: DirectoryBranchDetails): BranchDetails {
  return {
    code: b.code,
    name: b.name,
    address: b.address?.trim() ?? '',
    phone: b.phone?.trim() ?? '',
    email: '',
    country: (COUNTRIES as readonly string[]).includes(b.country) ? (b.country as Country) : 'RU',
    timeZone: b.timeZone,
    language: isLanguage(b.language) ? b.language : DEFAULT_LANGUAGE,
    // HQ keeps opening hours as text, not as the counter's opening and closing times.
    opens: '',
    closes: '',
    ...(b.hours?.trim() ? { hours: b.hours.trim() } : {}),
    headOfSalesName: b.headOfSalesName?.trim() ?? '',
  };
}
